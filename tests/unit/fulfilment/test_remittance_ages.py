"""A COD parcel's age is whole days since delivery, as the ageing buckets count them."""

from datetime import UTC, datetime, timedelta

from fulfilment.remittance.selectors import cod_overdue_rows, parcel_age_days

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def test_a_parcel_is_a_day_old_only_once_a_whole_day_has_passed():
    assert parcel_age_days(delivered_at=NOW - timedelta(hours=23, minutes=59), now=NOW) == 0
    assert parcel_age_days(delivered_at=NOW - timedelta(days=1), now=NOW) == 1
    assert parcel_age_days(delivered_at=NOW - timedelta(days=8, hours=23), now=NOW) == 8


def test_each_overdue_row_carries_its_parcel_and_age():
    class Parcel:
        def __init__(self, days):
            self.delivered_at = NOW - timedelta(days=days)

    old, older = Parcel(9), Parcel(15)
    assert cod_overdue_rows(shipments=[older, old], now=NOW) == [(older, 15), (old, 9)]
