"""Shipment rules through the services, without HTTP: the pipeline, carrier events, NDR/RTO, order status."""

import threading
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from oscar.core.loading import get_model

from fulfilment.carriers.base import TrackingEvent
from fulfilment.carriers.services import awb_range_import
from fulfilment.models import PayoutLedgerEntry, Shipment, ShipmentEvent, ShippingRate
from fulfilment.shipments import services
from fulfilment.shipments.selectors import ops_shipment_list, order_parcels
from fulfilment.shipments.services import ShipmentTransitionError, shipment_move
from tests.factories import VerifiedArtisanPartnerFactory, default_rate_card
from tests.factories_fulfilment import carrier, order_with_shipments, shipment_force

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")

T0 = timezone.now().replace(microsecond=0) - timedelta(days=2)


def at(hours: float):
    return T0 + timedelta(hours=hours)


def event(event_id: str, awb: str, status: str, hours: float, **extra) -> TrackingEvent:
    return TrackingEvent(event_id=event_id, awb=awb, status=status, occurred_at=at(hours), **extra)


@pytest.fixture
def artisan(odop_reference):
    return VerifiedArtisanPartnerFactory(name="Ansari Brass Works")


@pytest.fixture
def other_artisan(odop_reference):
    return VerifiedArtisanPartnerFactory(name="Qureshi Brass Udyog")


@pytest.fixture
def order(artisan):
    return order_with_shipments(partners=[artisan])


@pytest.fixture
def shipment(order):
    return Shipment.objects.get(group__order=order)


@pytest.fixture
def aggregator():
    agg = carrier("aggregator")
    awb_range_import(carrier=agg, numbers=["AGG0000001", "AGG0000002", "AGG0000003"])
    return agg


@pytest.fixture
def in_transit(shipment):
    """A prepaid parcel the aggregator carries as AWB123456, last heard of at T0."""
    shipment_force(shipment, status="in_transit", awb="AWB123456")
    Shipment.objects.filter(pk=shipment.pk).update(last_event_at=at(0))
    shipment.refresh_from_db()
    return shipment


def statuses(shipment) -> list[tuple[str, bool]]:
    return list(shipment.events.order_by("occurred_at", "pk").values_list("status", "applied"))


# Opening shipments at checkout


def test_opening_shipments_is_idempotent_and_sets_the_acceptance_deadline(settings, artisan, other_artisan):
    settings.FULFILMENT_ACCEPT_HOURS = 36
    order = order_with_shipments(partners=[artisan, other_artisan])
    Shipment.objects.filter(group__order=order).delete()  # the factory's own; checkout's path opens them

    first = services.shipments_open(order=order)
    again = services.shipments_open(order=order)

    assert len(first) == 2 and [s.pk for s in again] == [s.pk for s in first]
    order.refresh_from_db()
    for shipment in first:
        assert shipment.status == "pending"
        assert shipment.accept_by == order.date_placed + timedelta(hours=36)
        assert statuses(shipment) == [("pending", True)]


# The artisan's part and the hand-over


def test_the_artisan_accepts_packs_and_hands_over_to_the_aggregator(shipment, aggregator, artisan):
    user = artisan.users.create(username="ansari", email="ansari@example.com")
    services.shipment_accept(shipment=shipment, source="artisan", user=user)
    services.shipment_mark_packed(shipment=shipment, source="artisan", user=user)
    services.shipment_manifest(shipment=shipment, carrier=aggregator, user=user, source="artisan")

    assert (shipment.status, shipment.carrier, shipment.awb) == ("manifested", aggregator, "AGG0000001")
    assert statuses(shipment)[-3:] == [("accepted", True), ("packed", True), ("manifested", True)]
    assert set(shipment.events.values_list("source", "user")) == {("artisan", user.pk)}
    assert Order.objects.get(pk=shipment.group.order_id).status == "Being processed"


def test_an_illegal_move_is_refused_with_a_message_and_records_nothing(shipment):
    with pytest.raises(ShipmentTransitionError, match="cannot become “Delivered”"):
        services.shipment_mark_delivered(shipment=shipment, source="ops")
    with pytest.raises(ShipmentTransitionError, match="not yours to record"):
        services.shipment_cancel(shipment=shipment, source="artisan")
    shipment.refresh_from_db()
    assert shipment.status == "pending" and not shipment.events.exists()


