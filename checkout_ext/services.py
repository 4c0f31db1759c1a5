"""Placing an order from a checkout snapshot: the one path for cash on delivery, card return and webhook."""

import datetime
import json
import logging
from decimal import Decimal

import stripe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _
from oscar.apps.checkout.applicator import SurchargeList, SurchargePrice
from oscar.apps.shipping.methods import FixedPrice
from oscar.core import prices
from oscar.core.loading import get_class, get_model

from checkout_ext.selectors import CheckoutSnapshot, basket_fingerprint
from fulfilment.shipments.services import shipments_open
from invoices.services import invoices_issue
from notifications.services import notify_order_placed
from order_ext.selectors import order_money
from order_ext.utils import OrderAlreadyPlaced, order_placement_guard
from payments.gateways import Gateway, StripeCard, gateway_get
from payments.models import GatewayEvent, PaymentAttempt
from payments.services import payment_refund_record
from shop.money import ZERO, gst_split

OrderCreator = get_class("order.utils", "OrderCreator")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")
Applicator = get_class("offer.applicator", "Applicator")
Selector = get_class("partner.strategy", "Selector")
Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
ShipmentGroup = get_model("order", "ShipmentGroup")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
PaymentEventType = get_model("order", "PaymentEventType")

logger = logging.getLogger(__name__)


class BasketChanged(Exception):
    """The basket differs from the one the shopper reviewed (another tab); nothing was placed."""


class CodFeeSurcharge:
    name = "Cash on delivery fee"
    code = "cod-fee"

    def __init__(self, amount: Decimal, excl_tax: Decimal | None = None):
        self.amount = amount
        self.excl_tax = self.amount if excl_tax is None else excl_tax

    def calculate(self, basket, **kwargs):
        return prices.Price(currency=basket.currency, excl_tax=self.excl_tax, incl_tax=self.amount)


def _shipping_method(snapshot: CheckoutSnapshot) -> FixedPrice:
    charge = snapshot.shipping_total
    method = FixedPrice(charge_excl_tax=charge, charge_incl_tax=charge)
    method.code = "artisan-parcels"
    method.name = _("One parcel per artisan")
    return method


def basket_for_placement(*, basket, user) -> None:
    """A basket loaded outside a shopper's request (webhook) needs its strategy and offers applied."""
    basket.strategy = Selector().strategy(user=user)
    Applicator().apply(basket, user, None)


def order_place(*, basket, snapshot: CheckoutSnapshot | dict, gateway: Gateway, reference: str, request=None):
    """Place the order once: a repeat for the same basket returns the existing order.

    `snapshot` may be the stored JSON of one (a payment attempt's). Raises BasketChanged or
    order_ext.utils.StockUnavailable with the basket untouched.
    """
    if isinstance(snapshot, dict):
        snapshot = CheckoutSnapshot.from_json(snapshot)
    user = get_user_model().objects.filter(pk=snapshot.user_id).first() if snapshot.user_id else None
    if getattr(basket, "_strategy", None) is None:
        basket_for_placement(basket=basket, user=user)
    try:
        with transaction.atomic():
            order_placement_guard(basket=basket, order_number=snapshot.order_number)
            if basket_fingerprint(basket=basket) != snapshot.fingerprint:
                raise BasketChanged(_("Your basket changed since you reviewed it; please check the new total."))
            order = _place(
                basket=basket, snapshot=snapshot, gateway=gateway, reference=reference, user=user, request=request
            )
    except OrderAlreadyPlaced as done:
        return done.order
    transaction.on_commit(lambda: order_confirmation_send(order=order))
    notify_order_placed(order=order)
    return order


def _place(*, basket, snapshot: CheckoutSnapshot, gateway, reference, user, request):
    address = ShippingAddress(**snapshot.address)
    # Oscar's hook: saves the address and, for a signed-in shopper, keeps it in their address book.
    from oscar.apps.checkout.mixins import OrderPlacementMixin  # imports checkout_ext (a cycle at load time)

    OrderPlacementMixin().create_shipping_address(user or AnonymousUser(), address)
    fee = snapshot.fee
    rate, platform_state = settings.PLATFORM_SERVICE_GST_PERCENT, settings.SHOP_STATE_CODE
    fee_split = gst_split(inclusive=fee, rate=rate, supplier_state=platform_state, supply_state=snapshot.supply_state)
    surcharges = SurchargeList()
    if fee:
        surcharge = CodFeeSurcharge(fee, excl_tax=fee_split.taxable_value)
        surcharges.append(SurchargePrice(surcharge, surcharge.calculate(basket)))
    total = snapshot.order_total
    shipping_total = snapshot.shipping_total
    shipping_taxable = sum(
        (
            gst_split(
                inclusive=parcel.charge, rate=rate, supplier_state=platform_state, supply_state=snapshot.supply_state
            ).taxable_value
            for parcel in snapshot.parcels
        ),
        ZERO,
    )
    order = OrderCreator().place_order(
        basket=basket,
        # The excl-tax total is rewritten from the stored lines once their GST is split (below).
        total=prices.Price(currency=basket.currency, excl_tax=total, incl_tax=total),
        shipping_method=_shipping_method(snapshot),
        shipping_charge=prices.Price(currency=basket.currency, excl_tax=shipping_taxable, incl_tax=shipping_total),
        user=user,
        shipping_address=address,
        order_number=snapshot.order_number,
        request=request,
        surcharges=surcharges,
        guest_email=snapshot.guest_email if user is None else "",
    )
    _record_gst_and_shipments(order=order, snapshot=snapshot, cod=gateway.code == "cod")
    _record_payment(order=order, gateway=gateway, reference=reference, total=total)
    basket.submit()
    return order


