from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from fulfilment.models import Shipment
from fulfilment.remittance.selectors import (
    Outstanding,
    cod_outstanding,
    cod_overdue_shipments,
    cod_remittance_lines,
    cod_remittance_list,
    cod_remittance_totals,
    remittance_carriers,
)
from fulfilment.remittance.services import cod_remittance_import, cod_remittance_line_resolve
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import carrier
from tests.factories_remittance import COD_AMOUNT, parcel, remittance_csv

pytestmark = pytest.mark.usefixtures("odop_reference")


@pytest.fixture
def partner(db):
    return VerifiedArtisanPartnerFactory(name="Ansari Brass Works")


@pytest.fixture
def remittance(partner, django_user_model):
    """A file with 2 matched, 1 short (resolved), 1 excess and 1 unknown AWB."""
    for awb in ("AGG1", "AGG2", "AGG3", "AGG4"):
        parcel(partner=partner, awb=awb)
    imported = cod_remittance_import(
        carrier=carrier("aggregator"),
        data=remittance_csv(
            ("AGG1", "1309", "UTR1", "2024-06-15"),
            ("AGG2", "1309", "UTR1", "2024-06-15"),
            ("AGG3", "1000", "UTR1", "2024-06-15"),
            ("AGG4", "1400", "UTR1", "2024-06-15"),
            ("NOBODY", "250.50", "UTR1", "2024-06-15"),
        ),
        file_name="june.csv",
    )
    ops = django_user_model.objects.create_user(username="ops", password="x", is_staff=True)
    cod_remittance_line_resolve(line=imported.lines.get(outcome="short"), user=ops, note="Balance recovered")
    return imported


@pytest.mark.django_db
def test_the_remittance_list_carries_each_files_totals(remittance, django_assert_num_queries):
    # when ops list the files / then one query gives each file's totals
    with django_assert_num_queries(1):
        (listed,) = list(cod_remittance_list())
        assert listed.carrier.name == "Courier aggregator"
    assert (listed.row_count, listed.total_amount) == (5, Decimal("5268.50"))
    assert (listed.matched_count, listed.matched_amount) == (2, Decimal("2618.00"))
    assert (listed.discrepancy_count, listed.unresolved_count) == (3, 2)


@pytest.mark.django_db
def test_a_files_totals_list_every_outcome_with_remitted_and_expected_amounts(remittance):
    totals = {total.outcome: total for total in cod_remittance_totals(remittance=remittance)}
    assert list(totals) == ["matched", "short", "excess", "unknown_awb", "duplicate", "not_delivered"]
    matched = totals["matched"]
    assert (matched.count, matched.amount, matched.expected) == (2, Decimal("2618.00"), Decimal("2618.00"))
    assert (totals["short"].count, totals["short"].amount, totals["short"].expected, totals["short"].unresolved) == (
        1,
        Decimal("1000.00"),
        COD_AMOUNT,
        0,
    )
    assert (totals["excess"].amount, totals["excess"].unresolved) == (Decimal("1400.00"), 1)
    assert (totals["unknown_awb"].amount, totals["unknown_awb"].expected, totals["unknown_awb"].unresolved) == (
        Decimal("250.50"),
        Decimal("0.00"),
        1,
    )
    assert totals["duplicate"].count == 0
    assert totals["short"].label == "Short amount"


@pytest.mark.django_db
def test_lines_show_unresolved_discrepancies_first_then_resolved_then_matched(remittance):
    assert [line.line_number for line in cod_remittance_lines(remittance=remittance)] == [5, 6, 4, 2, 3]
    assert [line.awb for line in cod_remittance_lines(remittance=remittance, outcome="matched")] == ["AGG1", "AGG2"]


@pytest.mark.django_db
def test_only_carriers_that_collect_cash_take_remittance_files(db):
    carrier("self-ship")
    assert [c.code for c in remittance_carriers()] == ["aggregator"]


# --- COD outstanding -----------------------------------------------------------------------


