import json
import time
from decimal import Decimal

import pytest
import stripe
from oscar.core.loading import get_model

from payments.models import GatewayEvent, PaymentAttempt
from tests.integration.checkout_ext.conftest import guest_checkout_to_payment

Order = get_model("order", "Order")
SECRET = "whsec_test_secret"


class FakeStripeHttp(stripe.HTTPClient):
    """Stands in for Stripe's servers: the only thing stubbed is outbound HTTP."""

    name = "fake"

    def __init__(self):
        super().__init__()
        self.intents, self.calls, self.fail_with = {}, [], None

    def request(self, method, url, headers, post_data=None, **kwargs):
        self.calls.append((method, url, dict(headers or {}), post_data))
        if self.fail_with:
            raise self.fail_with
        if url.endswith("/v1/payment_intents") and method == "post":
            from urllib.parse import parse_qs

            params = parse_qs(post_data)
            pid = f"pi_{len(self.intents) + 1}"
            self.intents[pid] = {
                "id": pid,
                "object": "payment_intent",
                "amount": int(params["amount"][0]),
                "amount_received": 0,
                "currency": "inr",
                "status": "requires_payment_method",
                "client_secret": f"{pid}_secret_x",
            }
            return json.dumps(self.intents[pid]), 200, {}
        if "/v1/payment_intents/" in url:
            return json.dumps(self.intents[url.rsplit("/", 1)[1]]), 200, {}
        return json.dumps({"error": {"message": "not stubbed"}}), 404, {}

    def close(self):
        pass

    def succeed(self, pid):
        self.intents[pid].update(status="succeeded", amount_received=self.intents[pid]["amount"])


