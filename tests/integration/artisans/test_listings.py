from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from artisans import services
from catalogue_ext.models import Craft, District
from tests.factories import ArtisanPartnerFactory, ArtisanProfileFactory, gi_tag


@pytest.fixture
def profile(odop_reference):
    return ArtisanProfileFactory(partner=ArtisanPartnerFactory())


def _fields(**overrides):
    return {
        "title": "Engraved Brass Lota",
        "description": "",
        "district": District.objects.get(slug="moradabad"),
        "craft": Craft.objects.get(slug="brassware"),
        "gi_tag": None,
        "weight_grams": 700,
        "length_cm": Decimal("12"),
        "breadth_cm": Decimal("12"),
        "height_cm": Decimal("18"),
        "hsn_code": "7418",
        "gst_rate": Decimal("5"),
        **overrides,
    }


def test_a_gi_product_from_an_artisan_without_gi_authorisation_is_saved_without_the_badge(profile):
    tag = gi_tag("moradabad")
    result = services.artisan_product_save(
        profile=profile, fields=_fields(gi_tag=tag), price=Decimal("999"), num_in_stock=3
    )
    result.product.refresh_from_db()
    assert result.gi_withheld == tag
    assert result.product.gi_tag is None
    assert result.product.stockrecords.get().partner_id == profile.partner_id


def test_an_authorised_artisan_publishes_with_the_gi_badge(profile):
    tag = gi_tag("moradabad")
    ops = get_user_model().objects.create_user(username="ops", email="ops@example.com", password="x", is_staff=True)
    services.gi_authorisation_record(profile=profile, gi_tag=tag, registration_number="AU/77", by=ops)
    result = services.artisan_product_save(
        profile=profile, fields=_fields(gi_tag=tag), price=Decimal("999"), num_in_stock=3
    )
    assert result.gi_withheld is None
    result.product.refresh_from_db()
    assert result.product.gi_tag == tag
