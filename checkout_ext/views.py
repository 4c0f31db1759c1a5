"""Checkout steps: parcel shipping per artisan, a choice of payment gateways, COD preview or Stripe Elements."""

import logging

from csp.decorators import csp_update
from django import http
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oscar.apps.checkout import views as core
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.checkout.utils import CheckoutSessionData
from oscar.core.loading import get_class, get_model

from checkout_ext.forms import PaymentMethodForm
from checkout_ext.selectors import basket_fingerprint, checkout_snapshot
from checkout_ext.services import (
    BasketChanged,
    WebhookRejected,
    order_place,
    stripe_attempt_settle,
    stripe_webhook_handle,
)
from order_ext.utils import StockUnavailable
from payments.gateways import GatewayError, gateways_all
from payments.services import stripe_attempt_for_checkout

logger = logging.getLogger(__name__)
Basket = get_model("basket", "Basket")
PaymentAttempt = get_model("payments", "PaymentAttempt")
OrderPlacementMixin = get_class("checkout.mixins", "OrderPlacementMixin")


class IndexView(core.IndexView):
    """The checkout gateway's "I have an account" sign-in gets the request, so it is throttled like every
    other sign-in (django-axes needs it, issue 12)."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


ShippingAddressView = core.ShippingAddressView
UserAddressUpdateView = core.UserAddressUpdateView
UserAddressDeleteView = core.UserAddressDeleteView
ThankYouView = core.ThankYouView


class ShippingMethodView(core.ShippingMethodView):
    def get_available_shipping_methods(self):
        method = self.get_shipping_method(self.request.basket, self.get_shipping_address(self.request.basket))
        return [method] if method is not None else []

    def get(self, request, *args, **kwargs):
        if not self.get_available_shipping_methods() and getattr(self, "shipping_error", ""):
            messages.error(request, self.shipping_error)
            return redirect("checkout:shipping-address")
        return super().get(request, *args, **kwargs)


class GatewayChoiceMixin:
    def gateway_options(self):
        """(gateway, eligibility, fee) for every configured gateway; a gateway without keys is hidden."""
        basket = self.request.basket
        shipping_address = self.get_shipping_address(basket)
        quote = self.shipping_quote(basket, shipping_address)
        options = []
        for gateway in gateways_all():
            if not gateway.is_configured() or quote is None:
                continue
            amount = basket.total_incl_tax + quote.total
            options.append(
                (
                    gateway,
                    gateway.eligibility(quote=quote, goods_total=basket.total_incl_tax),
                    gateway.fee(amount=amount),
                )
            )
        return quote, options


class PaymentMethodView(GatewayChoiceMixin, core.PaymentMethodView):
    template_name = "oscar/checkout/payment_method.html"

    def dispatch(self, request, *args, **kwargs):
        """Coming back from the card page: the basket frozen for that payment is the shopper's again,
        thawed and merged with anything added meanwhile by Oscar's own hook."""
        basket_id = CheckoutSessionData(request).get_submitted_basket_id()
        if basket_id and Basket.objects.filter(pk=basket_id, status=Basket.FROZEN).exists():
            placement = OrderPlacementMixin()
            placement.request, placement.checkout_session = request, CheckoutSessionData(request)
            placement.restore_frozen_basket()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self._form()))

    def _form(self, data=None):
        _quote, options = self.gateway_options()
        choices = [(gateway.code, gateway.name) for gateway, eligibility, _fee in options if eligibility.allowed]
        self.options = options
        return PaymentMethodForm(data, choices=choices)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["options"] = self.options
        ctx["preselected"] = self._preselected()
        return ctx

    def _preselected(self) -> str:
        """The method already chosen (coming back to this step), or the only one on offer: nothing to think about."""
        allowed = [gateway.code for gateway, eligibility, _fee in self.options if eligibility.allowed]
        chosen = self.checkout_session.payment_method()
        if chosen in allowed:
            return chosen
        return allowed[0] if len(allowed) == 1 else ""

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return redirect("checkout:payment-details")


