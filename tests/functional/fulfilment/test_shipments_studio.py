"""The artisan's parcels in the studio: their own only, one task per tab, big buttons to move them on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fulfilment.carriers.services import awb_range_import
from fulfilment.models import Shipment
from tests.factories_fulfilment import carrier, order_with_shipments, shipment_force
from tests.functional.artisans.conftest import make_artisan

LIST = "/artisans/studio/shipments/"
# The storefront layout's own queries (session, user, basket, categories…) plus 4 for the parcels.
QUERIES = 16


def detail(shipment) -> str:
    return f"/artisans/studio/shipments/{shipment.pk}/"


@pytest.fixture
def a(odop_reference):
    return make_artisan(name="Ansari Brass Works")


@pytest.fixture
def b(odop_reference):
    return make_artisan(name="Qureshi Brass Udyog")


@pytest.fixture
def parcels(a, b):
    """One order with a parcel from A and one from B, both waiting to be accepted."""
    order = order_with_shipments(partners=[a.profile.partner, b.profile.partner])
    mine = Shipment.objects.get(group__order=order, group__partner=a.profile.partner)
    theirs = Shipment.objects.get(group__order=order, group__partner=b.profile.partner)
    return mine, theirs


@pytest.fixture
def a_client(client, a):
    client.force_login(a.user)
    return client


def test_the_artisan_sees_only_their_parcels_to_accept_with_the_deadline(a_client, parcels):
    mine, theirs = parcels
    response = a_client.get(LIST)
    html = response.content.decode()
    assert [s.pk for s in response.context["shipments"]] == [mine.pk]
    assert f'data-shipment="{theirs.pk}"' not in html
    assert "Accept by" in html and mine.group.lines.get().title in html
    assert theirs.group.lines.get().title not in html
    assert ("accept", "To accept", 1) in [(code, str(label), n) for code, label, n in response.context["tabs"]]


def test_a_late_parcel_says_so(a_client, parcels):
    mine, _theirs = parcels
    Shipment.objects.filter(pk=mine.pk).update(accept_by=timezone.now() - timedelta(hours=2))
    assert "Late! Please accept now." in a_client.get(LIST).content.decode()


def test_each_tab_lists_the_parcels_at_that_step(a_client, a, django_assert_max_num_queries):
    order_statuses = {
        "accept": "pending",
        "pack": "accepted",
        "hand_over": "packed",
        "transit": "in_transit",
        "done": "delivered",
    }
    made = {tab: set() for tab in order_statuses}
    for tab, status in order_statuses.items():
        for _ in range(3):
            order = order_with_shipments(partners=[a.profile.partner])
            made[tab].add(shipment_force(Shipment.objects.get(group__order=order), status=status).pk)
    a_client.get(LIST)  # the shop's first visit makes a basket
    for tab in order_statuses:
        with django_assert_max_num_queries(QUERIES):
            response = a_client.get(f"{LIST}?tab={tab}")
        assert {s.pk for s in response.context["shipments"]} == made[tab]
    assert a_client.get(f"{LIST}?tab=nonsense").context["tab"] == "accept"


def test_accept_pack_and_hand_over_to_the_aggregator(a_client, parcels):
    mine, _theirs = parcels
    awb_range_import(carrier=carrier("aggregator"), numbers=["AGG1000001"])
    page = a_client.get(detail(mine)).content.decode()
    assert "Accept order" in page and "Packed" not in page.split("History")[0].split("Accept order")[1]

    assert a_client.post(detail(mine), {"to": "accepted"}).status_code == 302
    assert "Packed" in a_client.get(detail(mine)).content.decode()
    assert a_client.post(detail(mine), {"to": "packed"}).status_code == 302
    page = a_client.get(detail(mine)).content.decode()
    assert "Hand over" in page and "Self-ship" in page
    response = a_client.post(detail(mine), {"to": "manifested", "carrier": "aggregator"})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.awb) == ("manifested", "AGG1000001")
    page = a_client.get(detail(mine)).content.decode()
    assert "AGG1000001" in page and f"/artisans/studio/shipments/{mine.pk}/label/" in page
    assert list(mine.events.values_list("source", flat=True)) == ["artisan", "artisan", "artisan"]


def test_self_ship_with_a_bad_tracking_number_is_a_message_and_nothing_moves(a_client, parcels):
    mine, _theirs = parcels
    shipment_force(mine, status="packed")
    response = a_client.post(detail(mine), {"to": "manifested", "carrier": "self-ship", "tracking_number": "12#45"})
    assert response.status_code == 200 and "not a tracking number" in response.content.decode()
    assert 'value="12#45"' in response.content.decode()  # what they typed stays for correcting
    response = a_client.post(
        detail(mine), {"to": "manifested", "carrier": "self-ship", "tracking_number": "EM 987 654 321 IN"}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.status, mine.awb) == ("picked_up", "EM987654321IN")


def test_a_cod_parcel_cannot_be_self_shipped(a_client, a):
    order = order_with_shipments(partners=[a.profile.partner], cod=True)
    shipment = shipment_force(Shipment.objects.get(group__order=order), status="packed")
    page = a_client.get(detail(shipment)).content.decode()
    assert "Cash on delivery: give it to a courier who collects cash." in page
    response = a_client.post(
        detail(shipment), {"to": "manifested", "carrier": "self-ship", "tracking_number": "EM987654321IN"}
    )
    assert response.status_code == 200 and "cannot collect cash on delivery" in response.content.decode()
    assert Shipment.objects.get(pk=shipment.pk).status == "packed"


@pytest.mark.parametrize("to", ["delivered", "cancelled", "in_transit", "packed"])
def test_steps_that_are_not_the_artisan_s_are_refused_with_a_message(a_client, parcels, to):
    mine, _theirs = parcels
    response = a_client.post(detail(mine), {"to": to})
    assert response.status_code == 200
    assert "alert" in response.content.decode() and Shipment.objects.get(pk=mine.pk).status == "pending"


def test_another_artisan_s_parcel_is_404_to_look_at_and_to_act_on(a_client, parcels):
    _mine, theirs = parcels
    assert a_client.get(detail(theirs)).status_code == 404
    assert a_client.post(detail(theirs), {"to": "accepted"}).status_code == 404
    assert Shipment.objects.get(pk=theirs.pk).status == "pending"


@pytest.mark.parametrize("next_url", ["foo", "javascript:alert(1)", "//evil.example/", "https://evil.example/", "\x00"])
def test_a_next_that_is_not_a_path_here_returns_to_the_parcel_after_the_move(a_client, parcels, next_url):
    mine, _theirs = parcels
    response = a_client.post(detail(mine), {"to": "accepted", "next": next_url})
    assert response.status_code == 302 and response["Location"] == detail(mine)
    mine.refresh_from_db()
    assert mine.status == "accepted" and mine.events.count() == 1
