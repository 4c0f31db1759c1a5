"""The checkout address is an Indian one: pincode first, state as a choice, a mobile the courier can call."""

import re

import pytest

from tests.integration.checkout_ext.conftest import ADDRESS, guest_checkout_to_payment

pytestmark = pytest.mark.django_db


def test_the_address_form_asks_for_the_pincode_first_and_offers_states_as_a_choice(client, catalogue):
    client.post(f"/basket/add/{catalogue.pk}/", {"quantity": 1})
    client.post("/checkout/", {"username": "guest@example.com", "options": "new"})
    html = client.get("/checkout/shipping-address/").content.decode()

    form = html[html.index('id="new_shipping_address"') :]
    names = re.findall(r'name="(postcode|first_name|phone_number|line1|state)"', form)
    assert names[0] == "postcode"
    assert '<select name="state"' in form and '<option value="Maharashtra">Maharashtra</option>' in form
    assert re.search(r'name="phone_number"[^>]*required', form)


@pytest.mark.parametrize("phone", ["", "12345", "5123456789", "98200 1234"])
def test_a_missing_or_malformed_mobile_is_refused_with_a_reason(client, catalogue, phone):
    response = guest_checkout_to_payment(client, catalogue, address={**ADDRESS, "phone_number": phone})

    assert response.status_code == 200
    errors = response.context["form"].errors["phone_number"]
    assert errors and ("10-digit" in errors[0] or "required" in errors[0])


@pytest.mark.parametrize("phone", ["9820012345", "+91 98200 12345", "098200-12345"])
def test_indian_mobiles_in_their_usual_spellings_are_accepted(client, catalogue, phone):
    response = guest_checkout_to_payment(client, catalogue, address={**ADDRESS, "phone_number": phone})

    assert response.status_code == 302


def test_a_state_that_does_not_match_the_pincode_is_pointed_out(client, catalogue):
    response = guest_checkout_to_payment(client, catalogue, address={**ADDRESS, "state": "Kerala"})

    assert response.status_code == 200
    assert response.context["form"].errors["state"] == ["Pincode 400001 is in Maharashtra."]


def test_an_empty_town_is_filled_from_the_pincode(client, catalogue):
    from checkout_ext.forms import ShippingAddressForm

    form = ShippingAddressForm(data={**ADDRESS, "line4": "", "country": "IN"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["line4"] == "Mumbai"
    assert form.cleaned_data["state"] == "Maharashtra"
