import pytest
from django.core import mail
from oscar.core.loading import get_model

from catalogue_ext.models import State
from checkout_ext.selectors import checkout_snapshot
from fulfilment.selectors import basket_shipping_quote
from partner_ext.strategy import Selector
from payments.gateways import CashOnDelivery
from tests.factories import CraftProductFactory, PickupAddressFactory, PincodeFactory, default_rate_card, india

Basket = get_model("basket", "Basket")
ShippingAddress = get_model("order", "ShippingAddress")

ADDRESS = {
    "first_name": "Asha",
    "last_name": "Rao",
    "line1": "12 Marine Drive",
    "line4": "Mumbai",
    "state": "Maharashtra",
    "postcode": "400001",
    "country": "IN",
    "phone_number": "98200 12345",
}


@pytest.fixture
def catalogue(odop_reference):
    """A Moradabad brass vase (₹1,249 incl. 5 % GST) whose artisan ships from 244001; Mumbai 400001 is metro."""
    india()
    default_rate_card()
    PincodeFactory(code="244001", district="Moradabad")
    PincodeFactory(code="400001", district="Mumbai", state=State.objects.get(code="MH"), is_metro=True)
    product = CraftProductFactory()
    stockrecord = product.stockrecords.get()
    PickupAddressFactory(partner=stockrecord.partner)
    return product


def guest_checkout_to_payment(client, product, *, quantity=1, address=None):
    """Given a guest with the product in the basket, walk Oscar's steps up to choosing how to pay."""
    client.post(f"/basket/add/{product.pk}/", {"quantity": quantity})
    response = client.post("/checkout/", {"username": "guest@example.com", "options": "new"})
    assert response.status_code == 302, response.content[:500]
    response = client.post("/checkout/shipping-address/", address or ADDRESS)
    if response.status_code == 302:
        # one shipping method (a parcel per artisan) is chosen for the shopper
        assert client.get("/checkout/shipping-method/")["Location"].endswith("/checkout/payment-method/")
    return response


def place_cod_order(client):
    response = client.post("/checkout/payment-method/", {"method": "cod"})
    assert response.status_code == 302
    preview = client.get("/checkout/preview/")
    assert preview.status_code == 200
    return client.post(
        "/checkout/preview/", {"action": "place_order", "basket_fingerprint": preview.context["basket_fingerprint"]}
    )


@pytest.fixture
def outbox():
    mail.outbox = []
    return mail.outbox


def snapshot_for(basket):
    basket.strategy = Selector().strategy()
    address = ShippingAddress(
        first_name="Asha",
        line1="12 Marine Drive",
        line4="Mumbai",
        state="Maharashtra",
        postcode="400001",
        country=india(),
    )
    quote = basket_shipping_quote(basket=basket, destination_code="400001")
    return checkout_snapshot(
        basket=basket,
        user=None,
        guest_email=f"b{basket.pk}@example.com",
        shipping_address=address,
        quote=quote,
        gateway=CashOnDelivery(),
        order_number=str(100000 + basket.pk),
    )


def new_basket(product):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, 1)
    return basket
