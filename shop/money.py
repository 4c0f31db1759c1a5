"""The one account of an order's money: goods, each artisan's shipping, the COD fee, GST and the total.

Every page and document that shows an order's or a basket's figures (basket, payment page, preview,
thank-you, order pages, e-mails, dashboard, invoices) takes them from a `MoneyAccount` built here, and
order placement stores what the same functions compute. Rules (README "Money and GST"):

* Prices are GST-inclusive. Per line, never per unit: taxable value = line total × 100 / (100 + rate),
  half up to the paisa; GST = line total − taxable value; within a state CGST = GST / 2 half up and
  SGST = the rest, across states all IGST.
* Shipping and the cash-on-delivery fee are the platform's own services (courier arrangement and cash
  collection), billed by the platform as e-commerce operator, GST-inclusive at the rate stored with the
  parcel (`PLATFORM_SERVICE_GST_PERCENT` at placement), split by the platform's state
  (`SHOP_STATE_CODE`) against the place of supply. They never enter an artisan's invoice or payout.
* COD fee = max(`COD_FEE_FIXED`, `COD_FEE_PERCENT` % of goods + shipping), half up to the paisa; COD
  is offered only when the destination and every pickup pincode allow it and goods + shipping + fee ≤
  `COD_MAX_ORDER_VALUE`.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils.translation import gettext as _

PAISA = Decimal("0.01")
ZERO = Decimal("0.00")


def paisa(amount) -> Decimal:
    return Decimal(amount).quantize(PAISA, rounding=ROUND_HALF_UP)


def gst_back_out(*, inclusive: Decimal, rate: Decimal) -> tuple[Decimal, Decimal]:
    """(taxable value, GST) of a GST-inclusive amount; the two always add up to the inclusive amount."""
    taxable = paisa(Decimal(inclusive) * 100 / (100 + Decimal(rate)))
    return taxable, Decimal(inclusive) - taxable


@dataclass(frozen=True)
class GstSplit:
    """Taxable value and GST of one amount. `cgst`/`sgst`/`igst` are None while the place of supply is
    unknown (a basket before the pincode); `tax` is always known."""

    inclusive: Decimal
    rate: Decimal
    taxable_value: Decimal
    tax: Decimal
    cgst: Decimal | None
    sgst: Decimal | None
    igst: Decimal | None

    @property
    def total_tax(self) -> Decimal:
        return self.tax

    @property
    def intra_state(self) -> bool:
        return self.igst == ZERO and self.tax != ZERO if self.igst is not None else False


def gst_split(*, inclusive: Decimal, rate: Decimal, supplier_state: str | None, supply_state: str | None) -> GstSplit:
    taxable, tax = gst_back_out(inclusive=inclusive, rate=rate)
    if not supplier_state or not supply_state:
        return GstSplit(Decimal(inclusive), Decimal(rate), taxable, tax, None, None, None)
    if supplier_state == supply_state:
        cgst = paisa(tax / 2)
        return GstSplit(Decimal(inclusive), Decimal(rate), taxable, tax, cgst, tax - cgst, ZERO)
    return GstSplit(Decimal(inclusive), Decimal(rate), taxable, tax, ZERO, ZERO, tax)


def cod_fee(*, amount: Decimal) -> Decimal:
    """max(fixed fee, percent of goods + shipping), rounded half up to the paisa."""
    return max(paisa(settings.COD_FEE_FIXED), paisa(Decimal(amount) * settings.COD_FEE_PERCENT / 100))


@dataclass(frozen=True)
class CodEligibility:
    allowed: bool
    reason: str = ""


def cod_eligibility(*, destination, parcels, goods_total: Decimal) -> CodEligibility:
    """The one COD rule, for the delivery check and for checkout. `parcels`: fulfilment ParcelQuotes."""
    if not destination.cod_allowed:
        return CodEligibility(
            False, _("Cash on delivery is not available at pincode %(code)s.") % {"code": destination.code}
        )
    blocked = [parcel.partner.display_name for parcel in parcels if not parcel.cod_allowed]
    if blocked:
        return CodEligibility(
            False, _("Cash on delivery is not available for items from %(names)s.") % {"names": ", ".join(blocked)}
        )
    amount = goods_total + sum((parcel.charge for parcel in parcels), ZERO)
    if amount + cod_fee(amount=amount) > settings.COD_MAX_ORDER_VALUE:
        return CodEligibility(
            False,
            _("Cash on delivery is only for orders up to ₹%(limit)s.")
            % {"limit": f"{settings.COD_MAX_ORDER_VALUE:,.0f}"},
        )
    return CodEligibility(True)


@dataclass(frozen=True)
class LineMoney:
    title: str
    quantity: int
    hsn_code: str
    gst: GstSplit
    partner_id: int | None = None
    line_id: int | None = None

    @property
    def total(self) -> Decimal:
        return self.gst.inclusive


@dataclass(frozen=True)
class ParcelMoney:
    artisan: str
    partner_id: int
    shipping: GstSplit
    goods: Decimal
    # Not money, but shown on the same row: the date the parcel arrives by (None: not worked out).
    arrives_by: datetime.date | None = None


@dataclass(frozen=True)
class MoneyAccount:
    """What an order (or a basket on its way to becoming one) costs, and the tax inside it.

    `parcels` is None while shipping is not worked out yet (no pincode); `estimate` marks a basket's
    figures (the pincode may change before checkout)."""

    lines: list[LineMoney]
    parcels: list[ParcelMoney] | None
    fee: GstSplit | None
    estimate: bool = False
    currency: str = "INR"
    extra: dict = field(default_factory=dict)

    @property
    def goods_total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)

    @property
    def goods_taxable(self) -> Decimal:
        return sum((line.gst.taxable_value for line in self.lines), ZERO)

    @property
    def shipping_known(self) -> bool:
        return self.parcels is not None

    @property
    def shipping_total(self) -> Decimal:
        return sum((parcel.shipping.inclusive for parcel in self.parcels or []), ZERO)

    @property
    def shipping_taxable(self) -> Decimal:
        return sum((parcel.shipping.taxable_value for parcel in self.parcels or []), ZERO)

    @property
    def fee_total(self) -> Decimal:
        return self.fee.inclusive if self.fee else ZERO

    @property
    def total(self) -> Decimal:
        return self.goods_total + self.shipping_total + self.fee_total

    def _splits(self) -> list[GstSplit]:
        return (
            [line.gst for line in self.lines]
            + [parcel.shipping for parcel in self.parcels or []]
            + ([self.fee] if self.fee else [])
        )

    @property
    def taxable_total(self) -> Decimal:
        return sum((split.taxable_value for split in self._splits()), ZERO)

    @property
    def tax_total(self) -> Decimal:
        return sum((split.tax for split in self._splits()), ZERO)

    @property
    def split_known(self) -> bool:
        return all(split.igst is not None for split in self._splits())

    def _sum(self, part: str) -> Decimal | None:
        if not self.split_known:
            return None
        return sum((getattr(split, part) for split in self._splits()), ZERO)

    @property
    def cgst(self) -> Decimal | None:
        return self._sum("cgst")

    @property
    def sgst(self) -> Decimal | None:
        return self._sum("sgst")

    @property
    def igst(self) -> Decimal | None:
        return self._sum("igst")

    @property
    def services_taxable(self) -> Decimal:
        return self.shipping_taxable + (self.fee.taxable_value if self.fee else ZERO)

    @property
    def services_total(self) -> Decimal:
        """What the shop bills as its own services: shipping and the COD fee, GST included."""
        return self.shipping_total + self.fee_total

    @property
    def services_tax(self) -> Decimal:
        return sum((split.tax for split in self._splits()[len(self.lines) :]), ZERO)
