"""Reads for checkout: what exactly the shopper is about to buy, frozen into a replayable snapshot."""

import hashlib
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.conf import settings
from oscar.core.loading import get_model

from fulfilment.selectors import ShippingQuote
from payments.gateways import Gateway
from shop.money import LineMoney, MoneyAccount, ParcelMoney, cod_eligibility, cod_fee, gst_split

ShippingAddress = get_model("order", "ShippingAddress")
_ADDRESS_SKIP = {"id", "search_text"}


def basket_fingerprint(*, basket) -> str:
    """Changes whenever lines, quantities, prices or vouchers change (e.g. in another tab)."""
    parts = [
        f"{line.id}:{line.product_id}:{line.stockrecord_id}:{line.quantity}:{line.line_price_incl_tax_incl_discounts}"
        for line in sorted(basket.all_lines(), key=lambda line: line.id)
    ]
    parts += sorted(voucher.code for voucher in basket.vouchers.all())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def address_to_dict(*, address) -> dict:
    data = {}
    for model_field in ShippingAddress._meta.concrete_fields:
        if model_field.name in _ADDRESS_SKIP:
            continue
        value = getattr(address, model_field.attname, None)
        data[model_field.attname] = (
            ""
            if value is None and model_field.attname != "country_id"
            else (str(value) if model_field.name == "phone_number" and value else value)
        )
    return data


@dataclass(frozen=True)
class ParcelSnapshot:
    """One artisan's parcel as quoted at checkout."""

    partner_id: int
    pickup_pincode: str
    origin_state: str
    zone: str
    grams: int
    charge: Decimal
    goods_total: Decimal
    # The "arrives by" date shown at checkout, ISO (YYYY-MM-DD); empty when none was worked out.
    arrives_by: str = ""


@dataclass(frozen=True)
class CheckoutSnapshot:
    """Everything needed to place the order later, from a webhook if need be.

    Stored as JSON on the payment attempt (`to_json`, amounts as strings so no paisa is lost) and read
    back with `from_json`.
    """

    order_number: str
    user_id: int | None
    guest_email: str
    address: dict
    destination_pincode: str
    supply_state: str
    gateway: str
    fingerprint: str
    goods_total: Decimal
    shipping_total: Decimal
    fee: Decimal
    order_total: Decimal
    parcels: tuple[ParcelSnapshot, ...]

    _AMOUNTS = ("goods_total", "shipping_total", "fee", "order_total")
    _PARCEL_AMOUNTS = ("charge", "goods_total")

    def to_json(self) -> dict:
        data = asdict(self)
        for name in self._AMOUNTS:
            data[name] = str(data[name])
        data["parcels"] = [
            {**parcel, **{name: str(parcel[name]) for name in self._PARCEL_AMOUNTS}} for parcel in data["parcels"]
        ]
        return data

    @classmethod
    def from_json(cls, data: dict) -> "CheckoutSnapshot":
        parcels = tuple(
            ParcelSnapshot(**{**parcel, **{name: Decimal(parcel[name]) for name in cls._PARCEL_AMOUNTS}})
            for parcel in data["parcels"]
        )
        amounts = {name: Decimal(data[name]) for name in cls._AMOUNTS}
        return cls(**{**data, **amounts, "parcels": parcels})


def checkout_snapshot(
    *, basket, user, guest_email: str, shipping_address, quote: ShippingQuote, gateway: Gateway, order_number: str
) -> CheckoutSnapshot:
    """What the shopper is about to buy, frozen: basket state, address, parcels and amounts."""
    goods_total = basket.total_incl_tax
    shipping_total = quote.total
    fee = gateway.fee(amount=goods_total + shipping_total)
    return CheckoutSnapshot(
        order_number=order_number,
        user_id=user.pk if user is not None and user.is_authenticated else None,
        guest_email=guest_email or "",
        address=address_to_dict(address=shipping_address),
        destination_pincode=quote.destination.code,
        supply_state=quote.destination.state.code,
        gateway=gateway.code,
        fingerprint=basket_fingerprint(basket=basket),
        goods_total=goods_total,
        shipping_total=shipping_total,
        fee=fee,
        order_total=goods_total + shipping_total + fee,
        parcels=tuple(
            ParcelSnapshot(
                partner_id=parcel.partner.pk,
                pickup_pincode=parcel.pickup_pincode,
                origin_state=parcel.origin_state_code,
                zone=parcel.zone,
                grams=parcel.chargeable_weight_grams,
                charge=parcel.charge,
                goods_total=parcel.goods_total,
                arrives_by=parcel.arrives_by.isoformat() if parcel.arrives_by else "",
            )
            for parcel in quote.parcels
        ),
    )


def basket_money(*, basket, method=None, fee: Decimal | None = None, estimate: bool = False) -> MoneyAccount:
    """The basket's money account with the same rules placement stores (shop.money).

    `method`: the shipping Repository's method (its quote, or none yet: shipping worked out at
    checkout); `fee`: the chosen gateway's fee, if any; `estimate`: shown as an estimate (basket page).
    """
    quote = getattr(method, "quote", None)
    supply_state = quote.destination.state.code if quote is not None else None
    origin = {parcel.partner.pk: parcel.origin_state_code for parcel in quote.parcels} if quote is not None else {}
    lines = []
    for line in basket.all_lines():
        if not line.stockrecord_id:
            continue
        product = line.product
        rate = (product.parent or product).gst_rate if product.is_child else product.gst_rate
        split = gst_split(
            inclusive=line.line_price_incl_tax_incl_discounts,
            rate=Decimal(rate or 0),
            supplier_state=origin.get(line.stockrecord.partner_id),
            supply_state=supply_state,
        )
        lines.append(
            LineMoney(
                title=product.get_title(),
                quantity=line.quantity,
                hsn_code=product.hsn_code or "",
                gst=split,
                partner_id=line.stockrecord.partner_id,
                line_id=line.pk,
            )
        )
    parcels = None
    fee_split = None
    if quote is not None:
        rate, platform_state = settings.PLATFORM_SERVICE_GST_PERCENT, settings.SHOP_STATE_CODE
        parcels = [
            ParcelMoney(
                artisan=parcel.partner.display_name,
                partner_id=parcel.partner.pk,
                shipping=gst_split(
                    inclusive=parcel.charge, rate=rate, supplier_state=platform_state, supply_state=supply_state
                ),
                goods=sum((line.line_price_incl_tax_incl_discounts for line in parcel.lines), Decimal("0.00")),
                arrives_by=parcel.arrives_by,
            )
            for parcel in quote.parcels
        ]
        if fee:
            fee_split = gst_split(inclusive=fee, rate=rate, supplier_state=platform_state, supply_state=supply_state)
    extra = {}
    if estimate and quote is not None and quote.parcels:
        goods = sum((line.total for line in lines), Decimal("0.00"))
        cod = cod_eligibility(destination=quote.destination, parcels=quote.parcels, goods_total=goods)
        extra = {"cod_fee": cod_fee(amount=goods + quote.total) if cod.allowed else None, "cod_reason": cod.reason}
    return MoneyAccount(
        lines=lines, parcels=parcels, fee=fee_split, estimate=estimate, currency=basket.currency, extra=extra
    )