@method_decorator(csp_update(settings.STRIPE_CSP), name="dispatch")  # Stripe.js on this page only (issue 12)
class PaymentDetailsView(GatewayChoiceMixin, core.PaymentDetailsView):
    template_name = "oscar/checkout/payment_details.html"

    def get_pre_conditions(self, request):
        return super().get_pre_conditions(request) + ["check_gateway_is_chosen"]

    def check_gateway_is_chosen(self, request):
        if self.chosen_gateway() is None:
            raise FailedPreCondition(url=reverse("checkout:payment-method"), message=_("Please choose how to pay."))

    def chosen_gateway(self):
        code = self.checkout_session.payment_method() or ""
        _quote, options = self.gateway_options()
        for gateway, eligibility, _fee in options:
            if gateway.code == code and eligibility.allowed:
                return gateway
        return None

    def get(self, request, *args, **kwargs):
        gateway = self.chosen_gateway()
        if gateway is not None and gateway.collects_online and not self.preview:
            return self.stripe_page(request, gateway)
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["basket_fingerprint"] = basket_fingerprint(basket=self.request.basket)
        ctx["gateway"] = self.chosen_gateway()
        return ctx

    def snapshot(self, basket, gateway):
        submission = self.build_submission(basket=basket)
        quote = self.shipping_quote(basket, submission["shipping_address"])
        return checkout_snapshot(
            basket=basket,
            user=self.request.user,
            guest_email=self.checkout_session.get_guest_email() or "",
            shipping_address=submission["shipping_address"],
            quote=quote,
            gateway=gateway,
            order_number=self.generate_order_number(basket),
        )

    def stripe_page(self, request, gateway):
        """Our payment page with Stripe Elements; the basket is frozen while the card is charged."""
        basket = request.basket
        try:
            snapshot = self.snapshot(basket, gateway)
            attempt, client_secret = stripe_attempt_for_checkout(
                basket=basket,
                amount=snapshot.order_total,
                fingerprint=snapshot.fingerprint,
                order_number=snapshot.order_number,
                snapshot=snapshot.to_json(),
                gateway=gateway,
            )
        except GatewayError as exc:
            return self.render_payment_details(request, error=str(exc), retry=True)
        self.freeze_basket(basket)
        self.checkout_session.set_submitted_basket(basket)
        return self.render_payment_details(
            request,
            client_secret=client_secret,
            attempt=attempt,
            publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            return_url=request.build_absolute_uri(reverse("checkout:stripe-return")),
        )

    def handle_place_order_submission(self, request):
        gateway = self.chosen_gateway()
        if gateway is None or gateway.collects_online:
            messages.error(request, _("Please choose how to pay."))
            return redirect("checkout:payment-method")
        basket = request.basket
        if request.POST.get("basket_fingerprint") != basket_fingerprint(basket=basket):
            messages.warning(request, _("Your basket changed in another tab; please review the new total."))
            return redirect("checkout:preview")
        snapshot = self.snapshot(basket, gateway)
        try:
            # Stored on the order for ops and carriers, so never in the shopper's language.
            order = order_place(
                basket=basket, snapshot=snapshot, gateway=gateway, reference="to be collected", request=request
            )
        except (StockUnavailable, BasketChanged) as exc:
            messages.error(request, str(exc))
            return redirect("basket:summary")
        return order_placed_response(request, self, order)


def order_placed_response(request, view, order):
    view.checkout_session.flush()
    request.session["checkout_order_id"] = order.id
    return redirect("checkout:thank-you")


class StripeReturnView(core.CheckoutSessionMixin, generic.View):
    """Where Stripe.js sends the shopper after confirming; the webhook may have placed the order already."""

    def get(self, request, *args, **kwargs):
        attempt = get_object_or_404(PaymentAttempt, gateway="stripe", reference=request.GET.get("payment_intent", ""))
        try:
            order = stripe_attempt_settle(attempt=attempt)
        except GatewayError as exc:
            return render(
                request,
                "oscar/checkout/payment_details.html",
                {"error": str(exc), "retry_url": request.get_full_path()},
                status=503,
            )
        except (StockUnavailable, BasketChanged) as exc:
            messages.error(request, str(exc))
            return redirect("basket:summary")
        if order is None:
            attempt.refresh_from_db()
            if attempt.status == PaymentAttempt.STATUS_CREATED:
                messages.info(request, _("Your payment is still being confirmed; we will email you when it is."))
                return redirect("basket:summary")
            messages.error(request, _("Your card was not charged. Please try again or choose another way to pay."))
            return redirect("checkout:payment-method")
        return order_placed_response(request, self, order)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe retries anything but a 2xx; a 400 tells it (and us) the event was refused and why."""
    try:
        outcome = stripe_webhook_handle(payload=request.body, signature=request.headers.get("Stripe-Signature", ""))
    except WebhookRejected as exc:
        return http.JsonResponse({"error": str(exc)}, status=400)
    except GatewayError as exc:
        logger.warning("Stripe webhook deferred: %s", exc)
        return http.JsonResponse({"error": "Stripe unreachable, retry later"}, status=503)
    except (StockUnavailable, BasketChanged) as exc:
        logger.error("Stripe payment without a placeable order, needs a refund or manual order: %s", exc)
        return http.JsonResponse({"result": "paid but not placeable; ops alerted"})
    return http.JsonResponse({"result": outcome})
