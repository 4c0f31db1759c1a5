"""The transition table and the order status it implies, without a database."""

import pytest

from fulfilment.shipments.pipeline import (
    MAIN_PATH,
    ShipmentTransitionError,
    move_allowed,
    move_check,
    moves_from,
    order_status_from_shipments,
)


@pytest.mark.parametrize(
    ("current", "to"),
    [("pending", "accepted"), ("accepted", "packed"), ("packed", "manifested")],
)
def test_the_artisan_and_ops_take_the_parcel_up_to_the_hand_over(current, to):
    assert move_allowed(current=current, to=to, source="artisan")
    assert move_allowed(current=current, to=to, source="ops")
    assert not move_allowed(current=current, to=to, source="carrier")


def test_the_artisan_cannot_skip_a_step_nor_report_the_courier_s_steps():
    with pytest.raises(ShipmentTransitionError, match="cannot become"):
        move_check(current="pending", to="packed", source="artisan")
    with pytest.raises(ShipmentTransitionError, match="not yours to record"):
        move_check(current="manifested", to="in_transit", source="artisan")
    assert moves_from(current="packed", source="artisan") == ["manifested"]
    assert moves_from(current="manifested", source="artisan") == []


@pytest.mark.parametrize(
    ("current", "to"),
    [
        ("manifested", "picked_up"),
        ("manifested", "in_transit"),
        ("manifested", "delivered"),
        ("picked_up", "out_for_delivery"),
        ("in_transit", "delivered"),
    ],
)
def test_carrier_reports_may_skip_forward_once_the_parcel_has_its_awb(current, to):
    assert move_allowed(current=current, to=to, source="carrier")


@pytest.mark.parametrize(
    ("current", "to"),
    [
        ("in_transit", "picked_up"),
        ("out_for_delivery", "in_transit"),
        ("delivered", "in_transit"),
        ("delivered", "ndr"),
        ("delivered", "rto_initiated"),
        ("packed", "in_transit"),
        ("rto_delivered", "delivered"),
    ],
)
def test_carrier_reports_never_go_backwards_nor_out_of_delivered(current, to):
    assert not move_allowed(current=current, to=to, source="carrier")


def test_a_delivered_parcel_is_final_with_a_message_saying_so():
    with pytest.raises(ShipmentTransitionError, match="already “Delivered”"):
        move_check(current="delivered", to="in_transit", source="ops")
    assert moves_from(current="delivered", source="ops") == []


@pytest.mark.parametrize("current", ["pending", "accepted", "packed", "manifested"])
def test_ops_cancel_only_before_pickup(current):
    assert move_allowed(current=current, to="cancelled", source="ops")
    assert not move_allowed(current=current, to="cancelled", source="artisan")


@pytest.mark.parametrize("current", ["picked_up", "in_transit", "out_for_delivery", "ndr", "delivered"])
def test_a_picked_up_parcel_cannot_be_cancelled(current):
    with pytest.raises(ShipmentTransitionError):
        move_check(current=current, to="cancelled", source="ops")


def test_a_failed_attempt_comes_from_the_road_and_goes_back_to_it_or_home():
    assert move_allowed(current="in_transit", to="ndr", source="carrier")
    assert move_allowed(current="out_for_delivery", to="ndr", source="carrier")
    assert not move_allowed(current="picked_up", to="ndr", source="carrier")
    assert move_allowed(current="ndr", to="ndr", source="carrier")  # another failed attempt
    assert moves_from(current="ndr", source="ops") == [
        "in_transit",
        "out_for_delivery",
        "delivered",
        "ndr",
        "rto_initiated",
    ]
    assert moves_from(current="ndr", source="system") == ["in_transit", "rto_initiated"]
    assert moves_from(current="rto_initiated", source="carrier") == ["rto_delivered"]


def test_a_parcel_refused_at_the_door_goes_home_without_a_failed_attempt_first():
    assert move_allowed(current="out_for_delivery", to="rto_initiated", source="carrier")
    assert move_allowed(current="in_transit", to="rto_initiated", source="ops")
    assert not move_allowed(current="out_for_delivery", to="rto_initiated", source="artisan")
    assert not move_allowed(current="picked_up", to="rto_initiated", source="carrier")


def test_a_typed_counter_receipt_records_the_pickup_automatically():
    assert move_allowed(current="manifested", to="picked_up", source="system")
    assert not move_allowed(current="manifested", to="in_transit", source="system")


def test_unknown_statuses_and_sources_are_refused_with_a_reason():
    with pytest.raises(ShipmentTransitionError, match="Unknown parcel status"):
        move_check(current="pending", to="lost", source="ops")
    with pytest.raises(ShipmentTransitionError, match="Unknown source"):
        move_check(current="pending", to="accepted", source="shopper")


def test_the_main_path_is_the_issue_s_pipeline():
    assert MAIN_PATH == [
        "pending",
        "accepted",
        "packed",
        "manifested",
        "picked_up",
        "in_transit",
        "out_for_delivery",
        "delivered",
    ]


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([], "Being processed"),
        (["accepted", "pending"], "Being processed"),
        (["manifested"], "Being processed"),
        (["ndr", "packed"], "Partially shipped"),
        (["rto_initiated", "pending"], "Partially shipped"),
        (["ndr", "out_for_delivery"], "Shipped"),
        (["rto_initiated", "in_transit"], "Shipped"),
        (["delivered", "rto_delivered"], "Delivered"),
        (["rto_initiated", "rto_delivered", "cancelled"], "Returned"),
        (["cancelled"], "Cancelled"),
        (["pending", "cancelled"], "Pending"),
    ],
)
def test_order_status_derived_from_parcels(statuses, expected):
    assert order_status_from_shipments(statuses=statuses, current="Being processed") == expected
