"""The aggregator's tracking webhook: only signed bodies are believed, and only well-formed events pass."""

import json
from datetime import UTC, datetime, timedelta

import pytest

from fulfilment.carriers.adapters import AGGREGATOR_STATUSES, Aggregator, SelfShip
from fulfilment.carriers.base import CarrierError
from fulfilment.models import Carrier
from tests.carriers_helpers import signed_headers

SECRET = "whsec-test-aggregator"


@pytest.fixture
def aggregator(settings):
    settings.CARRIER_WEBHOOK_SECRETS = {"aggregator": SECRET}
    return Aggregator(Carrier(code="aggregator", name="Courier aggregator", adapter="aggregator"))


def signed(body: bytes, secret: str = SECRET) -> dict:
    return signed_headers(body, secret, wsgi=False)


def stamped_now() -> dict:
    return {"X-Carrier-Timestamp": str(int(datetime.now(UTC).timestamp()))}


def event(**overrides) -> dict:
    return {
        "event_id": "evt-1",
        "awb": "odp000000001",
        "status": "IN_TRANSIT",
        "occurred_at": "2026-05-02T10:15:00+05:30",
        "location": "Delhi hub",
        "remarks": "Bagged",
        **overrides,
    }


def body_of(*events) -> bytes:
    return json.dumps({"events": list(events)}).encode()


def test_a_signed_body_becomes_events_in_our_words(aggregator):
    body = body_of(event(), event(event_id="evt-2", status="UNDELIVERED", ndr_reason="Customer not available"))
    events = aggregator.parse_tracking_webhook(body=body, headers=signed(body))
    assert [(e.event_id, e.awb, e.status) for e in events] == [
        ("evt-1", "ODP000000001", "in_transit"),
        ("evt-2", "ODP000000001", "ndr"),
    ]
    assert events[0].occurred_at == datetime(2026, 5, 2, 4, 45, tzinfo=UTC)
    assert (events[0].location, events[0].note) == ("Delhi hub", "Bagged")
    assert events[1].ndr_reason == "Customer not available"


def test_every_documented_status_maps_to_a_shipment_status(aggregator):
    from fulfilment.models import Shipment

    assert set(AGGREGATOR_STATUSES.values()) <= set(Shipment.STATUSES)
    body = body_of(*[event(event_id=code, status=code) for code in AGGREGATOR_STATUSES])
    assert [e.status for e in aggregator.parse_tracking_webhook(body=body, headers=signed(body))] == [
        "picked_up",
        "in_transit",
        "out_for_delivery",
        "delivered",
        "ndr",
        "rto_initiated",
        "rto_delivered",
    ]


def test_utc_z_suffix_is_an_offset(aggregator):
    body = body_of(event(occurred_at="2026-05-02T04:45:00Z"))
    [parsed] = aggregator.parse_tracking_webhook(body=body, headers=signed(body))
    assert parsed.occurred_at.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "missing X-Carrier-Signature"),
        ({"X-Carrier-Signature": "deadbeef"}, "must look like sha256="),
        ({"X-Carrier-Signature": "sha256=" + "0" * 64}, "does not match"),
        ({"X-Carrier-Signature": "sha256=not-hex"}, "does not match"),
    ],
)
def test_forged_or_unsigned_bodies_are_refused(aggregator, headers, reason):
    with pytest.raises(CarrierError, match=reason):
        aggregator.parse_tracking_webhook(body=body_of(event()), headers={**stamped_now(), **headers})


def test_a_body_signed_with_another_secret_is_refused(aggregator):
    body = body_of(event())
    with pytest.raises(CarrierError, match="does not match"):
        aggregator.parse_tracking_webhook(body=body, headers=signed(body, secret="someone-elses"))


def test_a_body_changed_after_signing_is_refused(aggregator):
    body = body_of(event(status="IN_TRANSIT"))
    tampered = body.replace(b"IN_TRANSIT", b"DELIVERED")
    with pytest.raises(CarrierError, match="does not match"):
        aggregator.parse_tracking_webhook(body=tampered, headers=signed(body))


def test_uppercase_hex_digest_is_accepted(aggregator):
    body = body_of(event())
    headers = signed(body)
    headers["X-Carrier-Signature"] = "sha256=" + headers["X-Carrier-Signature"].removeprefix("sha256=").upper()
    assert len(aggregator.parse_tracking_webhook(body=body, headers=headers)) == 1