def test_a_self_shipped_parcel_keeps_the_typed_number_and_counts_as_picked_up(shipment, artisan):
    shipment_force(shipment, status="packed")
    services.shipment_manifest(
        shipment=shipment, carrier=carrier("self-ship"), source="artisan", typed_number=" ee 123 456 789 in "
    )
    assert (shipment.status, shipment.awb) == ("picked_up", "EE123456789IN")
    assert list(shipment.events.values_list("status", "source")) == [("manifested", "artisan"), ("picked_up", "system")]
    assert Order.objects.get(pk=shipment.group.order_id).status == "Shipped"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type the tracking number"),
        ("AB12", "not a tracking number"),
        ("EE12345678#IN", "not a tracking number"),
        ("X" * 41, "not a tracking number"),
    ],
)
def test_a_bad_tracking_number_is_refused_and_the_parcel_stays_packed(shipment, typed, message):
    shipment_force(shipment, status="packed")
    with pytest.raises(ShipmentTransitionError, match=message):
        services.shipment_manifest(
            shipment=shipment, carrier=carrier("self-ship"), source="artisan", typed_number=typed
        )
    shipment.refresh_from_db()
    assert (shipment.status, shipment.awb, shipment.carrier) == ("packed", "", None)


def test_a_tracking_number_already_on_another_parcel_is_refused(artisan, other_artisan):
    order = order_with_shipments(partners=[artisan, other_artisan])
    first, second = Shipment.objects.filter(group__order=order).order_by("pk")
    for shipment in (first, second):
        shipment_force(shipment, status="packed")
    services.shipment_manifest(
        shipment=first, carrier=carrier("self-ship"), source="artisan", typed_number="EE123456789IN"
    )
    with pytest.raises(ShipmentTransitionError, match="already on another parcel"):
        services.shipment_manifest(
            shipment=second, carrier=carrier("self-ship"), source="artisan", typed_number="ee123456789in"
        )
    second.refresh_from_db()
    assert second.status == "packed"


def test_a_cod_parcel_cannot_go_with_a_carrier_that_does_not_collect_cash(artisan):
    order = order_with_shipments(partners=[artisan], cod=True)
    shipment = shipment_force(Shipment.objects.get(group__order=order), status="packed")
    with pytest.raises(ShipmentTransitionError, match="cannot collect cash on delivery"):
        services.shipment_manifest(
            shipment=shipment, carrier=carrier("self-ship"), source="artisan", typed_number="EE123456789IN"
        )
    assert Shipment.objects.get(pk=shipment.pk).status == "packed"


def test_no_awb_left_is_a_clear_message_and_nothing_changes(shipment):
    shipment_force(shipment, status="packed")
    with pytest.raises(ShipmentTransitionError, match="used up"):
        services.shipment_manifest(shipment=shipment, carrier=carrier("aggregator"), source="artisan")
    assert Shipment.objects.get(pk=shipment.pk).status == "packed"
    assert not shipment.events.exists()


def test_cancelling_before_pickup_puts_the_stock_back_on_sale(shipment):
    line = shipment.group.lines.get()
    record = line.stockrecord
    record.allocate(line.quantity)
    record.refresh_from_db()
    allocated = record.num_allocated
    services.shipment_cancel(shipment=shipment, source="ops", note="Artisan out of stock")
    record.refresh_from_db()
    assert shipment.status == "cancelled" and record.num_allocated == allocated - line.quantity
    assert Order.objects.get(pk=shipment.group.order_id).status == "Cancelled"


# Carrier events


def test_events_arriving_out_of_order_are_applied_in_event_time_order(in_transit):
    counts = services.shipment_events_apply(
        carrier=in_transit.carrier,
        events=[
            event("e3", "AWB123456", "delivered", 5),
            event("e1", "AWB123456", "in_transit", 1, location="Delhi hub"),
            event("e2", "AWB123456", "out_for_delivery", 3, location="Mumbai"),
        ],
    )
    in_transit.refresh_from_db()
    assert counts == {"applied": 3, "duplicate": 0, "stale": 0, "refused": 0, "unknown_awb": 0}
    assert (in_transit.status, in_transit.delivered_at, in_transit.last_event_at) == ("delivered", at(5), at(5))
    assert statuses(in_transit) == [("in_transit", True), ("out_for_delivery", True), ("delivered", True)]
    assert Order.objects.get(pk=in_transit.group.order_id).status == "Delivered"


