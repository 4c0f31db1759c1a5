"""Shoppers follow each artisan's parcel on Oscar's order pages (signed in, or a guest with the status link)."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fulfilment.carriers.base import TrackingEvent
from fulfilment.models import Shipment
from fulfilment.shipments.services import shipment_events_apply, shipment_transition
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import order_with_shipments, shipment_force

T0 = timezone.now() - timedelta(days=1)


@pytest.fixture
def shopper(db):
    return get_user_model().objects.create_user(username="asha", email="asha@example.com", password="pass-1234-word")


def _tracked(order) -> tuple[Shipment, Shipment]:
    """The first artisan's parcel still waits; the second is on its way with the aggregator as AWB555001."""
    waiting, moving = Shipment.objects.filter(group__order=order).order_by("pk")
    shipment_force(moving, status="manifested", awb="AWB555001")
    shipment_events_apply(
        carrier=moving.carrier,
        events=[
            TrackingEvent(
                event_id="t2",
                awb="AWB555001",
                status="in_transit",
                occurred_at=T0 + timedelta(hours=5),
                location="Nagpur hub",
            ),
            TrackingEvent(
                event_id="t1",
                awb="AWB555001",
                status="picked_up",
                occurred_at=T0 + timedelta(hours=1),
                location="Moradabad",
            ),
        ],
    )
    return waiting, moving


@pytest.fixture
def order(odop_reference, shopper):
    partners = [
        VerifiedArtisanPartnerFactory(name="Ansari Brass Works"),
        VerifiedArtisanPartnerFactory(name="Qureshi Brass Udyog"),
    ]
    return order_with_shipments(partners=partners, user=shopper)


def test_a_customer_sees_each_parcel_with_its_tracking_history_in_time_order(
    client, shopper, order, django_assert_max_num_queries
):
    _tracked(order)
    client.force_login(shopper)
    client.get("/")  # the shop's first visit makes a basket
    with django_assert_max_num_queries(32):  # 30 + the invoice links (parcels, numbers)
        response = client.get(f"/accounts/orders/{order.number}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your parcels" in html
    assert "From Ansari Brass Works" in html and "From Qureshi Brass Udyog" in html
    assert "Awaiting the artisan" in html
    assert "Courier aggregator, tracking number AWB555001" in html
    assert html.index("Moradabad") < html.index("Nagpur hub")  # picked up before in transit, as it happened
    assert "Partially shipped" in html


def test_the_page_costs_the_same_queries_with_more_parcels(client, shopper, odop_reference):
    client.force_login(shopper)
    client.get("/")
    small = order_with_shipments(partners=[VerifiedArtisanPartnerFactory()], user=shopper)
    big = order_with_shipments(partners=[VerifiedArtisanPartnerFactory() for _ in range(4)], user=shopper)
    for shipment in Shipment.objects.filter(group__order__in=[small, big]):
        shipment_force(shipment, status="manifested")
        shipment_transition(shipment=shipment, to="picked_up", source="carrier")
    with CaptureQueriesContext(connection) as one:
        client.get(f"/accounts/orders/{small.number}/")
    with CaptureQueriesContext(connection) as four:
        client.get(f"/accounts/orders/{big.number}/")
    parcel_queries = [
        len([q for q in ctx.captured_queries if "fulfilment_shipment" in q["sql"]]) for ctx in (one, four)
    ]
    assert parcel_queries[0] == parcel_queries[1]


def test_a_guest_with_the_status_link_sees_the_parcels(client, odop_reference):
    order = order_with_shipments(partners=[VerifiedArtisanPartnerFactory(name="Ansari Brass Works")])
    shipment = Shipment.objects.get(group__order=order)
    shipment_force(shipment, status="out_for_delivery", awb="AWB555009")
    shipment_transition(shipment=shipment, to="delivered", source="carrier")
    url = f"/accounts/order-status/{order.number}/{order.verification_hash()}/"
    client.post(
        f"/accounts/order-status-form/{order.number}/{order.verification_hash()}/", {"email": "asha@example.com"}
    )
    html = client.get(url).content.decode()
    assert "From Ansari Brass Works" in html and "AWB555009" in html and "Delivered" in html


def test_refused_carrier_reports_after_delivery_are_not_shown_to_the_shopper(client, shopper, order):
    _waiting, moving = _tracked(order)
    shipment_events_apply(
        carrier=moving.carrier,
        events=[
            TrackingEvent(event_id="t3", awb="AWB555001", status="delivered", occurred_at=T0 + timedelta(hours=9)),
            TrackingEvent(
                event_id="t4",
                awb="AWB555001",
                status="in_transit",
                occurred_at=T0 + timedelta(hours=10),
                location="Wrong hub",
            ),
        ],
    )
    client.force_login(shopper)
    html = client.get(f"/accounts/orders/{order.number}/").content.decode()
    assert "Delivered" in html and "Wrong hub" not in html
