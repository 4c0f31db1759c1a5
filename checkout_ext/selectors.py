"""Reads for checkout: what exactly the shopper is about to buy, frozen into a replayable snapshot."""

import hashlib
from decimal import Decimal

from oscar.core.loading import get_model

from fulfilment.selectors import ShippingQuote
from payments.gateways import Gateway

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
        data[model_field.attname] = "" if value is None and model_field.attname != "country_id" else (
            str(value) if model_field.name == "phone_number" and value else value
        )
    return data


def checkout_snapshot(
    *, basket, user, guest_email: str, shipping_address, quote: ShippingQuote, gateway: Gateway, order_number: str
) -> dict:
    """Everything needed to place the order later, from a webhook if need be; amounts as strings."""
    goods_total = basket.total_incl_tax
    shipping_total = quote.total
    fee = gateway.fee(amount=goods_total + shipping_total)
    return {
        "order_number": order_number,
        "user_id": user.pk if user is not None and user.is_authenticated else None,
        "guest_email": guest_email or "",
        "address": address_to_dict(address=shipping_address),
        "destination_pincode": quote.destination.code,
        "supply_state": quote.destination.state.code,
        "gateway": gateway.code,
        "fingerprint": basket_fingerprint(basket=basket),
        "goods_total": str(goods_total),
        "shipping_total": str(shipping_total),
        "fee": str(fee),
        "order_total": str(goods_total + shipping_total + fee),
        "parcels": [
            {
                "partner_id": parcel.partner.pk,
                "pickup_pincode": parcel.pickup_pincode,
                "origin_state": parcel.origin_state_code,
                "zone": parcel.zone,
                "grams": parcel.chargeable_weight_grams,
                "charge": str(parcel.charge),
                "goods_total": str(parcel.goods_total),
            }
            for parcel in quote.parcels
        ],
    }


def snapshot_order_total(*, snapshot: dict) -> Decimal:
    return Decimal(snapshot["order_total"])