def _record_gst_and_shipments(*, order, snapshot: CheckoutSnapshot, cod: bool) -> None:
    fee = snapshot.fee
    groups = {}
    for parcel in snapshot.parcels:
        charge = parcel.charge
        groups[parcel.partner_id] = (
            ShipmentGroup.objects.create(
                order=order,
                partner_id=parcel.partner_id,
                pickup_pincode=parcel.pickup_pincode,
                zone=parcel.zone,
                chargeable_weight_grams=parcel.grams,
                shipping_charge=charge,
                cod_amount=parcel.goods_total + charge if cod else Decimal("0.00"),
                supply_state=snapshot.supply_state,
                service_state=settings.SHOP_STATE_CODE,
                service_gst_rate=settings.PLATFORM_SERVICE_GST_PERCENT,
                promised_by=datetime.date.fromisoformat(parcel.arrives_by) if parcel.arrives_by else None,
            ),
            parcel.origin_state,
        )
    if cod and fee and groups:
        # The fee is collected with the first parcel, so the cash collected equals the order total.
        first = min(group.pk for group, _state in groups.values())
        ShipmentGroup.objects.filter(pk=first).update(cod_amount=F("cod_amount") + fee)
    for line in order.lines.select_related("product"):
        group, origin_state = groups[line.partner_id]
        breakup = gst_split(
            inclusive=line.line_price_incl_tax,
            rate=line.product.gst_rate if line.product else Decimal("0"),
            supplier_state=origin_state,
            supply_state=snapshot.supply_state,
        )
        line.shipment_group = group
        line.hsn_code = line.product.hsn_code if line.product else ""
        line.gst_rate = breakup.rate
        line.taxable_value = breakup.taxable_value
        line.cgst, line.sgst, line.igst = breakup.cgst, breakup.sgst, breakup.igst
        # Oscar's own excl-tax fields show the stored taxable value, not unit price × quantity.
        line.line_price_excl_tax = line.line_price_before_discounts_excl_tax = breakup.taxable_value
        line.save(
            update_fields=[
                "shipment_group",
                "hsn_code",
                "gst_rate",
                "taxable_value",
                "cgst",
                "sgst",
                "igst",
                "line_price_excl_tax",
                "line_price_before_discounts_excl_tax",
            ]
        )
    # Order-level excl-tax figures are the sums of what was stored (lines, shipping, fee): shop.money.
    money = order_money(order=order)
    order.shipping_excl_tax = money.shipping_taxable
    order.total_excl_tax = money.taxable_total
    order.save(update_fields=["shipping_excl_tax", "total_excl_tax"])
    shipments_open(order=order)
    # Each parcel's tax invoice is numbered now, inside the placement transaction (README "Tax invoices").
    invoices_issue(order=order)


def _record_payment(*, order, gateway: Gateway, reference: str, total: Decimal) -> None:
    source_type, _created = SourceType.objects.get_or_create(name=gateway.source_type)
    Source.objects.create(
        order=order,
        source_type=source_type,
        currency=order.currency,
        amount_allocated=total,
        amount_debited=Decimal("0.00") if gateway.code == "cod" else total,
        reference=reference,
        label=str(gateway.name),
    )
    event_name = "To be collected" if gateway.code == "cod" else "Paid"
    event_type, _created = PaymentEventType.objects.get_or_create(name=event_name)
    order.payment_events.create(event_type=event_type, amount=total, reference=reference)


def order_confirmation_send(*, order) -> None:
    """The order is already saved; a mail failure is logged, never shown as a failed checkout."""
    try:
        from checkout_ext.emails import order_confirmation_context

        OrderDispatcher().send_order_placed_email_for_user(order, order_confirmation_context(order=order))
    except Exception:
        logger.exception("Order #%s: confirmation email failed; the order stands", order.number)


# Card payments settle into orders here, above payments: the shopper's return from Stripe and Stripe's
# webhook both end in `order_place` (payments keeps the gateways, the attempts and refunds).


