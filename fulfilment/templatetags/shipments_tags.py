"""`{% order_parcels order as parcels %}`: an order's parcels with their tracking, for Oscar's order pages."""

from django import template

from fulfilment.shipments import selectors

register = template.Library()


@register.simple_tag
def order_parcels(order) -> list:
    return selectors.order_parcels(order=order) if order is not None and order.pk else []
