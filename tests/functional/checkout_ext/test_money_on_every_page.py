"""Issue 11: a two-artisan order's money reads the same, and adds up to the paisa, on every page and e-mail.

Figures are read off the rendered pages (every figure of the money account carries `data-money`), summed
and compared with what the order stored.
"""

import re
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from oscar.core.loading import get_model

from catalogue_ext.models import State
from tests.factories import (
    CraftProductFactory,
    PickupAddressFactory,
    PincodeFactory,
    VerifiedArtisanPartnerFactory,
    default_rate_card,
    india,
)
from tests.integration.checkout_ext.conftest import ADDRESS, place_cod_order
from tests.integration.checkout_ext.test_stripe_checkout import SECRET, FakeStripeHttp  # noqa: F401

Order = get_model("order", "Order")
FIGURE = re.compile(r'data-money="([\w-]+)"[^>]*>\s*([^<]*?)\s*<')


def figures(html: str) -> dict[str, list[D]]:
    found: dict[str, list[D]] = {}
    for name, text in FIGURE.findall(html):
        found.setdefault(name, []).append(D(text.replace("₹", "").replace(",", "").strip()))
    return found


def one(found: dict, name: str) -> D:
    assert len(found.get(name, [])) == 1, (name, found)
    return found[name][0]


def assert_adds_up(found: dict) -> None:
    """goods + shipping + fee = total; taxable + GST = total; CGST + SGST + IGST = GST; parcels = shipping."""
    fee = one(found, "fee") if "fee" in found else D("0")
    assert one(found, "goods") + one(found, "shipping") + fee == one(found, "total")
    assert sum(found["shipping-parcel"]) == one(found, "shipping")
    assert one(found, "taxable") + one(found, "gst") == one(found, "total")
    parts = sum(found.get(name, [D("0")])[0] for name in ("cgst", "sgst", "igst"))
    assert parts == one(found, "gst")


def assert_equals_order(found: dict, order) -> None:
    fees = [surcharge.incl_tax for surcharge in order.surcharges.all()]
    assert one(found, "total") == order.total_incl_tax
    assert one(found, "goods") == order.basket_total_incl_tax
    assert one(found, "shipping") == order.shipping_incl_tax
    assert (one(found, "fee") if "fee" in found else D("0")) == sum(fees, D("0"))
    assert one(found, "taxable") == order.total_excl_tax
    assert one(found, "gst") == order.total_incl_tax - order.total_excl_tax
    assert sorted(found["shipping-parcel"]) == sorted(group.shipping_charge for group in order.shipment_groups.all())


@pytest.fixture
def two_artisans(odop_reference):
    """Moradabad brass (UP, 5 % GST, ₹1,249 × 2) and a Pune maker (MH, 18 % GST, ₹3,333.33), to Mumbai (MH)."""
    india()
    default_rate_card()
    PincodeFactory(code="244001", district="Moradabad")
    PincodeFactory(code="411001", district="Pune", state=State.objects.get(code="MH"), is_metro=True)
    PincodeFactory(code="400001", district="Mumbai", state=State.objects.get(code="MH"), is_metro=True)
    up_maker, mh_maker = (
        VerifiedArtisanPartnerFactory(name="Ansari Brass"),
        VerifiedArtisanPartnerFactory(name="Pune Weaves"),
    )
    PickupAddressFactory(partner=up_maker)
    PickupAddressFactory(partner=mh_maker, line4="Pune", state="Maharashtra", postcode="411001")
    brass = CraftProductFactory(title="Men's brass lota", stockrecords__partner=up_maker)
    shawl = CraftProductFactory(
        title="Wood carving & inlay box",
        gst_rate=D("18"),
        stockrecords__partner=mh_maker,
        stockrecords__price=D("3333.33"),
    )
    return brass, shawl


def fill_basket(client, brass, shawl):
    client.post(f"/basket/add/{brass.pk}/", {"quantity": 2})
    client.post(f"/basket/add/{shawl.pk}/", {"quantity": 1})


def to_payment(client):
    assert client.post("/checkout/", {"username": "guest@example.com", "options": "new"}).status_code == 302
    assert client.post("/checkout/shipping-address/", ADDRESS).status_code == 302
    assert client.get("/checkout/shipping-method/").status_code == 302


@pytest.mark.django_db
def test_the_basket_never_says_free_shipping_and_estimates_once_the_pincode_is_known(client, two_artisans):
    fill_basket(client, *two_artisans)
    # Before a pincode: shipping is worked out at checkout, and the total says it is before shipping
    html = client.get("/basket/").content.decode()
    assert "Free shipping" not in html and "Worked out at checkout" in html
    found = figures(html)
    assert one(found, "goods") == one(found, "total") == D("2498.00") + D("3333.33")
    assert "shipping" not in found
    # Once the shopper checked a pincode: per-artisan shipping and the COD fee appear as estimates
    check = client.get("/shipping/pincode/", {"pincode": "400001"}).json()
    html = client.get("/basket/").content.decode()
    found = figures(html)
    assert "estimate" in html and "Free shipping" not in html
    assert sorted(found["shipping-parcel"]) == sorted(D(parcel["charge"]) for parcel in check["parcels"])
    assert one(found, "shipping") == D(check["shipping_total"])
    assert one(found, "fee-if-cod") == D(check["cod_fee"])
    assert one(found, "goods") + one(found, "shipping") == one(found, "total")
    assert one(found, "taxable") + one(found, "gst") == one(found, "total")