class WebhookRejected(Exception):
    """A forged, stale or malformed event: answered 400 with this reason, nothing changes."""


def stripe_attempt_settle(*, attempt: PaymentAttempt):
    """Re-read the PaymentIntent and act on its state now; returns the order once paid, else None."""
    gateway = gateway_get(code=attempt.gateway) or StripeCard()
    intent = gateway.intent_retrieve(intent_id=attempt.reference)
    with transaction.atomic():
        attempt = PaymentAttempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.order_number:
            return Order.objects.get(number=attempt.order_number)
        if intent.status == "succeeded":
            if intent.amount_received != round(attempt.amount * 100):
                logger.error(
                    "PaymentIntent %s received %s paise, expected %s", intent.id, intent.amount_received, attempt.amount
                )
                return None
            basket = Basket.objects.get(pk=attempt.basket_id)
            order = order_place(basket=basket, snapshot=attempt.snapshot, gateway=gateway, reference=intent.id)
            attempt.status, attempt.order_number = PaymentAttempt.STATUS_SUCCEEDED, order.number
            attempt.save(update_fields=["status", "order_number", "updated"])
            return order
        if intent.status in ("requires_payment_method", "canceled"):
            attempt.status = (
                PaymentAttempt.STATUS_CANCELED if intent.status == "canceled" else PaymentAttempt.STATUS_FAILED
            )
            attempt.save(update_fields=["status", "updated"])
            Basket.objects.filter(pk=attempt.basket_id, status=Basket.FROZEN).update(status=Basket.OPEN)
        return None


def _event_read(payload: bytes) -> dict:
    """The signed body's shape: every field we act on is there with its type, else WebhookRejected (400)."""
    try:
        data = json.loads(payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise WebhookRejected(f"body is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise WebhookRejected("event must be a JSON object")
    for key, longest in (("id", 255), ("type", 64)):
        if not isinstance(data.get(key), str) or not data[key]:
            raise WebhookRejected(f"event has no {key}")
        if len(data[key]) > longest:
            raise WebhookRejected(f"event {key} longer than {longest} characters")
    obj = data.get("data", {}).get("object") if isinstance(data.get("data"), dict) else None
    if not isinstance(obj, dict):
        raise WebhookRejected("event has no data.object")
    key = "payment_intent" if data["type"].startswith("charge.") else "id"
    if obj.get(key) is not None and not isinstance(obj.get(key), str):
        raise WebhookRejected(f"data.object.{key} must be a string")
    if data["type"] == "charge.refunded":
        _refund_object_check(obj)
    return data


def _refund_object_check(obj: dict) -> None:
    refunded = obj.get("amount_refunded")
    if isinstance(refunded, bool) or not isinstance(refunded, int) or refunded < 0:
        raise WebhookRejected("charge.refunded needs a whole, non-negative amount_refunded in paise")
    if not isinstance(obj.get("id"), str) or not obj["id"]:
        raise WebhookRejected("charge.refunded needs the charge id")


def stripe_webhook_handle(*, payload: bytes, signature: str) -> str:
    """Verify, dedupe and apply one event; returns what was done (for the 200 body).

    The signature is checked on the raw body first; then the body's shape, so a correctly signed but
    malformed event is refused with a reason (WebhookRejected → 400), never a server error.
    """
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise WebhookRejected("webhook secret not configured")
    try:
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"), signature, settings.STRIPE_WEBHOOK_SECRET, stripe.Webhook.DEFAULT_TOLERANCE
        )
    except (ValueError, UnicodeDecodeError, stripe.SignatureVerificationError) as exc:
        raise WebhookRejected(f"invalid event: {exc}") from None
    event = _event_read(payload)
    obj = event["data"]["object"]
    with transaction.atomic():
        try:
            with transaction.atomic():
                GatewayEvent.objects.create(gateway="stripe", event_id=event["id"], event_type=event["type"])
        except IntegrityError:
            return "duplicate"
        intent_id = obj.get("payment_intent") if event["type"].startswith("charge.") else obj.get("id")
        attempt = PaymentAttempt.objects.filter(gateway="stripe", reference=intent_id or "").first()
        if attempt is None:
            return "unknown payment"
        if event["type"] in ("payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled"):
            order = stripe_attempt_settle(attempt=attempt)
            return f"order {order.number}" if order else "no order"
        if event["type"] == "charge.refunded":
            stripe_attempt_settle(attempt=attempt)
            attempt.refresh_from_db()
            if Decimal(obj["amount_refunded"]) / 100 > attempt.amount:
                raise WebhookRejected("amount_refunded is more than was paid")
            payment_refund_record(attempt=attempt, refunded=Decimal(obj["amount_refunded"]) / 100, reference=obj["id"])
            return "refund recorded"
        return "ignored"