@pytest.mark.django_db
def test_outstanding_cod_is_bucketed_by_carrier_and_days_since_delivery(partner, settings):
    # given the default 7 days to remit, and unremitted delivered COD parcels of various ages
    settings.COD_REMITTANCE_OVERDUE_DAYS = 7
    now = timezone.now()
    for days in (0, 7):
        parcel(partner=partner, awb=f"AGG-{days}", delivered_at=now - timedelta(days=days, hours=23))
    for days in (8, 15, 16, 30, 31, 200):
        parcel(partner=partner, awb=f"AGG-{days}", delivered_at=now - timedelta(days=days, hours=1))
    parcel(partner=partner, awb="OTHER-3", carrier_code="other-courier", delivered_at=now - timedelta(days=3))
    # and parcels that are not outstanding: settled, prepaid, not delivered
    parcel(partner=partner, awb="AGG-PAID", delivered_at=now - timedelta(days=40))
    parcel(partner=partner, awb="AGG-SHORT", delivered_at=now - timedelta(days=40))
    parcel(partner=partner, awb="AGG-PREPAID", cod=False, delivered_at=now - timedelta(days=40))
    parcel(partner=partner, awb="AGG-TRANSIT", status=Shipment.IN_TRANSIT)
    cod_remittance_import(
        carrier=carrier("aggregator"),
        data=remittance_csv(
            ("AGG-PAID", "1309", "U", "2024-06-15"),
            ("AGG-SHORT", "9", "U", "2024-06-15"),
            ("AGG-TRANSIT", "1309", "U", "2024-06-15"),
        ),
        file_name="june.csv",
    )
    # when ops look at what is outstanding
    outstanding = cod_outstanding(now=now)
    # then ages fall in 0–7, 8–15, 16–30 and 31+ days, the last three overdue
    assert [(b.label, b.min_days, b.max_days, b.overdue) for b in outstanding.buckets] == [
        ("0–7 days", 0, 7, False),
        ("8–15 days", 8, 15, True),
        ("16–30 days", 16, 30, True),
        ("31+ days", 31, None, True),
    ]
    aggregator, other = outstanding.carriers
    assert (aggregator.code, other.code) == ("aggregator", "other-courier")
    two, one = Outstanding(count=2, amount=2 * COD_AMOUNT), Outstanding(count=1, amount=COD_AMOUNT)
    assert aggregator.buckets == [two, two, two, two]
    assert aggregator.total == Outstanding(count=8, amount=8 * COD_AMOUNT)
    assert aggregator.overdue == Outstanding(count=6, amount=6 * COD_AMOUNT)
    none = Outstanding(count=0, amount=Decimal("0.00"))
    assert other.buckets == [one, none, none, none]
    assert (outstanding.total.count, outstanding.overdue.count, outstanding.overdue_days) == (9, 6, 7)
    # and the overdue list is the six oldest aggregator parcels, oldest first
    assert [s.awb for s in cod_overdue_shipments(now=now)] == [
        "AGG-200",
        "AGG-31",
        "AGG-30",
        "AGG-16",
        "AGG-15",
        "AGG-8",
    ]


@pytest.mark.django_db
def test_the_buckets_follow_the_overdue_setting(partner, settings):
    # given 3 days to remit
    settings.COD_REMITTANCE_OVERDUE_DAYS = 3
    now = timezone.now()
    parcel(partner=partner, awb="AGG-3", delivered_at=now - timedelta(days=3, hours=12))
    parcel(partner=partner, awb="AGG-4", delivered_at=now - timedelta(days=4))
    # when / then the buckets are 0–3, 4–7, 8–14, 15+ and a 4-day-old parcel is overdue
    outstanding = cod_outstanding(now=now)
    assert [b.label for b in outstanding.buckets] == ["0–3 days", "4–7 days", "8–14 days", "15+ days"]
    assert [cell.count for cell in outstanding.carriers[0].buckets] == [1, 1, 0, 0]
    assert [s.awb for s in cod_overdue_shipments(now=now)] == ["AGG-4"]


@pytest.mark.django_db
def test_nothing_outstanding_is_an_empty_summary(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        outstanding = cod_outstanding()
    assert outstanding.carriers == []
    assert outstanding.total == Outstanding(count=0, amount=Decimal("0.00"))
