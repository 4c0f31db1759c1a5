"""GST breakup of an order line, computed once at placement and stored on the line.

Rule (documented in the README): the line's GST-inclusive total is split per line, never per unit.
Taxable value = inclusive × 100 / (100 + rate), rounded half up to the paisa; GST = inclusive −
taxable value. Within a state GST is split CGST = half of GST rounded half up, SGST = the rest; across
states it is all IGST. So taxable value + taxes equals the line total exactly, and order totals add up.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from partner_ext.strategy import PAISA, gst_back_out


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
