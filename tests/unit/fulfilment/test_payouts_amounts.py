"""The payout arithmetic: commission and TCS rounded half up to the paisa, reversals that add back up."""

from decimal import Decimal

import pytest

from fulfilment.payouts.amounts import SaleSplit, percent_of, reversal_of, sale_split, share_of


@pytest.mark.parametrize(
    ("amount", "percent", "expected"),
    [
        (Decimal("1249.00"), Decimal("10"), Decimal("124.90")),
        (Decimal("0.05"), Decimal("10"), Decimal("0.01")),  # 0.005 → half up
        (Decimal("0.04"), Decimal("10"), Decimal("0.00")),  # 0.004 → down
        (Decimal("1189.50"), Decimal("0.5"), Decimal("5.95")),  # 5.9475 → 5.95
        (Decimal("1189.00"), Decimal("0.5"), Decimal("5.95")),  # 5.945 exactly → up, not banker's 5.94
        (Decimal("1.00"), Decimal("0.5"), Decimal("0.01")),  # 0.005 → up
    ],
)
def test_percent_rounds_half_up_to_the_paisa(amount, percent, expected):
    assert percent_of(amount=amount, percent=percent) == expected


def test_sale_split_uses_the_settings(settings):
    # given a ₹1,249 line (5 % GST: taxable ₹1,189.52) at 10 % commission and 0.5 % TCS
    settings.PLATFORM_COMMISSION_PERCENT, settings.GST_TCS_PERCENT = Decimal("10"), Decimal("0.5")
    split = sale_split(gross=Decimal("1249.00"), taxable_value=Decimal("1189.52"))
    # then commission is on the GST-inclusive price, TCS on the taxable value, net adds up
    assert (split.commission, split.tcs, split.net) == (Decimal("124.90"), Decimal("5.95"), Decimal("1118.15"))
    settings.PLATFORM_COMMISSION_PERCENT, settings.GST_TCS_PERCENT = Decimal("12.5"), Decimal("1")
    split = sale_split(gross=Decimal("999.99"), taxable_value=Decimal("952.37"))
    assert (split.commission, split.tcs) == (Decimal("125.00"), Decimal("9.52"))  # 124.99875, 9.5237


def test_share_divides_once():
    # a third of ₹100 is ₹33.33 for each part, never ₹33.34 from a rounded factor
    assert share_of(amount=Decimal("100.00"), part=Decimal("1"), whole=Decimal("3")) == Decimal("33.33")
    assert share_of(amount=Decimal("0.05"), part=Decimal("1"), whole=Decimal("2")) == Decimal("0.03")


def test_a_full_reversal_returns_exactly_what_is_outstanding():
    outstanding = SaleSplit(Decimal("1249.00"), Decimal("124.90"), Decimal("5.95"))
    taken = reversal_of(outstanding=outstanding, gross=Decimal("5000.00"))  # more than there is: capped
    assert (taken.gross, taken.commission, taken.tcs, taken.net) == (
        Decimal("1249.00"),
        Decimal("124.90"),
        Decimal("5.95"),
        Decimal("1118.15"),
    )


def test_partial_reversals_take_commission_and_tcs_in_the_same_share_and_add_up():
    outstanding = SaleSplit(Decimal("1000.00"), Decimal("100.00"), Decimal("4.76"))
    first = reversal_of(outstanding=outstanding, gross=Decimal("333.33"))
    assert (first.commission, first.tcs) == (Decimal("33.33"), Decimal("1.59"))  # 1.58666 → 1.59
    rest = SaleSplit(
        outstanding.gross - first.gross, outstanding.commission - first.commission, outstanding.tcs - first.tcs
    )
    second = reversal_of(outstanding=rest, gross=rest.gross)
    # the two reversals give back the credit exactly, to the paisa
    assert first.net + second.net == outstanding.net
