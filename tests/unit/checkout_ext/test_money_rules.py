from decimal import Decimal

import pytest

from order_ext.selectors import gst_line_breakup
from partner_ext.strategy import gst_back_out
from payments.gateways import cod_fee


@pytest.mark.parametrize(
    ("amount", "fee"),
    [
        (Decimal("500"), Decimal("40.00")),
        (Decimal("2000"), Decimal("40.00")),
        (Decimal("2500"), Decimal("50.00")),
        (Decimal("1249.75"), Decimal("40.00")),
        (Decimal("3333.33"), Decimal("66.67")),
    ],
)
def test_cod_fee_is_the_larger_of_fixed_and_percent(settings, amount, fee):
    settings.COD_FEE_FIXED, settings.COD_FEE_PERCENT = Decimal("40"), Decimal("2")
    assert cod_fee(amount=amount) == fee


def test_gst_is_backed_out_of_the_inclusive_price():
    # ₹1,249 at 5 %: 1249 × 100/105 = 1189.523… → 1189.52 taxable, 59.48 GST
    assert gst_back_out(inclusive=Decimal("1249.00"), rate=Decimal("5")) == (Decimal("1189.52"), Decimal("59.48"))


def test_intra_state_line_splits_cgst_and_sgst_and_adds_up():
    breakup = gst_line_breakup(
        line_total_incl=Decimal("1249.00"), rate=Decimal("5"), supplier_state="UP", supply_state="UP"
    )
    assert (breakup.cgst, breakup.sgst, breakup.igst) == (Decimal("29.74"), Decimal("29.74"), Decimal("0.00"))
    assert breakup.taxable_value + breakup.total_tax == Decimal("1249.00")


def test_odd_paisa_goes_to_cgst_so_halves_add_up():
    breakup = gst_line_breakup(
        line_total_incl=Decimal("1000.00"), rate=Decimal("5"), supplier_state="UP", supply_state="UP"
    )
    # 1000 × 100/105 = 952.38; GST 47.62 → 23.81 + 23.81; try one that is odd
    odd = gst_line_breakup(
        line_total_incl=Decimal("1001.00"), rate=Decimal("18"), supplier_state="UP", supply_state="UP"
    )
    assert breakup.cgst + breakup.sgst == Decimal("47.62")
    assert odd.cgst - odd.sgst in (Decimal("0.00"), Decimal("0.01"))
    assert odd.taxable_value + odd.cgst + odd.sgst == Decimal("1001.00")


def test_inter_state_line_is_all_igst():
    breakup = gst_line_breakup(
        line_total_incl=Decimal("2498.00"), rate=Decimal("5"), supplier_state="UP", supply_state="MH"
    )
    assert (breakup.cgst, breakup.sgst) == (Decimal("0.00"), Decimal("0.00"))
    assert breakup.igst == Decimal("118.95")
    assert breakup.taxable_value == Decimal("2379.05")


@pytest.mark.parametrize("total", [Decimal(f"{n}.{p:02d}") for n in (1, 99, 1249, 7777) for p in (0, 1, 49, 99)])
@pytest.mark.parametrize("rate", [Decimal("0"), Decimal("3"), Decimal("5"), Decimal("18")])
def test_every_line_breakup_adds_up_to_the_paisa(total, rate):
    for supply in ("UP", "KA"):
        breakup = gst_line_breakup(line_total_incl=total, rate=rate, supplier_state="UP", supply_state=supply)
        assert breakup.taxable_value + breakup.total_tax == total


class _Pin:
    def __init__(self, cod=True):
        self.code, self.cod_allowed = "400001", cod


class _Parcel:
    def __init__(self, charge, cod=True, name="Ansari Brass"):
        self.charge, self.cod_allowed = Decimal(charge), cod
        self.partner = type("P", (), {"display_name": name})()


@pytest.fixture
def cod_settings(settings):
    settings.COD_FEE_FIXED, settings.COD_FEE_PERCENT, settings.COD_MAX_ORDER_VALUE = (
        Decimal("40"),
        Decimal("2"),
        Decimal("50000"),
    )


@pytest.mark.parametrize(
    ("goods", "shipping", "allowed"),
    [
        # goods + shipping 49,019.61 → fee 980.39 → exactly ₹50,000.00: allowed
        ("48879.61", "140.00", True),
        # one paisa more of goods → fee still 980.39 → ₹50,000.01: refused
        ("48879.62", "140.00", False),
        # the same boundary without shipping
        ("49019.61", "0.00", True),
        ("49019.62", "0.00", False),
        # goods alone under the limit, but shipping and the fee take it over
        ("49500.00", "140.00", False),
    ],
)
def test_cod_limit_counts_goods_shipping_and_fee_to_the_paisa(cod_settings, goods, shipping, allowed):
    from shop.money import cod_eligibility, cod_fee

    parcels = [_Parcel(shipping)] if Decimal(shipping) else [_Parcel("0")]
    result = cod_eligibility(destination=_Pin(), parcels=parcels, goods_total=Decimal(goods))
    amount = Decimal(goods) + Decimal(shipping)
    assert (amount + cod_fee(amount=amount) <= Decimal("50000")) is allowed
    assert result.allowed is allowed
    assert ("50,000" in result.reason) is (not allowed)


def test_cod_is_refused_for_a_pincode_or_an_artisan_without_it(cod_settings):
    from shop.money import cod_eligibility

    assert (
        "400001"
        in cod_eligibility(destination=_Pin(cod=False), parcels=[_Parcel("60")], goods_total=Decimal("100")).reason
    )
    refused = cod_eligibility(
        destination=_Pin(), parcels=[_Parcel("60", cod=False, name="Pune Weaves")], goods_total=Decimal("100")
    )
    assert not refused.allowed and "Pune Weaves" in refused.reason


@pytest.mark.parametrize("rate", ["0", "3", "5", "18", "40"])
@pytest.mark.parametrize("total", ["0.01", "1.00", "999.99", "1249.00", "3333.33", "49999.99"])
def test_every_split_adds_back_to_the_inclusive_amount(rate, total):
    from shop.money import gst_split

    for supply in ("UP", "MH"):
        split = gst_split(inclusive=Decimal(total), rate=Decimal(rate), supplier_state="UP", supply_state=supply)
        assert split.taxable_value + split.cgst + split.sgst + split.igst == Decimal(total)
        assert split.tax == split.cgst + split.sgst + split.igst