def test_replayed_events_are_counted_as_duplicates_and_change_nothing(in_transit):
    batch = [event("e1", "AWB123456", "out_for_delivery", 1), event("e2", "AWB123456", "delivered", 2)]
    services.shipment_events_apply(carrier=in_transit.carrier, events=batch)
    counts = services.shipment_events_apply(carrier=in_transit.carrier, events=batch)
    assert counts["duplicate"] == 2 and counts["applied"] == 0
    assert in_transit.events.count() == 2


def test_an_older_event_arriving_late_is_kept_in_history_but_does_not_move_the_parcel(in_transit):
    services.shipment_events_apply(carrier=in_transit.carrier, events=[event("e5", "AWB123456", "out_for_delivery", 5)])
    counts = services.shipment_events_apply(
        carrier=in_transit.carrier, events=[event("e2", "AWB123456", "in_transit", 2, location="Nagpur")]
    )
    in_transit.refresh_from_db()
    assert counts["stale"] == 1 and in_transit.status == "out_for_delivery"
    assert statuses(in_transit) == [("in_transit", False), ("out_for_delivery", True)]
    # the shopper reads it in its place in time
    history = order_parcels(order=in_transit.group.order)[0].history
    assert [e.status for e in history] == ["in_transit", "out_for_delivery"]


def test_a_delivered_parcel_never_moves_backwards(in_transit):
    services.shipment_events_apply(carrier=in_transit.carrier, events=[event("e1", "AWB123456", "delivered", 1)])
    counts = services.shipment_events_apply(
        carrier=in_transit.carrier,
        events=[
            event("e2", "AWB123456", "in_transit", 2),
            event("e3", "AWB123456", "ndr", 3, ndr_reason="Door locked"),
        ],
    )
    in_transit.refresh_from_db()
    assert counts["refused"] == 2 and in_transit.status == "delivered" and in_transit.ndr_attempts == 0
    assert statuses(in_transit) == [("delivered", True), ("in_transit", False), ("ndr", False)]
    # refused reports newer than the delivery stay in the ops history only
    assert [e.status for e in order_parcels(order=in_transit.group.order)[0].history] == ["delivered"]


def test_an_unknown_awb_is_counted_and_the_rest_of_the_batch_applies(in_transit):
    counts = services.shipment_events_apply(
        carrier=in_transit.carrier,
        events=[
            event("e1", "NOSUCHAWB", "delivered", 1),
            event("e2", "AWB123456", "out_for_delivery", 2),
            event("", "AWB123456", "delivered", 3),
            event("e4", "AWB123456", "lost", 4),
        ],
    )
    assert counts == {"applied": 1, "duplicate": 0, "stale": 0, "refused": 2, "unknown_awb": 1}
    assert Shipment.objects.get(pk=in_transit.pk).status == "out_for_delivery"


def test_hub_scans_in_the_same_status_are_history_not_moves(in_transit):
    counts = services.shipment_events_apply(
        carrier=in_transit.carrier,
        events=[
            event("s1", "AWB123456", "in_transit", 1, location="Agra"),
            event("s2", "AWB123456", "in_transit", 2, location="Nagpur"),
        ],
    )
    in_transit.refresh_from_db()
    assert counts["applied"] == 2 and in_transit.last_event_at == at(2)
    assert list(in_transit.events.values_list("location", flat=True)) == ["Agra", "Nagpur"]


