"""POST /fulfilment/carriers/<code>/webhook/: signed tracking events move parcels; anything else changes nothing."""

import json

import pytest
from django.urls import reverse

from fulfilment.carriers.views import WEBHOOK_MAX_BYTES
from fulfilment.models import Carrier, Shipment, ShipmentEvent
from tests.carriers_helpers import manifested, signed_headers
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import carrier, order_with_shipments

pytestmark = pytest.mark.usefixtures("odop_reference")
SECRET = "whsec-aggregator-test"
URL = reverse("fulfilment-public:carrier-webhook", kwargs={"code": "aggregator"})


@pytest.fixture(autouse=True)
def secrets(settings):
    settings.CARRIER_WEBHOOK_SECRETS = {"aggregator": SECRET}


@pytest.fixture
def shipment(db):
    order = order_with_shipments(partners=[VerifiedArtisanPartnerFactory()])
    return manifested(Shipment.objects.get(group__order=order), awb="ODP000000001")


def body_of(*events) -> bytes:
    return json.dumps({"events": list(events)}).encode()


def event(event_id, status, at, awb="ODP000000001", **extra) -> dict:
    return {"event_id": event_id, "awb": awb, "status": status, "occurred_at": at, "location": "Delhi hub", **extra}


def post(client, body: bytes, *, secret: str = SECRET, url: str = URL, **headers):
    if secret is not None:
        for name, value in signed_headers(body, secret).items():
            headers.setdefault(name, value)
    return client.post(url, data=body, content_type="application/json", **headers)


def history(shipment) -> list:
    return list(
        ShipmentEvent.objects.filter(shipment=shipment).order_by("pk").values_list("status", "carrier_event_id")
    )


@pytest.mark.django_db
def test_signed_events_move_the_parcel_and_are_counted(client, shipment):
    body = body_of(
        event("e1", "PICKED_UP", "2026-05-04T10:00:00+05:30"),
        event("e2", "IN_TRANSIT", "2026-05-04T20:00:00+05:30"),
        event("e3", "OUT_FOR_DELIVERY", "2026-05-05T08:00:00+05:30"),
    )
    response = post(client, body)
    assert response.status_code == 200
    assert response.json() == {"received": 3, "applied": 3, "duplicate": 0, "stale": 0, "refused": 0, "unknown_awb": 0}
    shipment.refresh_from_db()
    assert shipment.status == "out_for_delivery"
    assert history(shipment)[-3:] == [("picked_up", "e1"), ("in_transit", "e2"), ("out_for_delivery", "e3")]


@pytest.mark.django_db
def test_a_replayed_call_changes_nothing(client, shipment):
    body = body_of(event("e1", "PICKED_UP", "2026-05-04T10:00:00+05:30"))
    post(client, body)
    before = history(shipment)
    response = post(client, body)
    assert response.status_code == 200 and response.json()["duplicate"] == 1 and response.json()["applied"] == 0
    assert history(shipment) == before


@pytest.mark.django_db
def test_a_captured_call_replayed_after_five_minutes_is_refused_and_changes_nothing(client, shipment):
    from django.utils import timezone

    body = body_of(event("e1", "PICKED_UP", "2026-05-04T10:00:00+05:30"))
    captured = signed_headers(body, SECRET, timestamp=int(timezone.now().timestamp()) - 600)
    before = history(shipment)
    response = post(client, body, **captured)
    assert response.status_code == 400 and "away from our clock" in response.json()["error"]
    shipment.refresh_from_db()
    assert shipment.status == "manifested" and history(shipment) == before


@pytest.mark.django_db
def test_events_arriving_out_of_order_never_move_a_delivered_parcel_back(client, shipment):
    post(client, body_of(event("e4", "DELIVERED", "2026-05-05T15:00:00+05:30")))
    response = post(client, body_of(event("e2", "IN_TRANSIT", "2026-05-04T20:00:00+05:30")))
    assert response.status_code == 200 and response.json()["applied"] == 0
    shipment.refresh_from_db()
    assert shipment.status == "delivered"


