"""Issue 12: reviews only from buyers whose parcel was delivered, marked, and held for ops to approve."""

import pytest
from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from fulfilment.models import Shipment
from tests.factories_fulfilment import order_with_shipments, shipment_force
from tests.functional.artisans.conftest import make_artisan

ProductReview = get_model("reviews", "ProductReview")
REVIEW = {"title": "Lovely lota", "score": "5", "body": "Heavy, well engraved."}


@pytest.fixture
def bought(odop_reference):
    """A shopper's order of one artisan's product, parcel not yet delivered."""
    artisan = make_artisan(name="Ansari Brass Works")
    shopper = get_user_model().objects.create_user(username="s", email="s@example.com", password="pass-1234-word")
    order = order_with_shipments(partners=[artisan.profile.partner], user=shopper)
    return shopper, order.lines.get().product, Shipment.objects.get(group__order=order)


def _add(product) -> str:
    return f"/catalogue/{product.slug}_{product.pk}/reviews/add/"


def test_nobody_reviews_before_their_parcel_is_delivered(client, bought):
    shopper, product, _shipment = bought
    # Anonymous visitors, and a buyer whose parcel is still on its way, are turned away with a message
    for who in (None, shopper):
        if who:
            client.force_login(who)
        response = client.post(_add(product), {**REVIEW, "name": "X", "email": "not-an-email"}, follow=True)
        assert response.status_code == 200
        assert "review" in response.content.decode().lower()
    assert not ProductReview.objects.exists()


def test_a_delivered_buyer_s_review_waits_for_ops_and_then_shows_verified(client, bought, admin_client):
    shopper, product, shipment = bought
    shipment_force(shipment, status=Shipment.DELIVERED)
    client.force_login(shopper)
    assert client.post(_add(product), REVIEW).status_code == 302
    review = ProductReview.objects.get()
    # Held: not on the product page until ops approve it
    assert review.status == ProductReview.FOR_MODERATION
    assert "Lovely lota" not in client.get(product.get_absolute_url()).content.decode()
    admin_client.post(f"/dashboard/reviews/{review.pk}/", {**REVIEW, "status": ProductReview.APPROVED})
    review.refresh_from_db()
    assert review.status == ProductReview.APPROVED
    html = client.get(product.get_absolute_url()).content.decode()
    assert "Lovely lota" in html and "Verified buyer" in html
    # One review per buyer
    client.post(_add(product), {**REVIEW, "title": "Again"})
    assert ProductReview.objects.count() == 1
