"""The payment step: a sole method is already chosen, and the shopper sees what they are paying for."""

import re

import pytest

from tests.integration.checkout_ext.conftest import guest_checkout_to_payment


def _checked_methods(html: str) -> list[str]:
    return re.findall(r'<input type="radio" name="method" value="([a-z_]+)" required checked>', html)


@pytest.mark.django_db
def test_the_only_way_to_pay_is_already_chosen(client, catalogue):
    # given a guest at the payment step where only cash on delivery is configured
    guest_checkout_to_payment(client, catalogue, quantity=2)

    # when the page opens
    html = client.get("/checkout/payment-method/").content.decode()

    # then cash on delivery is selected, so "Continue" is one tap
    assert _checked_methods(html) == ["cod"]


@pytest.mark.django_db
def test_nothing_is_preselected_when_the_sole_method_is_refused(client, catalogue, settings):
    from decimal import Decimal

    settings.COD_MAX_ORDER_VALUE = Decimal("1000")
    guest_checkout_to_payment(client, catalogue)

    html = client.get("/checkout/payment-method/").content.decode()

    assert _checked_methods(html) == []


@pytest.mark.django_db
def test_payment_page_summarises_the_order(client, catalogue):
    guest_checkout_to_payment(client, catalogue, quantity=2)

    html = client.get("/checkout/payment-method/").content.decode()

    summary = html[html.index('class="order-summary"') :]
    assert "Order summary" in summary
    assert f"2 × {catalogue.get_title()}" in summary
    assert "₹2,498.00" in summary  # the two vases
    assert "12 Marine Drive" in summary and "400001" in summary  # where it goes
    assert "₹525.00" in summary  # the shipping to Mumbai


@pytest.mark.django_db
def test_coming_back_keeps_the_method_chosen_before(client, catalogue):
    guest_checkout_to_payment(client, catalogue)
    client.post("/checkout/payment-method/", {"method": "cod"})

    html = client.get("/checkout/payment-method/").content.decode()

    assert _checked_methods(html) == ["cod"]
