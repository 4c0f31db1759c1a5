from decimal import Decimal

import pytest

from order_ext.selectors import gst_line_breakup
from partner_ext.strategy import gst_back_out
from payments.gateways import cod_fee


@pytest.mark.parametrize(
    ("amount", "fee"),
    [(Decimal("500"), Decimal("40.00")), (Decimal("2000"), Decimal("40.00")), (Decimal("2500"), Decimal("50.00")), (Decimal("1249.75"), Decimal("40.00")), (Decimal("3333.33"), Decimal("66.67"))],
)
def test_cod_fee_is_the_larger_of_fixed_and_percent(settings, amount, fee):
    settings.COD_FEE_FIXED, settings.COD_FEE_PERCENT = Decimal("40"), Decimal("2")
    assert cod_fee(amount=amount) == fee


def test_gst_is_backed_out_of_the_inclusive_price():
    # ₹1,249 at 5 %: 1249 × 100/105 = 1189.523… → 1189.52 taxable, 59.48 GST
    assert gst_back_out(inclusive=Decimal("1249.00"), rate=Decimal("5")) == (Decimal("1189.52"), Decimal("59.48"))


def test_intra_state_line_splits_cgst_and_sgst_and_adds_up():
    breakup = gst_line_breakup(line_total_incl=Decimal("1249.00"), rate=Decimal("5"), supplier_state="UP", supply_state="UP")
    assert (breakup.cgst, breakup.sgst, breakup.igst) == (Decimal("29.74"), Decimal("29.74"), Decimal("0.00"))
    assert breakup.taxable_value + breakup.total_tax == Decimal("1249.00")


def test_odd_paisa_goes_to_cgst_so_halves_add_up():
    breakup = gst_line_breakup(line_total_incl=Decimal("1000.00"), rate=Decimal("5"), supplier_state="UP", supply_state="UP")
    # 1000 × 100/105 = 952.38; GST 47.62 → 23.81 + 23.81; try one that is odd
    odd = gst_line_breakup(line_total_incl=Decimal("1001.00"), rate=Decimal("18"), supplier_state="UP", supply_state="UP")
    assert breakup.cgst + breakup.sgst == Decimal("47.62")
    assert odd.cgst - odd.sgst in (Decimal("0.00"), Decimal("0.01"))
    assert odd.taxable_value + odd.cgst + odd.sgst == Decimal("1001.00")


def test_inter_state_line_is_all_igst():
    breakup = gst_line_breakup(line_total_incl=Decimal("2498.00"), rate=Decimal("5"), supplier_state="UP", supply_state="MH")
    assert (breakup.cgst, breakup.sgst) == (Decimal("0.00"), Decimal("0.00"))
    assert breakup.igst == Decimal("118.95")
    assert breakup.taxable_value == Decimal("2379.05")


@pytest.mark.parametrize("total", [Decimal(f"{n}.{p:02d}") for n in (1, 99, 1249, 7777) for p in (0, 1, 49, 99)])
@pytest.mark.parametrize("rate", [Decimal("0"), Decimal("3"), Decimal("5"), Decimal("18")])
def test_every_line_breakup_adds_up_to_the_paisa(total, rate):
    for supply in ("UP", "KA"):
        breakup = gst_line_breakup(line_total_incl=total, rate=rate, supplier_state="UP", supply_state=supply)
        assert breakup.taxable_value + breakup.total_tax == total
