"""`{% basket_money_account … as money %}`, `{% order_money_account order as money %}`: every page's figures
come from shop.money's account (templates/shop/money_account.html shows it)."""

from django import template

from checkout_ext.selectors import basket_money
from order_ext.selectors import order_money

register = template.Library()


@register.simple_tag(takes_context=True)
def basket_money_account(context, basket, shipping_method=None, surcharges=None, estimate=False):
    fee = None
    for item in surcharges or []:
        if getattr(item.surcharge, "code", "") == "cod-fee":
            fee = item.price.incl_tax
    return basket_money(basket=basket, method=shipping_method, fee=fee, estimate=bool(estimate))


@register.simple_tag
def order_money_account(order):
    return order_money(order=order)
