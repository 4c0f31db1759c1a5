"""Writes on orders: the order's status follows its artisans' parcels (set explicitly, no signals)."""

from django.db import transaction
from oscar.core.loading import get_model

Order = get_model("order", "Order")
ShipmentGroup = get_model("order", "ShipmentGroup")

_MOVED = {ShipmentGroup.STATUS_SHIPPED, ShipmentGroup.STATUS_DELIVERED, ShipmentGroup.STATUS_RETURNED}


def order_status_from_shipments(*, statuses: list[str], current: str) -> str:
    """The order status the pipeline should show for these parcel statuses (cancelled parcels aside)."""
    live = [status for status in statuses if status != ShipmentGroup.STATUS_CANCELLED]
    if not live:
        return "Cancelled"
    if all(status == ShipmentGroup.STATUS_RETURNED for status in live):
        return "Returned"
    if all(status in (ShipmentGroup.STATUS_DELIVERED, ShipmentGroup.STATUS_RETURNED) for status in live):
        return "Delivered"
    if all(status in _MOVED for status in live):
        return "Shipped"
    if any(status in _MOVED for status in live):
        return "Partially shipped"
    return current


@transaction.atomic
def shipment_group_status_set(*, group_id: int, status: str) -> Order:
    """Move one parcel, then the order to what its parcels add up to (raises if the pipeline forbids it)."""
    group = ShipmentGroup.objects.select_for_update().get(pk=group_id)
    order = Order.objects.select_for_update().get(pk=group.order_id)
    group.status = status
    group.full_clean(exclude=["order", "partner"])
    group.save(update_fields=["status"])
    statuses = list(order.shipment_groups.values_list("status", flat=True))
    target = order_status_from_shipments(statuses=statuses, current=order.status)
    if target != order.status:
        order.set_status(target)
    return order
