"""Payment methods. A new gateway (UPI, say) is one subclass of `Gateway` listed in PAYMENT_GATEWAYS."""

from decimal import Decimal

import stripe
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shop.money import CodEligibility, cod_eligibility, cod_fee


class GatewayError(Exception):
    """The gateway could not be reached or refused; the message is safe to show and invites a retry."""


Eligibility = CodEligibility


class Gateway:
    code = ""
    name = ""
    source_type = ""
    #: Redirects the shopper to a page of ours that collects payment before the order is placed.
    collects_online = False

    def is_configured(self) -> bool:
        return True

    def eligibility(self, *, quote, goods_total: Decimal) -> Eligibility:
        return Eligibility(True)

    def fee(self, *, amount: Decimal) -> Decimal:
        return Decimal("0.00")

    def refund(self, *, reference: str, amount: Decimal, idempotency_key: str) -> str:
        raise GatewayError(_("%(name)s payments cannot be refunded online.") % {"name": self.name})


class CashOnDelivery(Gateway):
    code = "cod"
    name = gettext_lazy("Cash on delivery")
    source_type = "Cash on delivery"

    def fee(self, *, amount: Decimal) -> Decimal:
        return cod_fee(amount=amount)

    def eligibility(self, *, quote, goods_total: Decimal) -> Eligibility:
        return cod_eligibility(destination=quote.destination, parcels=quote.parcels, goods_total=goods_total)


class StripeCard(Gateway):
    code = "stripe"
    name = gettext_lazy("Card (Stripe)")
    source_type = "Stripe"
    collects_online = True

    def is_configured(self) -> bool:
        return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)

    def _call(self, fn, **params):
        try:
            return fn(api_key=settings.STRIPE_SECRET_KEY, **params)
        except stripe.StripeError as exc:
            raise GatewayError(
                _("We could not reach the card processor (%(reason)s). No order was placed; please try again.")
                % {"reason": exc.user_message or exc.__class__.__name__}
            ) from exc

    def intent_create(self, *, amount: Decimal, idempotency_key: str, metadata: dict):
        return self._call(
            stripe.PaymentIntent.create,
            amount=paise(amount),
            currency="inr",
            automatic_payment_methods={"enabled": True},
            metadata=metadata,
            idempotency_key=idempotency_key,
        )

    def intent_retrieve(self, *, intent_id: str):
        return self._call(stripe.PaymentIntent.retrieve, id=intent_id)

    def refund(self, *, reference: str, amount: Decimal, idempotency_key: str) -> str:
        refund = self._call(
            stripe.Refund.create, payment_intent=reference, amount=paise(amount), idempotency_key=idempotency_key
        )
        return refund.id


def paise(amount: Decimal) -> int:
    return int((amount * 100).quantize(Decimal("1")))


def gateways_all() -> list[Gateway]:
    return [import_string(path)() for path in settings.PAYMENT_GATEWAYS]


def gateway_get(*, code: str) -> Gateway | None:
    return next((gateway for gateway in gateways_all() if gateway.code == code and gateway.is_configured()), None)


def stripe_configure() -> None:
    """Network timeout for every Stripe call; a timeout surfaces as a retryable GatewayError."""
    stripe.default_http_client = stripe.new_default_http_client(timeout=settings.STRIPE_TIMEOUT_SECONDS)
