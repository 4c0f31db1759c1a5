"""Issue 15: the "arrives by" date counts the maker's days, then the courier's, on working days only."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from fulfilment.selectors import delivery_promise, parcel_dispatch_days, working_days_add

IST = ZoneInfo("Asia/Kolkata")
NO_HOLIDAYS = frozenset()


def at(day: int, hour: int = 10) -> datetime.datetime:
    """A time in December 2026 (7 December is a Monday)."""
    return datetime.datetime(2026, 12, day, hour, tzinfo=IST)


def test_working_days_skip_sundays_and_holidays():
    # given Saturday 12 December / when one working day is added / then Sunday is skipped
    assert working_days_add(start=datetime.date(2026, 12, 12), days=1, holidays=NO_HOLIDAYS) == datetime.date(
        2026, 12, 14
    )
    # and a holiday on that Monday pushes it to Tuesday
    holidays = frozenset({datetime.date(2026, 12, 14)})
    assert working_days_add(start=datetime.date(2026, 12, 12), days=1, holidays=holidays) == datetime.date(2026, 12, 15)
    assert working_days_add(start=datetime.date(2026, 12, 12), days=0, holidays=holidays) == datetime.date(2026, 12, 12)


@pytest.mark.parametrize(
    ("placed", "dispatch", "transit", "holidays", "expected"),
    [
        # Monday morning: hand over Wednesday, five days on the road (Sunday skipped) → Tuesday 15th
        (at(7), 2, 5, NO_HOLIDAYS, datetime.date(2026, 12, 15)),
        # the same with a holiday on Friday 11th → one day later
        (at(7), 2, 5, frozenset({datetime.date(2026, 12, 11)}), datetime.date(2026, 12, 16)),
        # after the 14:00 cut-off the count starts on Tuesday
        (at(7, 15), 2, 5, NO_HOLIDAYS, datetime.date(2026, 12, 16)),
        # ordered on a Sunday: counted from Monday; ready the same day, one day within the city
        (at(13), 0, 1, NO_HOLIDAYS, datetime.date(2026, 12, 15)),
        # a Saturday evening order, ready the same day: Monday is day zero, Tuesday the delivery
        (at(12, 20), 0, 1, NO_HOLIDAYS, datetime.date(2026, 12, 15)),
    ],
)
def test_delivery_promise(placed, dispatch, transit, holidays, expected, settings):
    settings.DELIVERY_CUTOFF_HOUR = 14
    assert (
        delivery_promise(placed_at=placed, dispatch_days=dispatch, transit_days=transit, holidays=holidays) == expected
    )


class Piece:
    is_child = False
    parent_id = None

    def __init__(self, made_to_order_days):
        self.made_to_order_days = made_to_order_days


def test_a_made_to_order_piece_replaces_the_makers_dispatch_time_when_longer():
    assert parcel_dispatch_days(artisan_days=2, products=[Piece(None), Piece(None)]) == 2
    assert parcel_dispatch_days(artisan_days=2, products=[Piece(None), Piece(10)]) == 10
    assert parcel_dispatch_days(artisan_days=3, products=[Piece(1)]) == 3
