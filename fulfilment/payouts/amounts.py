"""The payout arithmetic, to the paisa: what the platform keeps of a sale and what a refund takes back.

Every amount is rounded half up (away from zero) to the paisa once, where it is computed, so the
ledger's sums are exact and an entry's net is always gross − commission − TCS.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

from shop.money import PAISA

ZERO = Decimal("0.00")


def paisa(amount: Decimal) -> Decimal:
    """A sum read back from the database, to the paisa: SQLite adds decimals as floats (0 can come
    back as 2.27e-13), and a balance that is not exact would be shown, compared and paid wrongly."""
    return Decimal(amount).quantize(PAISA, rounding=ROUND_HALF_UP)


def percent_of(*, amount: Decimal, percent: Decimal) -> Decimal:
    return (amount * Decimal(percent) / 100).quantize(PAISA, rounding=ROUND_HALF_UP)


def share_of(*, amount: Decimal, part: Decimal, whole: Decimal) -> Decimal:
    """amount × part / whole in one division, so shares of a round amount stay round."""
    return (amount * part / whole).quantize(PAISA, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SaleSplit:
    """A sale's gross and what the platform keeps of it; also what a refund or return takes back of
    one (all positive: the ledger entry negates them)."""

    gross: Decimal
    commission: Decimal
    tcs: Decimal

    @property
    def net(self) -> Decimal:
        return self.gross - self.commission - self.tcs


def sale_split(*, gross: Decimal, taxable_value: Decimal) -> SaleSplit:
    """Commission is a percent of the GST-inclusive price; TCS (CGST Act s. 52) of the taxable value."""
    return SaleSplit(
        gross=gross,
        commission=percent_of(amount=gross, percent=settings.PLATFORM_COMMISSION_PERCENT),
        tcs=percent_of(amount=taxable_value, percent=settings.GST_TCS_PERCENT),
    )


def reversal_of(*, outstanding: SaleSplit, gross: Decimal) -> SaleSplit:
    """Take back `gross` of a line's outstanding credit with the same share of its commission and TCS.

    Taking back everything outstanding returns exactly the commission and TCS still held, so a
    fully refunded line nets to zero whatever the rounding on the way.
    """
    gross = min(gross, outstanding.gross)
    if gross == outstanding.gross:
        return outstanding
    return SaleSplit(
        gross,
        share_of(amount=outstanding.commission, part=gross, whole=outstanding.gross),
        share_of(amount=outstanding.tcs, part=gross, whole=outstanding.gross),
    )