@pytest.mark.django_db
def test_events_for_unknown_awbs_are_counted_not_failed(client, shipment):
    response = post(client, body_of(event("e9", "PICKED_UP", "2026-05-04T10:00:00+05:30", awb="NOPE00001")))
    assert response.status_code == 200 and response.json()["unknown_awb"] == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("headers", "secret", "reason"),
    [
        ({}, None, "missing X-Carrier-Signature header"),
        ({}, "a-guessed-secret", "signature does not match the body"),
        ({"HTTP_X_CARRIER_SIGNATURE": "sha256=" + "0" * 64}, SECRET, "signature does not match the body"),
        ({"HTTP_X_CARRIER_SIGNATURE": "md5=abc"}, SECRET, "must look like sha256="),
    ],
)
def test_forged_calls_are_refused_with_a_reason_and_change_nothing(client, shipment, headers, secret, reason):
    before = history(shipment)
    response = post(client, body_of(event("e1", "DELIVERED", "2026-05-04T10:00:00+05:30")), secret=secret, **headers)
    assert response.status_code == 400
    assert reason in response.json()["error"]
    shipment.refresh_from_db()
    assert shipment.status == "manifested" and history(shipment) == before


@pytest.mark.django_db
def test_without_a_secret_in_settings_every_call_is_refused(client, shipment, settings):
    settings.CARRIER_WEBHOOK_SECRETS = {}
    response = post(client, body_of(event("e1", "DELIVERED", "2026-05-04T10:00:00+05:30")), secret="")
    assert response.status_code == 400 and "no webhook secret is configured" in response.json()["error"]
    shipment.refresh_from_db()
    assert shipment.status == "manifested"


GOOD = event("e0", "PICKED_UP", "2026-05-04T09:00:00+05:30")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{", "body is not UTF-8 JSON"),
        (body_of(GOOD, event("e1", "LOST", "2026-05-04T10:00:00+05:30")), "events[1]: unknown status 'LOST'"),
        (
            body_of(GOOD, event("e1", "IN_TRANSIT", "2026-05-04T10:00:00")),
            "events[1]: occurred_at '2026-05-04T10:00:00' has no UTC offset",
        ),
    ],
)
def test_signed_but_malformed_bodies_are_refused_whole(client, shipment, body, reason):
    before = history(shipment)
    response = post(client, body)
    assert response.status_code == 400 and reason in response.json()["error"]
    shipment.refresh_from_db()
    assert shipment.status == "manifested" and history(shipment) == before


@pytest.mark.django_db
def test_unknown_or_inactive_carriers_are_404(client, shipment):
    nobody = reverse("fulfilment-public:carrier-webhook", kwargs={"code": "nobody"})
    assert client.post(nobody, data=b"{}", content_type="application/json").status_code == 404
    Carrier.objects.filter(code="aggregator").update(is_active=False)
    response = post(client, body_of(event("e1", "PICKED_UP", "2026-05-04T10:00:00+05:30")))
    assert response.status_code == 404 and "no active carrier 'aggregator'" in response.json()["error"]


@pytest.mark.django_db
def test_self_ship_has_no_webhook(client, shipment, settings):
    settings.CARRIER_WEBHOOK_SECRETS = {"self-ship": SECRET}
    carrier("self-ship")
    url = reverse("fulfilment-public:carrier-webhook", kwargs={"code": "self-ship"})
    response = post(client, body_of(event("e1", "PICKED_UP", "2026-05-04T10:00:00+05:30")), url=url)
    assert response.status_code == 400 and "no webhook" in response.json()["error"]


@pytest.mark.django_db
def test_only_post_is_accepted(client, db):
    response = client.get(URL)
    assert response.status_code == 405 and response["Allow"] == "POST"


@pytest.mark.django_db
def test_an_oversized_body_is_413(client, shipment):
    body = body_of(*[event(f"e{n}", "IN_TRANSIT", "2026-05-04T10:00:00+05:30", remarks="x" * 300) for n in range(3000)])
    assert len(body) > WEBHOOK_MAX_BYTES
    response = post(client, body)
    assert response.status_code == 413 and "send fewer events per call" in response.json()["error"]
    shipment.refresh_from_db()
    assert shipment.status == "manifested"