def test_failed_attempts_are_counted_with_their_reason(in_transit):
    services.shipment_events_apply(
        carrier=in_transit.carrier,
        events=[
            event("n1", "AWB123456", "ndr", 1, ndr_reason="Customer not available"),
            event("n2", "AWB123456", "ndr", 2, ndr_reason="Address incomplete"),
        ],
    )
    in_transit.refresh_from_db()
    assert (in_transit.status, in_transit.ndr_attempts, in_transit.ndr_reason) == ("ndr", 2, "Address incomplete")
    assert in_transit.ndr_raised_at is not None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent inserts need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_the_same_event_delivered_twice_at_once_is_applied_once(odop_reference):
    default_rate_card()
    order = order_with_shipments(partners=[VerifiedArtisanPartnerFactory()])
    shipment = shipment_force(Shipment.objects.get(group__order=order), status="in_transit", awb="AWBRACE01")
    agg = carrier("aggregator")
    barrier = threading.Barrier(4)
    results = []

    def deliver():
        barrier.wait()
        try:
            results.append(
                services.shipment_events_apply(
                    carrier=agg, events=[event("race-1", "AWBRACE01", "out_for_delivery", 1)]
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r["applied"] for r in results) == [0, 0, 0, 1]
    assert sum(r["duplicate"] for r in results) == 3
    assert ShipmentEvent.objects.filter(shipment=shipment).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent inserts need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_parcels_of_one_order_picked_up_at_once_leave_the_order_shipped(odop_reference):
    default_rate_card()
    order = order_with_shipments(partners=[VerifiedArtisanPartnerFactory(), VerifiedArtisanPartnerFactory()])
    parcels = [shipment_force(s, status="manifested") for s in Shipment.objects.filter(group__order=order)]
    barrier = threading.Barrier(len(parcels))

    def pick_up(shipment):
        barrier.wait()
        try:
            services.shipment_transition(shipment=shipment, to="picked_up", source="carrier")
        finally:
            connection.close()

    threads = [threading.Thread(target=pick_up, args=(shipment,)) for shipment in parcels]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # each move derived the order status from what the other had committed, never from a stale read
    assert Order.objects.get(pk=order.pk).status == "Shipped"


# Delivery, NDR and RTO


def test_delivery_credits_a_prepaid_parcel_to_the_artisan_s_ledger(in_transit):
    services.shipment_mark_delivered(shipment=in_transit, source="ops")
    sale = PayoutLedgerEntry.objects.get(kind="sale", shipment=in_transit)
    assert sale.partner_id == in_transit.group.partner_id and sale.gross == Decimal("1249.00")


def test_ops_reattempt_with_a_corrected_phone_and_address(in_transit):
    ops = get_user_model().objects.create_user(username="ops", is_staff=True)
    services.shipment_ndr_record(shipment=in_transit, source="carrier", reason="Phone switched off")
    services.shipment_ndr_reattempt(
        shipment=in_transit, user=ops, phone="9820098200", instructions="Flat 4B, behind the temple"
    )
    assert in_transit.status == "in_transit"
    assert (in_transit.delivery_phone, in_transit.delivery_instructions) == ("9820098200", "Flat 4B, behind the temple")
    last = in_transit.events.order_by("pk").last()
    assert (last.source, last.user) == ("ops", ops) and "9820098200" in last.note
    with pytest.raises(ShipmentTransitionError, match="Only a parcel whose delivery failed"):
        services.shipment_ndr_reattempt(shipment=in_transit, user=ops)


def test_recording_a_failed_delivery_needs_a_reason(in_transit):
    with pytest.raises(ShipmentTransitionError, match="Say why"):
        services.shipment_ndr_record(shipment=in_transit, source="ops", reason="  ")


@pytest.mark.parametrize(("charged_to", "ledger_debits"), [("artisan", [Decimal("-99.00")]), ("platform", [])])
def test_rto_charges_the_rate_card_price_to_whoever_settings_say(settings, in_transit, charged_to, ledger_debits):
    settings.FULFILMENT_RTO_CHARGED_TO = charged_to
    ShippingRate.objects.filter(zone="C", up_to_grams=1000).update(charge=Decimal("99.00"))  # zone C, 800 g
    services.shipment_ndr_record(shipment=in_transit, source="carrier", reason="Refused")
    services.shipment_rto_initiate(shipment=in_transit, source="ops", note="Shopper refused")

    assert in_transit.status == "rto_initiated"
    assert (in_transit.rto_charge, in_transit.rto_charged_to) == (Decimal("99.00"), charged_to)
    debits = list(
        PayoutLedgerEntry.objects.filter(kind="rto_charge", shipment=in_transit).values_list("amount", flat=True)
    )
    assert debits == ledger_debits
    assert Order.objects.get(pk=in_transit.group.order_id).status == "Returned"
    services.shipment_transition(shipment=in_transit, to="rto_delivered", source="carrier")
    assert Shipment.objects.get(pk=in_transit.pk).status == "rto_delivered"


def _ndr(shipment, *, hours_ago: float):
    shipment_force(shipment, status="ndr", awb=shipment.awb)
    Shipment.objects.filter(pk=shipment.pk).update(
        ndr_raised_at=timezone.now() - timedelta(hours=hours_ago), ndr_attempts=1, ndr_reason="Door locked"
    )
    return shipment


@pytest.mark.parametrize(("action", "expected"), [("rto", "rto_initiated"), ("reattempt", "in_transit")])
def test_unattended_failed_deliveries_get_the_default_action_once(settings, artisan, other_artisan, action, expected):
    settings.FULFILMENT_NDR_DEFAULT_ACTION = action
    settings.FULFILMENT_NDR_ACTION_HOURS = 24
    order = order_with_shipments(partners=[artisan, other_artisan])
    old, fresh = Shipment.objects.filter(group__order=order).order_by("pk")
    _ndr(old, hours_ago=25)
    _ndr(fresh, hours_ago=2)

    assert services.shipments_ndr_expire() == 1
    assert services.shipments_ndr_expire() == 0
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, fresh.status) == (expected, "ndr")
    last = old.events.get()
    assert last.source == "system" and "24 hours" in last.note