@pytest.mark.django_db
def test_a_two_artisan_cod_order_adds_up_on_every_page_and_email(
    client, admin_client, two_artisans, django_capture_on_commit_callbacks
):
    mail.outbox = []
    fill_basket(client, *two_artisans)
    to_payment(client)
    # The payment page: goods and shipping, no fee yet
    found = figures(client.get("/checkout/payment-method/").content.decode())
    assert one(found, "goods") + one(found, "shipping") == one(found, "total")
    assert set(found) >= {"cgst", "sgst", "igst"}  # Pune → Mumbai within MH, Moradabad → Mumbai across states
    assert client.post("/checkout/payment-method/", {"method": "cod"}).status_code == 302
    preview_html = client.get("/checkout/preview/").content.decode()
    assert "Payment details to go here" not in preview_html
    preview = figures(preview_html)
    assert_adds_up(preview)
    with django_capture_on_commit_callbacks(execute=True):
        assert place_cod_order(client).status_code == 302
    order = Order.objects.get()
    # Order-level tax is true: excl-tax total and tax are the sums of the lines plus shipping and fee
    lines = list(order.lines.all())
    line_taxable = sum((line.taxable_value for line in lines), D("0"))
    assert order.basket_total_excl_tax == line_taxable
    assert order.total_excl_tax < order.total_incl_tax
    assert all(line.line_price_excl_tax == line.taxable_value for line in lines)
    assert_adds_up(preview)
    assert_equals_order(preview, order)

    thank_you = client.get("/checkout/thank-you/").content.decode()
    assert "Allocation of" not in thank_you
    assert_adds_up(figures(thank_you))
    assert_equals_order(figures(thank_you), order)
    assert f"{order.total_incl_tax:,}" in thank_you.replace("₹", "") or "18," in thank_you

    client.post(
        f"/accounts/order-status-form/{order.number}/{order.verification_hash()}/", {"email": "guest@example.com"}
    )
    status = client.get(f"/accounts/order-status/{order.number}/{order.verification_hash()}/")
    assert status.status_code == 200
    assert_adds_up(figures(status.content.decode()))
    assert_equals_order(figures(status.content.decode()), order)

    dashboard = admin_client.get(f"/dashboard/orders/{order.number}/").content.decode()
    assert_adds_up(figures(dashboard))
    assert_equals_order(figures(dashboard), order)

    # Both parts of the e-mail: the text part has no HTML entities; same figures; absolute links
    message = mail.outbox[-1]
    text = message.body
    assert (
        "&#x27;" not in text
        and "&amp;" not in text
        and "Men's brass lota" in text
        and "Wood carving & inlay box" in text
    )
    html = message.alternatives[0][0]
    assert_adds_up(figures(html))
    assert_equals_order(figures(html), order)
    for label, value in (("Order total:", order.total_incl_tax), ("Shipping:", order.shipping_incl_tax)):
        shown = re.search(rf"^{re.escape(label)} ₹([\d,.]+)$", text, re.M).group(1)
        assert D(shown.replace(",", "")) == value
    assert "http://testserver-site.example/accounts/order-status/" in text or "/accounts/order-status/" in text
    assert "example.com" not in text


@pytest.mark.django_db
def test_a_signed_in_card_order_adds_up_on_the_order_page(client, two_artisans, settings, monkeypatch):
    import stripe

    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY, settings.STRIPE_WEBHOOK_SECRET = (
        "sk_test_x",
        "pk_test_x",
        SECRET,
    )
    fake = FakeStripeHttp()
    monkeypatch.setattr(stripe, "default_http_client", fake)
    monkeypatch.setattr(stripe, "max_network_retries", 0)
    user = get_user_model().objects.create_user(username="asha", email="asha@example.com", password="pass-1234-word")
    client.force_login(user)
    fill_basket(client, *two_artisans)
    assert client.post("/checkout/shipping-address/", ADDRESS).status_code == 302
    assert client.get("/checkout/shipping-method/").status_code == 302
    assert client.post("/checkout/payment-method/", {"method": "stripe"}).status_code == 302
    card_page = client.get("/checkout/payment-details/").content.decode()
    assert "fee" not in figures(card_page)
    fake.succeed("pi_1")
    assert client.get("/checkout/stripe/return/", {"payment_intent": "pi_1"}).status_code == 302
    order = Order.objects.get()
    assert not order.surcharges.exists()
    for url in ("/checkout/thank-you/", f"/accounts/orders/{order.number}/"):
        html = client.get(url).content.decode()
        assert_adds_up(figures(html))
        assert_equals_order(figures(html), order)
    # The address book keeps the delivery address (Oscar's OrderPlacementMixin hook)
    assert user.addresses.filter(postcode="400001").exists()
