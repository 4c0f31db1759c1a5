"""Content-Security-Policy and Permissions-Policy on every response, in production mode (issue 12)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.functional.artisans.conftest import make_artisan
from tests.functional.checkout_ext.test_money_on_every_page import fill_basket, two_artisans  # noqa: F401
from tests.integration.checkout_ext.conftest import ADDRESS
from tests.integration.checkout_ext.test_stripe_checkout import SECRET, FakeStripeHttp

SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_strict(response):
    policy = directives(response)
    assert policy["script-src"][0] == "'self'" and "'unsafe-inline'" not in policy["script-src"]
    assert not any("stripe" in source for sources in policy.values() for source in sources)
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "camera=(self)" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    nonce = next((s[len("'nonce-") : -1] for s in policy["script-src"] if s.startswith("'nonce-")), None)
    # Every script on the page is one of our static files, data (JSON-LD), or carries this response's nonce
    for attrs in SCRIPT.findall(response.content.decode()):
        if 'type="application/ld+json"' in attrs or re.search(r'src="/static/', attrs):
            continue
        assert nonce and f'nonce="{nonce}"' in attrs, attrs
    assert not re.search(r"\son[a-z]+=\"", response.content.decode()), "an inline event handler"


@pytest.fixture
def production(settings):
    settings.DEBUG = False


@pytest.mark.django_db
def test_every_kind_of_page_carries_the_strict_policy(client, production, odop_reference):
    maker = make_artisan(name="Policy Brass Works")
    ops = Client()
    ops.force_login(
        get_user_model().objects.create_superuser(
            username="csp-ops", email="csp-ops@example.com", password="x-pass-1234"
        )
    )
    artisan = Client()
    artisan.force_login(maker.user)
    for browser, url in [
        (client, "/"),
        (client, maker.product.get_absolute_url()),
        (client, "/accounts/login/"),
        (client, "/districts/"),
        (client, "/no-such-page/"),
        (artisan, "/artisans/studio/"),
        (ops, "/dashboard/"),
        (ops, "/dashboard/lockouts/"),
    ]:
        assert_strict(browser.get(url))
    assert "Content-Security-Policy" in client.get("/shipping/pincode/", {"pincode": "x"})


@pytest.mark.django_db
def test_the_csrf_cookie_is_out_of_scripts_reach(client, production):
    response = client.get("/accounts/login/")
    assert response.cookies["csrftoken"]["httponly"] is True


@pytest.mark.django_db
def test_stripe_is_allowed_on_the_card_payment_page_only(client, production, two_artisans, settings, monkeypatch):  # noqa: F811
    import stripe

    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY, settings.STRIPE_WEBHOOK_SECRET = (
        "sk_test_x",
        "pk_test_x",
        SECRET,
    )
    monkeypatch.setattr(stripe, "default_http_client", FakeStripeHttp())
    monkeypatch.setattr(stripe, "max_network_retries", 0)
    client.force_login(
        get_user_model().objects.create_user(username="asha", email="asha@example.com", password="pass-1234-word")
    )
    fill_basket(client, *two_artisans)
    assert client.post("/checkout/shipping-address/", ADDRESS).status_code == 302
    client.get("/checkout/shipping-method/")
    assert client.post("/checkout/payment-method/", {"method": "stripe"}).status_code == 302
    card_page = client.get("/checkout/payment-details/")
    policy = directives(card_page)
    assert "https://js.stripe.com" in policy["script-src"] and "'unsafe-inline'" not in policy["script-src"]
    assert "https://js.stripe.com" in policy["frame-src"] and "https://api.stripe.com" in policy["connect-src"]
    assert '<script src="https://js.stripe.com/v3/">' in card_page.content.decode()
    assert_strict(client.get("/checkout/payment-method/"))
