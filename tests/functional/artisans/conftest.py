from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import ShippingAddressFactory, create_order

from artisans.models import ArtisanProfile
from tests.factories import ArtisanPartnerFactory, ArtisanProfileFactory, CraftProductFactory

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Line = get_model("order", "Line")


@dataclass
class Artisan:
    user: object
    profile: ArtisanProfile
    product: object
    line: object | None = None


def make_artisan(*, name: str, status: str = "verified", products: int = 1) -> Artisan:
    partner = ArtisanPartnerFactory(name=name)
    profile = ArtisanProfileFactory(
        partner=partner,
        status=status,
        bank_account_number="123456789012",
        ifsc="SBIN0001234",
        upi_id=f"{partner.code}@okaxis",
    )
    user = get_user_model().objects.create_user(
        username=f"user-{partner.code}", email=f"{partner.code}@example.com", password="pass-1234-word"
    )
    partner.users.add(user)
    items = [CraftProductFactory(title=f"{name} piece {n}", stockrecords__partner=partner) for n in range(products)]
    return Artisan(user=user, profile=profile, product=items[0])


@pytest.fixture
def artisan_a(odop_reference):
    return make_artisan(name="Ansari Brass Works")


@pytest.fixture
def artisan_b(odop_reference):
    return make_artisan(name="Qureshi Brass Udyog")


@pytest.fixture
def suspended_artisan(odop_reference):
    return make_artisan(name="Suspended Metal Crafts", status="suspended")


@pytest.fixture
def shopper(db):
    return get_user_model().objects.create_user(
        username="shopper", email="shopper@example.com", password="pass-1234-word"
    )


@pytest.fixture
def ops(db):
    return get_user_model().objects.create_user(
        username="ops", email="ops@example.com", password="pass-1234-word", is_staff=True, is_superuser=True
    )


@pytest.fixture
def mixed_order(artisan_a, artisan_b, shopper):
    """One shopper's order with a line from A and a line from B."""
    basket = Basket.objects.create(owner=shopper)
    basket.strategy = Default()
    basket.add_product(artisan_a.product)
    basket.add_product(artisan_b.product)
    address = ShippingAddressFactory(
        first_name="Meera",
        last_name="Iyer",
        line1="14 Lake View Road",
        line4="Bengaluru",
        state="Karnataka",
        postcode="560001",
        phone_number="+919812345678",
        country=Country.objects.get(iso_3166_1_a2="IN"),
    )
    order = create_order(basket=basket, user=shopper, shipping_address=address)
    artisan_a.line = Line.objects.get(order=order, partner=artisan_a.profile.partner)
    artisan_b.line = Line.objects.get(order=order, partner=artisan_b.profile.partner)
    return order
