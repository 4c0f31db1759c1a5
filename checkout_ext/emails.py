"""What the order confirmation e-mail says: lines with their GST, shipping per artisan, the COD fee and
the total, all from the order's money account (shop.money); links absolute from SITE_URL."""

from django.conf import settings
from django.contrib.sites.models import Site
from django.urls import reverse

from invoices.selectors import GUEST, SHOPPER, invoice_links
from order_ext.selectors import order_money


def order_status_url(*, order) -> str:
    if order.user_id:
        path = reverse("customer:order", kwargs={"order_number": order.number})
    else:
        path = reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()})
    return settings.SITE_URL + path


def order_confirmation_context(*, order) -> dict:
    lines = list(order.lines.select_related("shipment_group"))
    status_url = order_status_url(order=order)
    return {
        "user": order.user,
        "order": order,
        "lines": lines,
        "money": order_money(order=order),
        "shipment_groups": list(order.shipment_groups.select_related("partner")),
        "surcharges": list(order.surcharges.all()),
        "status_path": status_url.removeprefix(settings.SITE_URL),
        "status_url": status_url,
        "invoices": invoice_links(order=order, audience=SHOPPER if order.user_id else GUEST, absolute=True),
        "site_url": settings.SITE_URL,
        "shop_name": settings.OSCAR_SHOP_NAME,
        "shop_tagline": settings.OSCAR_SHOP_TAGLINE,
        "site": Site.objects.get_current(),
    }
