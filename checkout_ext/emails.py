"""What the order confirmation email says: lines with their GST, shipping per artisan and the COD fee."""

from django.contrib.sites.models import Site
from django.urls import reverse


def order_confirmation_context(*, order) -> dict:
    if order.user_id:
        path = reverse("customer:order", kwargs={"order_number": order.number})
    else:
        path = reverse("customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()})
    lines = list(order.lines.select_related("shipment_group"))
    return {
        "user": order.user,
        "order": order,
        "lines": lines,
        "shipment_groups": list(order.shipment_groups.select_related("partner")),
        "surcharges": list(order.surcharges.all()),
        "status_path": path,
        "site": Site.objects.get_current(),
    }
