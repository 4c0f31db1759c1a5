"""Reads about orders: the refunds paid on an order, and the GST breakup of an order line, computed once at placement and stored on the line.

Rule (documented in the README): the line's GST-inclusive total is split per line, never per unit.
Taxable value = inclusive × 100 / (100 + rate), rounded half up to the paisa; GST = inclusive −
taxable value. Within a state GST is split CGST = half of GST rounded half up, SGST = the rest; across
states it is all IGST. So taxable value + taxes equals the line total exactly, and order totals add up.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from oscar.core.loading import get_model

from partner_ext.strategy import PAISA, gst_back_out

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


@dataclass(frozen=True)
class GstBreakup:
    taxable_value: Decimal
    rate: Decimal
    cgst: Decimal
    sgst: Decimal
    igst: Decimal

    @property
    def total_tax(self) -> Decimal:
        return self.cgst + self.sgst + self.igst


def gst_line_breakup(*, line_total_incl: Decimal, rate: Decimal, supplier_state: str, supply_state: str) -> GstBreakup:
    taxable, tax = gst_back_out(inclusive=line_total_incl, rate=rate)
    if supplier_state == supply_state:
        cgst = (tax / 2).quantize(PAISA, rounding=ROUND_HALF_UP)
        return GstBreakup(taxable, rate, cgst, tax - cgst, Decimal("0.00"))
    return GstBreakup(taxable, rate, Decimal("0.00"), Decimal("0.00"), tax)