def test_the_expiry_command_prints_what_it_did_and_is_safe_to_rerun(settings, in_transit):
    settings.FULFILMENT_NDR_DEFAULT_ACTION = "rto"
    _ndr(in_transit, hours_ago=30)
    out = StringIO()
    call_command("fulfilment_ndr_expire", stdout=out, stderr=StringIO())
    assert "AWB123456" in out.getvalue() and "Failed deliveries handled: 1." in out.getvalue()
    out = StringIO()
    call_command("fulfilment_ndr_expire", stdout=out, stderr=StringIO())
    assert "Failed deliveries handled: 0." in out.getvalue()


# Order status and deadlines


def test_the_order_status_follows_all_its_parcels(artisan, other_artisan):
    order = order_with_shipments(partners=[artisan, other_artisan])
    first, second = Shipment.objects.filter(group__order=order).order_by("pk")
    shipment_force(first, status="manifested")
    services.shipment_transition(shipment=first, to="picked_up", source="carrier")
    assert Order.objects.get(pk=order.pk).status == "Partially shipped"
    services.shipment_cancel(shipment=second, source="ops")
    assert Order.objects.get(pk=order.pk).status == "Shipped"
    services.shipment_mark_delivered(shipment=first, source="carrier")
    assert Order.objects.get(pk=order.pk).status == "Delivered"
    assert list(OrderStatusChange.objects.filter(order=order).order_by("pk").values_list("new_status", flat=True)) == [
        "Partially shipped",
        "Shipped",
        "Delivered",
    ]


def test_a_move_the_order_pipeline_has_no_arrow_for_is_still_recorded(shipment):
    # given a parcel ready for pickup (order "Being processed"), when the carrier's first report is "delivered"
    shipment_force(shipment, status="manifested")
    Order.objects.filter(pk=shipment.group.order_id).update(status="Being processed")
    services.shipment_events_apply(carrier=shipment.carrier, events=[event("d1", shipment.awb, "delivered", 1)])
    # then the order says Delivered and the change is on record
    order = Order.objects.get(pk=shipment.group.order_id)
    assert order.status == "Delivered"
    assert order.status_changes.get().old_status == "Being processed"


def test_pending_parcels_past_their_deadline_are_late(artisan, other_artisan):
    order = order_with_shipments(partners=[artisan, other_artisan])
    late, accepted = Shipment.objects.filter(group__order=order).order_by("pk")
    Shipment.objects.filter(group__order=order).update(accept_by=timezone.now() - timedelta(minutes=1))
    services.shipment_accept(shipment=accepted, source="artisan")
    assert list(ops_shipment_list(late_only=True)) == [late]
    assert {s.pk: s.is_late for s in ops_shipment_list()} == {late.pk: True, accepted.pk: False}


def test_a_move_asked_for_on_a_parcel_page_goes_through_the_service_with_its_side_effects(order):
    # Given a failed delivery
    shipment = shipment_force(order.shipment_groups.get().shipment, status="ndr")
    # When ops send it out again from the parcel page with a corrected phone
    shipment_move(shipment=shipment, to="in_transit", source="ops", phone="+919812345678", instructions="Call first")
    # Then it is a reattempt: back on the road, with the phone kept for the carrier
    shipment.refresh_from_db()
    assert (shipment.status, shipment.delivery_phone, shipment.delivery_instructions) == (
        "in_transit",
        "+919812345678",
        "Call first",
    )
    assert shipment.events.order_by("-pk").first().note.startswith("Reattempt requested")