@pytest.fixture
def stripe_http(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY, settings.STRIPE_WEBHOOK_SECRET = (
        "sk_test_x",
        "pk_test_x",
        SECRET,
    )
    fake = FakeStripeHttp()
    monkeypatch.setattr(stripe, "default_http_client", fake)
    monkeypatch.setattr(stripe, "max_network_retries", 0)
    return fake


def signed(client, event: dict, secret=SECRET, timestamp=None):
    payload = json.dumps(event)
    timestamp = timestamp or int(time.time())
    signature = stripe.WebhookSignature._compute_signature(f"{timestamp}.{payload}", secret)
    return client.post(
        "/payments/stripe/webhook/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=f"t={timestamp},v1={signature}",
    )


def event(event_id, kind, obj):
    return {"id": event_id, "object": "event", "type": kind, "data": {"object": obj}}


def open_card_page(client, catalogue):
    guest_checkout_to_payment(client, catalogue)
    assert client.post("/checkout/payment-method/", {"method": "stripe"}).status_code == 302
    return client.get("/checkout/payment-details/")


@pytest.mark.django_db
def test_card_method_is_hidden_without_keys(client, catalogue, settings):
    settings.STRIPE_SECRET_KEY = ""
    guest_checkout_to_payment(client, catalogue)
    assert "Card (Stripe)" not in client.get("/checkout/payment-method/").content.decode()


@pytest.mark.django_db
def test_card_checkout_places_the_order_once_on_return_and_webhook(
    client, catalogue, stripe_http, django_capture_on_commit_callbacks
):
    # given the card page: one PaymentIntent created with an idempotency key, amount in paise
    page = open_card_page(client, catalogue)
    assert page.status_code == 200 and "pi_1_secret_x" in page.content.decode()
    method, url, headers, body = stripe_http.calls[0]
    assert headers["Idempotency-Key"].startswith("odop-pi-")
    attempt = PaymentAttempt.objects.get()
    assert stripe_http.intents["pi_1"]["amount"] == int(attempt.amount * 100)
    # reloading the page reuses the same PaymentIntent
    client.get("/checkout/payment-details/")
    assert len(stripe_http.intents) == 1

    # when Stripe confirms the card and the shopper comes back
    stripe_http.succeed("pi_1")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/checkout/stripe/return/?payment_intent=pi_1")
    assert response["Location"].endswith("/checkout/thank-you/")
    order = Order.objects.get()
    assert order.total_incl_tax == attempt.amount and order.sources.get().amount_debited == attempt.amount

    # and then the webhook arrives: it finds the order done
    response = signed(client, event("evt_1", "payment_intent.succeeded", {"id": "pi_1", "object": "payment_intent"}))
    assert response.status_code == 200 and response.json()["result"] == f"order {order.number}"
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_webhook_completes_a_paid_intent_whose_shopper_never_returned(client, catalogue, stripe_http):
    open_card_page(client, catalogue)
    stripe_http.succeed("pi_1")
    response = signed(client, event("evt_1", "payment_intent.succeeded", {"id": "pi_1", "object": "payment_intent"}))
    assert response.status_code == 200
    assert Order.objects.count() == 1
    # the shopper's late return finds it done
    assert client.get("/checkout/stripe/return/?payment_intent=pi_1")["Location"].endswith("/checkout/thank-you/")
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_forged_stale_and_duplicate_webhooks(client, catalogue, stripe_http):
    open_card_page(client, catalogue)
    stripe_http.succeed("pi_1")
    body = event("evt_1", "payment_intent.succeeded", {"id": "pi_1", "object": "payment_intent"})
    assert signed(client, body, secret="whsec_forged").status_code == 400
    assert signed(client, body, timestamp=int(time.time()) - 3600).status_code == 400
    assert client.post("/payments/stripe/webhook/", "{}", content_type="application/json").status_code == 400
    assert not Order.objects.exists() and not GatewayEvent.objects.exists()
    assert signed(client, body).status_code == 200
    assert signed(client, body).json()["result"] == "duplicate"
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_refund_event_before_success_event_is_tolerated(client, catalogue, stripe_http):
    open_card_page(client, catalogue)
    stripe_http.succeed("pi_1")
    amount = stripe_http.intents["pi_1"]["amount"]
    refund = event(
        "evt_2",
        "charge.refunded",
        {"id": "ch_1", "object": "charge", "payment_intent": "pi_1", "amount_refunded": amount},
    )
    assert signed(client, refund).status_code == 200
    order = Order.objects.get()
    assert order.sources.get().amount_refunded == Decimal(amount) / 100
    assert (
        signed(
            client, event("evt_1", "payment_intent.succeeded", {"id": "pi_1", "object": "payment_intent"})
        ).status_code
        == 200
    )
    assert Order.objects.count() == 1


@pytest.mark.django_db
def test_stripe_outage_shows_a_retry_and_places_nothing(client, catalogue, stripe_http):
    stripe_http.fail_with = stripe.APIConnectionError("timed out")
    page = open_card_page(client, catalogue)
    assert page.status_code == 200 and "Try again" in page.content.decode()
    assert not Order.objects.exists()
    stripe_http.fail_with = None
    assert "pi_1_secret_x" in client.get("/checkout/payment-details/").content.decode()


@pytest.mark.django_db
def test_declined_card_returns_the_basket(client, catalogue, stripe_http):
    open_card_page(client, catalogue)
    response = client.get("/checkout/stripe/return/?payment_intent=pi_1")
    assert response["Location"].endswith("/checkout/payment-method/")
    assert not Order.objects.exists()
    assert client.get("/basket/").context["basket"].num_items == 1


class RefundingStripeHttp(FakeStripeHttp):
    def request(self, method, url, headers, post_data=None, **kwargs):
        if url.endswith("/v1/refunds"):
            self.calls.append((method, url, dict(headers or {}), post_data))
            from urllib.parse import parse_qs

            amount = int(parse_qs(post_data)["amount"][0])
            return (
                json.dumps(
                    {"id": f"re_{len(self.calls)}", "object": "refund", "amount": amount, "status": "succeeded"}
                ),
                200,
                {},
            )
        return super().request(method, url, headers, post_data, **kwargs)


@pytest.mark.django_db
def test_dashboard_refunds_a_line_then_the_rest(client, admin_client, catalogue, stripe_http, monkeypatch):
    refunding = RefundingStripeHttp()
    monkeypatch.setattr(stripe, "default_http_client", refunding)
    guest_checkout_to_payment(client, catalogue, quantity=1)
    client.post(f"/basket/add/{catalogue.pk}/", {"quantity": 1})
    client.post("/checkout/payment-method/", {"method": "stripe"})
    client.get("/checkout/payment-details/")
    refunding.succeed("pi_1")
    client.get("/checkout/stripe/return/?payment_intent=pi_1")
    order = Order.objects.get()
    line = order.lines.get()
    url = f"/dashboard/payments/orders/{order.number}/refund/"
    # ops reach the refund page from the order in the dashboard
    assert f'href="{url}"' in admin_client.get(f"/dashboard/orders/{order.number}/").content.decode()
    # a bad request: lines chosen but none ticked
    assert "Choose the lines" in admin_client.post(url, {"scope": "lines"}).content.decode()
    # per line: the line's total goes back through Stripe
    response = admin_client.post(url, {"scope": "lines", "lines": [line.pk]})
    assert response.status_code == 302
    assert refunding.calls[-1][3].count("amount=249800") == 1
    # then the rest, and nothing more can be refunded
    admin_client.post(url, {"scope": "full"})
    attempt = PaymentAttempt.objects.get()
    assert attempt.amount_refunded == attempt.amount
    assert order.sources.get().amount_refunded == attempt.amount
    assert "left to refund" in admin_client.post(url, {"scope": "full"}).content.decode()
    assert client.get(url).status_code == 302  # not for shoppers


def _signed_raw(client, payload: bytes):
    timestamp = int(time.time())
    signature = stripe.WebhookSignature._compute_signature(f"{timestamp}.{payload.decode('utf-8', 'replace')}", SECRET)
    return client.post(
        "/payments/stripe/webhook/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=f"t={timestamp},v1={signature}",
    )


@pytest.mark.parametrize(
    "payload, reason",
    [
        (b"[]", "JSON object"),
        (b"[1, 2]", "JSON object"),
        (b"null", "JSON object"),
        (b"42", "JSON object"),
        (b'"evt"', "JSON object"),
        (b"{not json", "not JSON"),
        (b"{}", "no id"),
        (b'{"id": 5, "type": "payment_intent.succeeded"}', "no id"),
        (b'{"id": "evt_1"}', "no type"),
        (b'{"id": "evt_1", "type": ["x"]}', "no type"),
        (b'{"id": "evt_1", "type": "payment_intent.succeeded"}', "data.object"),
        (b'{"id": "evt_1", "type": "payment_intent.succeeded", "data": []}', "data.object"),
        (b'{"id": "evt_1", "type": "payment_intent.succeeded", "data": {}}', "data.object"),
        (b'{"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": "pi_1"}}', "data.object"),
        (b'{"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": {"id": 12}}}', "must be a string"),
        (
            b'{"id": "evt_1", "type": "charge.refunded", "data": {"object": {"id": "ch_1", "payment_intent": {"id": "pi_1"}}}}',
            "must be a string",
        ),
        (
            b'{"id": "evt_1", "type": "charge.refunded", "data": {"object": {"id": "ch_1", "payment_intent": "pi_1"}}}',
            "amount_refunded",
        ),
        (
            b'{"id": "evt_1", "type": "charge.refunded", "data": {"object": {"id": "ch_1", "payment_intent": "pi_1", "amount_refunded": "100"}}}',
            "amount_refunded",
        ),
        (
            b'{"id": "evt_1", "type": "charge.refunded", "data": {"object": {"id": "ch_1", "payment_intent": "pi_1", "amount_refunded": 1.5}}}',
            "amount_refunded",
        ),
        (
            b'{"id": "evt_1", "type": "charge.refunded", "data": {"object": {"id": "ch_1", "payment_intent": "pi_1", "amount_refunded": -1}}}',
            "amount_refunded",
        ),
        (
            b'{"id": "evt_1", "type": "charge.refunded", "data": {"object": {"payment_intent": "pi_1", "amount_refunded": 100}}}',
            "charge id",
        ),
        (b'{"id": "' + b"e" * 300 + b'", "type": "x", "data": {"object": {}}}', "longer than 255"),
    ],
)
def test_every_malformed_but_correctly_signed_event_is_a_400_with_a_reason(
    client, catalogue, stripe_http, payload, reason
):
    # Given a paid card attempt waiting for its events
    open_card_page(client, catalogue)
    # When Stripe (or someone with the secret) posts a signed but malformed event
    response = _signed_raw(client, payload)
    # Then it is refused with the reason, nothing is recorded, and Stripe may retry a fixed one
    assert response.status_code == 400
    assert reason in response.json()["error"]
    assert not GatewayEvent.objects.exists()
    assert not Order.objects.exists()


def test_a_signed_refund_larger_than_the_payment_is_refused(client, catalogue, stripe_http):
    open_card_page(client, catalogue)
    stripe_http.succeed("pi_1")
    assert (
        signed(
            client, event("evt_1", "payment_intent.succeeded", {"id": "pi_1", "object": "payment_intent"})
        ).status_code
        == 200
    )
    refund = event(
        "evt_2",
        "charge.refunded",
        {"id": "ch_1", "object": "charge", "payment_intent": "pi_1", "amount_refunded": 10**12},
    )
    response = signed(client, refund)
    assert response.status_code == 400 and "more than was paid" in response.json()["error"]
    assert not GatewayEvent.objects.filter(event_id="evt_2").exists()