@pytest.mark.django_db
def test_no_csrf_token_is_needed(shipment):
    from django.test import Client

    body = body_of(event("e1", "PICKED_UP", "2026-05-04T10:00:00+05:30"))
    response = post(Client(enforce_csrf_checks=True), body)
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_forged_signature_with_non_ascii_bytes_is_a_400_not_a_crash(client, shipment):
    body = body_of(event("e1", "DELIVERED", "2026-05-04T10:00:00+05:30"))
    response = post(client, body, HTTP_X_CARRIER_SIGNATURE="sha256=é")
    assert response.status_code == 400 and "does not match" in response.json()["error"]
    assert Shipment.objects.get(pk=shipment.pk).status == "manifested"


@pytest.mark.django_db
def test_nul_characters_and_impossible_times_are_a_400_and_change_nothing(client, shipment):
    before = history(shipment)
    for bad in (
        event("e1", "PICKED_UP", "2026-05-04T10:00:00+05:30", location="Delhi\x00hub"),
        event("e2", "PICKED_UP", "0001-01-01T00:00:00+05:30"),
        event("e3", "PICKED_UP", "2999-05-04T10:00:00+05:30"),
    ):
        response = post(client, body_of(event("e0", "PICKED_UP", "2026-05-04T09:00:00+05:30"), bad))
        assert response.status_code == 400, response.content
    assert history(shipment) == before and Shipment.objects.get(pk=shipment.pk).status == "manifested"


MALFORMED_SIGNED_BODIES = [
    (b"", "not UTF-8 JSON"),
    (b"\xff\xfe", "not UTF-8 JSON"),
    (b"[]", '"events" list'),
    (b'"events"', '"events" list'),
    (b"null", '"events" list'),
    (b'{"events": {}}', '"events" list'),
    (b'{"events": [1]}', "must be a JSON object"),
    (b'{"events": [[]]}', "must be a JSON object"),
    (
        json.dumps(
            {"events": [{"awb": "ODP000000001", "status": "DELIVERED", "occurred_at": "2026-05-05T08:00:00+05:30"}]}
        ).encode(),
        "event_id",
    ),
    (
        json.dumps(
            {
                "events": [
                    {
                        "event_id": 7,
                        "awb": "ODP000000001",
                        "status": "DELIVERED",
                        "occurred_at": "2026-05-05T08:00:00+05:30",
                    }
                ]
            }
        ).encode(),
        "event_id must be a string",
    ),
    (
        json.dumps(
            {
                "events": [
                    {"event_id": "e", "awb": None, "status": "DELIVERED", "occurred_at": "2026-05-05T08:00:00+05:30"}
                ]
            }
        ).encode(),
        "awb",
    ),
    (
        json.dumps(
            {
                "events": [
                    {
                        "event_id": "e",
                        "awb": "ODP000000001",
                        "status": "LOST",
                        "occurred_at": "2026-05-05T08:00:00+05:30",
                    }
                ]
            }
        ).encode(),
        "unknown status",
    ),
    (
        json.dumps(
            {"events": [{"event_id": "e", "awb": "ODP000000001", "status": "DELIVERED", "occurred_at": "yesterday"}]}
        ).encode(),
        "ISO 8601",
    ),
    (
        json.dumps(
            {
                "events": [
                    {
                        "event_id": "e",
                        "awb": "ODP000000001",
                        "status": "DELIVERED",
                        "occurred_at": "2026-05-05T08:00:00",
                    }
                ]
            }
        ).encode(),
        "UTC offset",
    ),
    (
        json.dumps(
            {"events": [{"event_id": "e", "awb": "ODP000000001", "status": "DELIVERED", "occurred_at": 20260505}]}
        ).encode(),
        "occurred_at must be a string",
    ),
    (
        json.dumps(
            {
                "events": [
                    {
                        "event_id": "e\x00",
                        "awb": "ODP000000001",
                        "status": "DELIVERED",
                        "occurred_at": "2026-05-05T08:00:00+05:30",
                    }
                ]
            }
        ).encode(),
        "NUL",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize("body, reason", MALFORMED_SIGNED_BODIES)
def test_every_malformed_but_correctly_signed_body_is_a_400_with_a_reason(client, shipment, body, reason):
    # Given a body signed with the right secret but not a valid tracking message
    before = history(shipment)
    # When the carrier posts it
    response = post(client, body)
    # Then it is refused with a reason and nothing changed
    assert response.status_code == 400
    assert reason in response.json()["error"]
    assert history(shipment) == before