def test_without_a_configured_secret_every_call_is_refused(settings):
    settings.CARRIER_WEBHOOK_SECRETS = {}
    adapter = Aggregator(Carrier(code="aggregator", name="Courier aggregator", adapter="aggregator"))
    body = body_of(event())
    with pytest.raises(CarrierError, match="no webhook secret"):
        adapter.parse_tracking_webhook(body=body, headers=signed(body, secret=""))


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{not json", "not UTF-8 JSON"),
        (b"\xff\xfe", "not UTF-8 JSON"),
        (b"[]", '"events" list'),
        (b'{"events": {}}', '"events" list'),
        (body_of("evt-1"), r"events\[0\]: must be a JSON object"),
        (body_of(event(), event(status="LOST_IN_SPACE")), r"events\[1\]: unknown status 'LOST_IN_SPACE'"),
        (body_of(event(occurred_at="2026-05-02T10:15:00")), r"events\[0\]: occurred_at .* has no UTC offset"),
        (body_of(event(occurred_at="yesterday")), r"events\[0\]: occurred_at 'yesterday' is not an ISO 8601"),
        (body_of(event(occurred_at=1714626900)), r"events\[0\]: occurred_at must be a string"),
        (body_of(event(event_id="")), r"events\[0\]: event_id is empty"),
        (body_of({k: v for k, v in event().items() if k != "awb"}), r"events\[0\]: awb must be a string"),
        (body_of(event(awb="A" * 41)), r"events\[0\]: awb is longer than 40"),
        (body_of(event(event_id="e" * 81)), r"events\[0\]: event_id is longer than 80"),
        (body_of(event(location=["Delhi"])), r"events\[0\]: location must be a string"),
    ],
)
def test_malformed_bodies_are_refused_with_the_reason(aggregator, body, reason):
    with pytest.raises(CarrierError, match=reason):
        aggregator.parse_tracking_webhook(body=body, headers=signed(body))


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (body_of(event(occurred_at="0001-01-01T00:00:00+05:30")), r"events\[0\]: occurred_at .* is out of range"),
        (body_of(event(occurred_at="9999-12-31T23:59:59-05:00")), r"events\[0\]: occurred_at .* is out of range"),
        (body_of(event(occurred_at="2999-01-01T10:00:00+05:30")), r"events\[0\]: occurred_at .* is in the future"),
        (body_of(event(location="Delhi\x00hub")), r"events\[0\]: location contains a NUL character"),
        (body_of(event(event_id="evt\x001")), r"events\[0\]: event_id contains a NUL character"),
    ],
)
def test_times_the_database_cannot_hold_or_that_would_freeze_a_parcel_are_refused(aggregator, body, reason):
    """A year-2999 scan would make every real scan after it look stale; NUL cannot be stored in PostgreSQL."""
    with pytest.raises(CarrierError, match=reason):
        aggregator.parse_tracking_webhook(body=body, headers=signed(body))


def test_a_scan_a_few_hours_ahead_of_our_clock_is_accepted(aggregator):
    soon = (datetime.now(UTC) + timedelta(hours=3)).isoformat()
    body = body_of(event(occurred_at=soon))
    assert len(aggregator.parse_tracking_webhook(body=body, headers=signed(body))) == 1


@pytest.mark.parametrize("header", ["sha256=é", "sha256=" + "é" * 64, "sha256=\u20ac"])
def test_a_signature_with_non_ascii_characters_is_refused_not_crashed(aggregator, header):
    body = body_of(event())
    with pytest.raises(CarrierError, match="does not match"):
        aggregator.parse_tracking_webhook(body=body, headers={**stamped_now(), "X-Carrier-Signature": header})


def test_a_blank_secret_is_no_secret(settings):
    settings.CARRIER_WEBHOOK_SECRETS = {"aggregator": "  "}
    adapter = Aggregator(Carrier(code="aggregator", name="Courier aggregator", adapter="aggregator"))
    body = body_of(event())
    with pytest.raises(CarrierError, match="no webhook secret"):
        adapter.parse_tracking_webhook(body=body, headers=signed(body, secret="  "))


def test_long_remarks_are_cut_to_what_the_history_keeps(aggregator):
    body = body_of(event(remarks="r" * 1000, location="l" * 500))
    [parsed] = aggregator.parse_tracking_webhook(body=body, headers=signed(body))
    assert (len(parsed.note), len(parsed.location)) == (300, 120)


def test_an_empty_batch_is_no_events(aggregator):
    body = body_of()
    assert aggregator.parse_tracking_webhook(body=body, headers=signed(body)) == []


def test_self_ship_has_no_webhook_and_no_remittance():
    adapter = SelfShip(Carrier(code="self-ship", name="Self-ship", adapter="self-ship"))
    with pytest.raises(CarrierError, match="no webhook"):
        adapter.parse_tracking_webhook(body=b"{}", headers={})
    with pytest.raises(CarrierError, match="no remittance"):
        adapter.parse_remittance(data=b"awb,amount\n")
    assert (adapter.uses_awb_ranges, adapter.supports_cod) == (False, False)


@pytest.mark.parametrize("age", [-301, 301, 86400 * 365])
def test_a_call_signed_more_than_five_minutes_away_from_our_clock_is_refused(aggregator, age):
    # A captured call replayed later (or one signed by a clock far ahead) is refused, though its HMAC is right
    body = body_of(event())
    stamp = int(datetime.now(UTC).timestamp()) - age
    with pytest.raises(CarrierError, match="away from our clock"):
        aggregator.parse_tracking_webhook(body=body, headers=signed_headers(body, SECRET, timestamp=stamp, wsgi=False))


@pytest.mark.parametrize("age", [0, 299, -299])
def test_a_call_signed_within_five_minutes_is_believed(aggregator, age):
    body = body_of(event())
    stamp = int(datetime.now(UTC).timestamp()) - age
    assert aggregator.parse_tracking_webhook(
        body=body, headers=signed_headers(body, SECRET, timestamp=stamp, wsgi=False)
    )


@pytest.mark.parametrize(
    ("stamp", "reason"),
    [
        ("", "missing X-Carrier-Timestamp"),
        ("soon", "Unix seconds"),
        ("1" * 30, "Unix seconds"),
        ("١٧٦٧٢٢٥٦٠٠", "Unix seconds"),
        ("-5", "Unix seconds"),
    ],
)
def test_a_missing_or_malformed_timestamp_is_refused(aggregator, stamp, reason):
    body = body_of(event())
    headers = {**signed(body), "X-Carrier-Timestamp": stamp}
    with pytest.raises(CarrierError, match=reason):
        aggregator.parse_tracking_webhook(body=body, headers=headers)


def test_the_timestamp_is_part_of_what_is_signed(aggregator):
    # Moving a captured call's timestamp forward breaks its signature
    body = body_of(event())
    old = int(datetime.now(UTC).timestamp()) - 3600
    headers = {**signed_headers(body, SECRET, timestamp=old, wsgi=False), **stamped_now()}
    with pytest.raises(CarrierError, match="does not match"):
        aggregator.parse_tracking_webhook(body=body, headers=headers)
