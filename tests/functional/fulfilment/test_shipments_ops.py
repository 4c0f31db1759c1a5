"""The ops shipment desk: list with filters and late flags, a parcel's page with its actions, the NDR queue."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from fulfilment.models import Shipment
from tests.factories_fulfilment import order_with_shipments, shipment_force
from tests.functional.artisans.conftest import make_artisan

LIST = "/dashboard/fulfilment/shipments/"
NDR = "/dashboard/fulfilment/ndr/"


def detail(shipment) -> str:
    return f"/dashboard/fulfilment/shipments/{shipment.pk}/"


@pytest.fixture
def shopper(db):
    return get_user_model().objects.create_user(username="shopper", email="shopper@example.com")


@pytest.fixture
def artisans(odop_reference):
    return make_artisan(name="Ansari Brass Works"), make_artisan(name="Qureshi Brass Udyog")


@pytest.fixture
def parcels(artisans):
    """A's parcel awaiting acceptance, late; B's parcel out with the aggregator as AWB777001."""
    a, b = artisans
    order = order_with_shipments(partners=[a.profile.partner, b.profile.partner])
    late, moving = Shipment.objects.filter(group__order=order).order_by("pk")
    Shipment.objects.filter(pk=late.pk).update(accept_by=timezone.now() - timedelta(hours=1))
    shipment_force(moving, status="in_transit", awb="AWB777001")
    late.refresh_from_db()
    return late, moving


def rows(response) -> list[int]:
    return [shipment.pk for shipment in response.context["shipments"]]


def test_ops_see_every_parcel_with_late_ones_flagged(ops_client, parcels):
    late, moving = parcels
    response = ops_client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert set(rows(response)) == {late.pk, moving.pk}
    assert "Late to accept" in html and "shipment-late" in html
    assert "AWB777001" in html and "Qureshi Brass Udyog" in html
    # checkboxes for the bulk label PDF
    assert 'action="/dashboard/fulfilment/labels.pdf"' in html
    assert f'name="shipment" value="{moving.pk}"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("late=on", "late"),
        ("status=in_transit", "moving"),
        ("carrier=aggregator", "moving"),
        ("artisan=ansari", "late"),
        ("q=777001", "moving"),
    ],
)
def test_ops_filter_the_list(ops_client, parcels, query, expected):
    late, moving = parcels
    response = ops_client.get(f"{LIST}?{query}")
    assert rows(response) == [{"late": late, "moving": moving}[expected].pk]


def test_filtering_by_order_number_and_nonsense_filters_are_harmless(ops_client, parcels):
    late, _moving = parcels
    assert set(rows(ops_client.get(f"{LIST}?q={late.group.order.number}"))) == {p.pk for p in parcels}
    response = ops_client.get(f"{LIST}?status=teleported&carrier=nobody&page=abc")
    assert response.status_code == 200 and set(rows(response)) == {p.pk for p in parcels}
    # a nonsense filter does not throw away the sensible ones
    assert rows(ops_client.get(f"{LIST}?carrier=nobody&late=on")) == [late.pk]


def test_the_list_is_paginated_with_a_bounded_number_of_queries(ops_client, artisans, django_assert_max_num_queries):
    a, b = artisans
    for _ in range(30):
        order = order_with_shipments(partners=[a.profile.partner, b.profile.partner])
        for shipment in Shipment.objects.filter(group__order=order):
            shipment_force(shipment, status="manifested")
    with django_assert_max_num_queries(9):
        response = ops_client.get(LIST)
    assert len(rows(response)) == 50 and response.context["page_obj"].paginator.count == 60
    with django_assert_max_num_queries(9):
        assert len(rows(ops_client.get(f"{LIST}?page=2"))) == 10


def test_the_parcel_page_shows_lines_addresses_history_and_the_next_steps(
    ops_client, parcels, django_assert_max_num_queries
):
    _late, moving = parcels
    with django_assert_max_num_queries(11):
        response = ops_client.get(detail(moving))
    html = response.content.decode()
    assert response.status_code == 200
    line = moving.group.lines.get()
    assert line.title in html and "12 Marine Drive" in html and "400001" in html
    assert f"/dashboard/fulfilment/shipments/{moving.pk}/label/" in html
    assert [move for move, _label in response.context["moves"]] == [
        "out_for_delivery",
        "delivered",
        "ndr",
        "rto_initiated",
    ]


def test_ops_move_a_parcel_and_see_it_in_the_history(ops_client, parcels):
    late, _moving = parcels
    response = ops_client.post(detail(late), {"to": "accepted"})
    assert response.status_code == 302 and response["Location"] == detail(late)
    page = ops_client.get(detail(late)).content.decode()
    assert "Accepted by the artisan" in page and "Operations" in page
    assert Shipment.objects.get(pk=late.pk).status == "accepted"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"to": "delivered"}, "cannot become"),
        ({"to": "teleported"}, "Unknown step"),
        ({}, "Unknown step"),
        ({"to": "manifested"}, "Choose who takes the parcel"),
        ({"to": "ndr"}, "Say why"),
    ],
)
def test_an_illegal_or_incomplete_action_is_a_message_not_an_error(ops_client, parcels, data, message):
    late, _moving = parcels
    response = ops_client.post(detail(late), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Shipment.objects.get(pk=late.pk).status == "pending"


def test_ops_hand_over_a_packed_parcel_to_self_ship_with_a_bad_then_a_good_number(ops_client, parcels):
    late, _moving = parcels
    shipment_force(late, status="packed")
    response = ops_client.post(detail(late), {"to": "manifested", "carrier": "self-ship", "tracking_number": "EE1"})
    assert response.status_code == 200 and "not a tracking number" in response.content.decode()
    response = ops_client.post(
        detail(late), {"to": "manifested", "carrier": "self-ship", "tracking_number": "EE123456789IN"}
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert (late.status, late.awb, late.carrier.code) == ("picked_up", "EE123456789IN", "self-ship")


def test_an_unknown_parcel_is_404(ops_client, parcels):
    assert ops_client.get("/dashboard/fulfilment/shipments/999999/").status_code == 404
    assert ops_client.post("/dashboard/fulfilment/shipments/999999/", {"to": "accepted"}).status_code == 404


def test_shoppers_and_artisans_are_refused_and_visitors_sent_to_sign_in(client, parcels, shopper, artisans):
    _late, moving = parcels
    for url in (LIST, detail(moving), NDR):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    for user in (shopper, artisans[0].user):
        client.force_login(user)
        assert {client.get(url).status_code for url in (LIST, detail(moving), NDR)} == {403}
        assert client.post(detail(moving), {"to": "delivered"}).status_code == 403
    assert Shipment.objects.get(pk=moving.pk).status == "in_transit"


# NDR queue


@pytest.fixture
def ndrs(artisans):
    """Two failed deliveries: one reported 30 h ago (overdue), one 2 h ago (22 h left)."""
    a, b = artisans
    order = order_with_shipments(partners=[a.profile.partner, b.profile.partner])
    overdue, fresh = Shipment.objects.filter(group__order=order).order_by("pk")
    for shipment, hours, reason in ((overdue, 30, "Door locked"), (fresh, 2, "Customer asked to come tomorrow")):
        shipment_force(shipment, status="ndr")
        Shipment.objects.filter(pk=shipment.pk).update(
            ndr_raised_at=timezone.now() - timedelta(hours=hours),
            ndr_attempts=2 if shipment == overdue else 1,
            ndr_reason=reason,
        )
    return overdue, fresh


def test_the_ndr_queue_shows_attempts_reason_and_time_left(ops_client, ndrs, parcels, django_assert_max_num_queries):
    overdue, fresh = ndrs
    with django_assert_max_num_queries(8):
        response = ops_client.get(NDR)
    html = response.content.decode()
    assert rows(response) == [overdue.pk, fresh.pk]  # oldest first; parcels not in NDR are not listed
    assert "Door locked" in html and "Customer asked to come tomorrow" in html
    assert "Overdue" in html and "ndr-overdue" in html
    assert "21\xa0hours" in html or "22\xa0hours" in html


def test_ops_reattempt_from_the_queue_with_a_corrected_phone(ops_client, ndrs):
    overdue, _fresh = ndrs
    response = ops_client.post(
        detail(overdue),
        {"to": "in_transit", "phone": "+91 98200 98200", "instructions": "Call before coming", "next": NDR},
    )
    assert response.status_code == 302 and response["Location"] == NDR
    overdue.refresh_from_db()
    assert (overdue.status, overdue.delivery_phone, overdue.delivery_instructions) == (
        "in_transit",
        "+919820098200",
        "Call before coming",
    )
    assert rows(ops_client.get(NDR)) == [_fresh.pk]


def test_a_bad_phone_is_refused_with_a_message(ops_client, ndrs):
    overdue, _fresh = ndrs
    response = ops_client.post(detail(overdue), {"to": "in_transit", "phone": "call me", "next": NDR})
    assert response.status_code == 200 and "10 to 13 digits" in response.content.decode()
    assert Shipment.objects.get(pk=overdue.pk).status == "ndr"


def test_ops_return_a_parcel_to_the_artisan_from_the_queue(ops_client, ndrs, settings):
    settings.FULFILMENT_RTO_CHARGED_TO = "platform"
    overdue, _fresh = ndrs
    response = ops_client.post(detail(overdue), {"to": "rto_initiated", "next": "https://evil.example.com/"})
    assert response.status_code == 302 and response["Location"] == detail(overdue)  # a foreign next is ignored
    overdue.refresh_from_db()
    assert overdue.status == "rto_initiated" and overdue.rto_charged_to == "platform"
