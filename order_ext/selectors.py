"""Reads about orders: the refunds paid on an order, and the GST breakup of an order line, computed once at placement and stored on the line (rules: shop.money)."""

from decimal import Decimal

from oscar.core.loading import get_model

from shop.money import ZERO, GstSplit, LineMoney, MoneyAccount, ParcelMoney, gst_split

GstBreakup = GstSplit

PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
# Oscar payment event type of every refund paid back to the shopper (its lines, if ops chose lines).
REFUNDED = "Refunded"


def payment_refunded_line_ids(*, order) -> set[int]:
    """Lines a dashboard refund has already paid back; a line is refunded once."""
    return set(
        PaymentEventQuantity.objects.filter(event__order=order, event__event_type__name=REFUNDED).values_list(
            "line_id", flat=True
        )
    )


def payment_refunds(*, order) -> list[tuple]:
    """(amount, reference, line ids or None) of each refund on the order, in the order they were paid."""
    events = order.payment_events.filter(event_type__name=REFUNDED).prefetch_related("line_quantities")
    return [
        (event.amount, event.reference, [quantity.line_id for quantity in event.line_quantities.all()] or None)
        for event in events.order_by("date_created", "pk")
    ]


def gst_line_breakup(*, line_total_incl: Decimal, rate: Decimal, supplier_state: str, supply_state: str) -> GstSplit:
    return gst_split(inclusive=line_total_incl, rate=rate, supplier_state=supplier_state, supply_state=supply_state)


def _service_split(*, inclusive: Decimal, group) -> GstSplit:
    """Shipping or fee of a parcel, split as stored at placement (orders before the rule: no GST)."""
    if group is None or not group.service_gst_rate:
        return gst_split(inclusive=inclusive, rate=ZERO, supplier_state="-", supply_state="-")
    return gst_split(
        inclusive=inclusive,
        rate=group.service_gst_rate,
        supplier_state=group.service_state,
        supply_state=group.supply_state,
    )


def line_money(*, line) -> LineMoney:
    """An order line's stored figures (never recomputed: the invoice shows what was charged)."""
    split = GstSplit(
        inclusive=line.line_price_incl_tax,
        rate=line.gst_rate,
        taxable_value=line.taxable_value,
        tax=line.cgst + line.sgst + line.igst,
        cgst=line.cgst,
        sgst=line.sgst,
        igst=line.igst,
    )
    return LineMoney(
        title=line.title,
        quantity=line.quantity,
        hsn_code=line.hsn_code,
        gst=split,
        partner_id=line.partner_id,
        line_id=line.pk,
    )


def order_money(*, order) -> MoneyAccount:
    """The order's money account from what placement stored: lines, parcels, the COD fee."""
    lines = list(order.lines.all())
    groups = list(order.shipment_groups.select_related("partner"))
    goods = {}
    for line in lines:
        goods[line.shipment_group_id] = goods.get(line.shipment_group_id, ZERO) + line.line_price_incl_tax
    parcels = [
        ParcelMoney(
            artisan=group.partner.display_name,
            partner_id=group.partner_id,
            shipping=_service_split(inclusive=group.shipping_charge, group=group),
            goods=goods.get(group.pk, ZERO),
            arrives_by=group.promised_by,
        )
        for group in groups
    ]
    fees = [surcharge for surcharge in order.surcharges.all() if surcharge.code == "cod-fee"]
    fee = _service_split(inclusive=fees[0].incl_tax, group=groups[0] if groups else None) if fees else None
    return MoneyAccount(
        lines=[line_money(line=line) for line in lines], parcels=parcels, fee=fee, currency=order.currency
    )
