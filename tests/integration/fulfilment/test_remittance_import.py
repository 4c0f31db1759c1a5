import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from fulfilment.carriers.base import CarrierError, RemittanceFileError
from fulfilment.models import CodRemittance, CodRemittanceLine, PayoutLedgerEntry, Shipment
from fulfilment.remittance import services
from fulfilment.remittance.services import (
    RemittanceDuplicateFile,
    RemittanceResolveError,
    cod_remittance_import,
    cod_remittance_line_resolve,
)
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import carrier
from tests.factories_remittance import COD_AMOUNT, parcel, remittance_csv

pytestmark = pytest.mark.usefixtures("odop_reference")


@pytest.fixture
def partner(db):
    return VerifiedArtisanPartnerFactory(name="Ansari Brass Works")


@pytest.fixture
def aggregator(db):
    return carrier("aggregator")


def outcomes(remittance: CodRemittance) -> list[tuple]:
    return list(
        remittance.lines.order_by("line_number").values_list("line_number", "awb", "outcome", "expected_amount")
    )


def written() -> tuple[int, int, int]:
    return CodRemittance.objects.count(), CodRemittanceLine.objects.count(), PayoutLedgerEntry.objects.count()


@pytest.mark.django_db
def test_every_row_is_classified_against_the_carriers_parcels(partner, aggregator):
    # given delivered COD parcels, parcels still on the way or coming back, a prepaid parcel,
    # and a parcel of another carrier with the same AWB as a row
    for awb in ("AGG-MATCH", "AGG-SHORT", "AGG-EXCESS", "AGG-TWICE"):
        parcel(partner=partner, awb=awb)
    parcel(partner=partner, awb="AGG-TRANSIT", status=Shipment.IN_TRANSIT)
    parcel(partner=partner, awb="AGG-NDR", status=Shipment.NDR)
    parcel(partner=partner, awb="AGG-RTO", status=Shipment.RTO_INITIATED)
    parcel(partner=partner, awb="AGG-RETURNED", status=Shipment.RTO_DELIVERED)
    parcel(partner=partner, awb="AGG-PREPAID", cod=False)
    parcel(partner=partner, awb="OTHER-1", carrier_code="other-courier")
    data = remittance_csv(
        ("AGG-MATCH", "1,309.00", "UTR1", "2024-06-15"),
        ("agg-short", "1300", "UTR1", "2024-06-15"),
        ("AGG-EXCESS", "1,319.50", "UTR1", "2024-06-15"),
        ("AGG-TWICE", "1309", "UTR1", "2024-06-15"),
        ("AGG-TWICE", "1309", "UTR1", "2024-06-15"),
        ("AGG-NOBODY", "500", "UTR1", "2024-06-15"),
        ("OTHER-1", "1309", "UTR1", "2024-06-15"),
        ("AGG-TRANSIT", "1309", "UTR1", "2024-06-15"),
        ("AGG-NDR", "1309", "UTR1", "2024-06-15"),
        ("AGG-RTO", "1309", "UTR1", "2024-06-15"),
        ("AGG-RETURNED", "1309", "UTR1", "2024-06-15"),
        ("AGG-PREPAID", "1309", "UTR1", "2024-06-15"),
    )
    # when ops import the aggregator's file
    remittance = cod_remittance_import(carrier=aggregator, data=data, file_name="cod-2024-06-15.csv")
    # then each row has its outcome and the amount we expected for that parcel
    assert outcomes(remittance) == [
        (2, "AGG-MATCH", "matched", COD_AMOUNT),
        (3, "AGG-SHORT", "short", COD_AMOUNT),
        (4, "AGG-EXCESS", "excess", COD_AMOUNT),
        (5, "AGG-TWICE", "matched", COD_AMOUNT),
        (6, "AGG-TWICE", "duplicate", COD_AMOUNT),
        (7, "AGG-NOBODY", "unknown_awb", None),
        (8, "OTHER-1", "unknown_awb", None),
        (9, "AGG-TRANSIT", "not_delivered", COD_AMOUNT),
        (10, "AGG-NDR", "not_delivered", COD_AMOUNT),
        (11, "AGG-RTO", "not_delivered", COD_AMOUNT),
        (12, "AGG-RETURNED", "not_delivered", COD_AMOUNT),
        (13, "AGG-PREPAID", "not_delivered", Decimal("0.00")),
    ]
    # and the file is recorded with its rows, total, hash and each row's reference and date
    assert (remittance.row_count, remittance.total_amount) == (12, Decimal("14900.50"))
    assert remittance.file_name == "cod-2024-06-15.csv"
    assert len(remittance.content_sha256) == 64
    line = remittance.lines.get(line_number=3)
    assert (line.amount, line.utr, line.remitted_on) == (Decimal("1300.00"), "UTR1", date(2024, 6, 15))
    assert line.shipment.awb == "AGG-SHORT"
    assert remittance.lines.get(line_number=7).shipment is None


@pytest.mark.django_db
def test_the_same_file_again_is_refused_politely_and_nothing_is_written(partner, aggregator):
    # given a file imported once
    parcel(partner=partner, awb="AGG1")
    data = remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15"))
    first = cod_remittance_import(carrier=aggregator, data=data, file_name="june.csv")
    before = written()
    # when the same content comes again, even under another name
    with pytest.raises(RemittanceDuplicateFile) as refused:
        cod_remittance_import(carrier=aggregator, data=data, file_name="june (1).csv")
    # then it is refused naming when and as what it was imported, and nothing is written
    assert refused.value.remittance == first
    assert f"remittance #{first.pk}, june.csv" in str(refused.value)
    assert "nothing was imported again" in str(refused.value)
    assert written() == before


@pytest.mark.django_db
def test_the_same_file_from_another_carrier_is_a_different_remittance(aggregator):
    # given a file imported for the aggregator
    data = remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15"))
    cod_remittance_import(carrier=aggregator, data=data, file_name="june.csv")
    # when a second aggregator-type carrier sends identical bytes / then it is imported for that carrier
    other = cod_remittance_import(carrier=carrier("other-courier"), data=data, file_name="june.csv")
    assert outcomes(other) == [(2, "AGG1", "unknown_awb", None)]


@pytest.mark.django_db
def test_a_malformed_file_writes_nothing_and_the_corrected_file_imports(partner, aggregator):
    # given a file with a bad amount on line 3
    parcel(partner=partner, awb="AGG1")
    parcel(partner=partner, awb="AGG2")
    bad = remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15"), ("AGG2", "13O9.00", "UTR1", "2024-06-15"))
    # when imported / then it is refused at line 3 and nothing at all is written
    with pytest.raises(RemittanceFileError) as error:
        cod_remittance_import(carrier=aggregator, data=bad, file_name="june.csv")
    assert error.value.line == 3
    assert written() == (0, 0, 0)
    # and when the corrected file comes, it imports with both rows matched
    good = remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15"), ("AGG2", "1309.00", "UTR1", "2024-06-15"))
    remittance = cod_remittance_import(carrier=aggregator, data=good, file_name="june.csv")
    assert [outcome for _n, _a, outcome, _e in outcomes(remittance)] == ["matched", "matched"]


@pytest.mark.django_db
def test_an_import_that_fails_half_way_leaves_nothing_and_the_same_file_imports_later(partner, aggregator, monkeypatch):
    # given the ledger credit fails after the lines were written
    parcel(partner=partner, awb="AGG1")
    data = remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15"))

    def ledger_down(*, remittance):
        raise RuntimeError("ledger unavailable")

    monkeypatch.setattr(services, "ledger_credit_remitted", ledger_down)
    with pytest.raises(RuntimeError):
        cod_remittance_import(carrier=aggregator, data=data, file_name="june.csv")
    # then no remittance, line or hash is left behind
    assert written() == (0, 0, 0)
    # and when it works again, the very same file is accepted (not taken for a duplicate)
    monkeypatch.undo()
    remittance = cod_remittance_import(carrier=aggregator, data=data, file_name="june.csv")
    assert outcomes(remittance) == [(2, "AGG1", "matched", COD_AMOUNT)]


@pytest.mark.django_db
def test_a_parcel_settled_by_an_earlier_file_is_a_duplicate_in_a_later_one(partner, aggregator):
    # given a parcel settled (short) by the first file
    parcel(partner=partner, awb="AGG1")
    cod_remittance_import(
        carrier=aggregator, data=remittance_csv(("AGG1", "1200.00", "UTR1", "2024-06-15")), file_name="june-15.csv"
    )
    # when a second file remits the same AWB again (e.g. the balance)
    second = cod_remittance_import(
        carrier=aggregator, data=remittance_csv(("AGG1", "109.00", "UTR2", "2024-06-22")), file_name="june-22.csv"
    )
    # then it is a duplicate to look into, and the parcel stays settled by the first line only
    assert outcomes(second) == [(2, "AGG1", "duplicate", COD_AMOUNT)]
    assert CodRemittanceLine.objects.filter(outcome__in=CodRemittanceLine.SETTLING).count() == 1


@pytest.mark.django_db
def test_a_row_for_a_parcel_not_yet_delivered_does_not_settle_it(partner, aggregator):
    # given a file remitting a parcel that is still in transit
    shipment = parcel(partner=partner, awb="AGG1", status=Shipment.OUT_FOR_DELIVERY)
    cod_remittance_import(
        carrier=aggregator, data=remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15")), file_name="june-15.csv"
    )
    # when it is delivered and the next file remits it
    Shipment.objects.filter(pk=shipment.pk).update(status=Shipment.DELIVERED, delivered_at=timezone.now())
    later = cod_remittance_import(
        carrier=aggregator, data=remittance_csv(("AGG1", "1309.00", "UTR2", "2024-06-22")), file_name="june-22.csv"
    )
    # then that row matches
    assert outcomes(later) == [(2, "AGG1", "matched", COD_AMOUNT)]


@pytest.mark.django_db
def test_the_database_refuses_a_second_settling_line_for_a_parcel(partner, aggregator):
    # given a parcel settled by a matched line
    shipment = parcel(partner=partner, awb="AGG1")
    remittance = cod_remittance_import(
        carrier=aggregator, data=remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15")), file_name="june.csv"
    )
    # when any code tries to settle it again / then the database refuses
    with pytest.raises(IntegrityError), transaction.atomic():
        CodRemittanceLine.objects.create(
            remittance=remittance,
            line_number=99,
            awb="AGG1",
            amount=Decimal("1309.00"),
            utr="UTR1",
            remitted_on=date(2024, 6, 15),
            shipment=shipment,
            expected_amount=COD_AMOUNT,
            outcome="excess",
        )
    # while a duplicate line (which settles nothing) is allowed
    CodRemittanceLine.objects.create(
        remittance=remittance,
        line_number=100,
        awb="AGG1",
        amount=Decimal("1309.00"),
        utr="UTR1",
        remitted_on=date(2024, 6, 15),
        shipment=shipment,
        expected_amount=COD_AMOUNT,
        outcome="duplicate",
    )


@pytest.mark.django_db
def test_a_carrier_that_collects_no_cash_has_no_remittance_files(aggregator):
    # given self-ship (prepaid only) / when a file is imported for it / then it is refused, nothing written
    with pytest.raises(CarrierError, match="does not collect cash on delivery"):
        cod_remittance_import(
            carrier=carrier("self-ship"),
            data=remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15")),
            file_name="x.csv",
        )
    assert written() == (0, 0, 0)


@pytest.mark.django_db
def test_the_import_goes_through_the_carriers_adapter(partner, aggregator, monkeypatch):
    # given the aggregator's adapter reads its files with the carrier's own column names
    from fulfilment.carriers.adapters import Aggregator
    from fulfilment.carriers.remittance_csv import remittance_csv_parse

    monkeypatch.setattr(
        Aggregator,
        "parse_remittance",
        lambda self, *, data: remittance_csv_parse(data=data, columns={"awb": "Waybill", "amount": "COD"}),
    )
    parcel(partner=partner, awb="AGG1")
    data = remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15"), header="Waybill,COD,utr,remitted_on")
    # when imported / then the adapter's reading is the one used
    remittance = cod_remittance_import(carrier=aggregator, data=data, file_name="june.csv")
    assert outcomes(remittance) == [(2, "AGG1", "matched", COD_AMOUNT)]


@pytest.mark.django_db
def test_the_imported_by_user_is_recorded(partner, aggregator, django_user_model):
    ops = django_user_model.objects.create_user(username="ops", password="x", is_staff=True)
    remittance = cod_remittance_import(
        carrier=aggregator, data=remittance_csv(("AGG1", "1", "UTR1", "2024-06-15")), file_name="a.csv", user=ops
    )
    assert remittance.imported_by == ops


# --- the artisans' ledger ----------------------------------------------------------------------


@pytest.mark.django_db
def test_settled_parcels_are_credited_to_their_artisans_once(partner, aggregator):
    # given parcels of two artisans, one remitted matched, one short, one excess, and rows that settle nothing
    other = VerifiedArtisanPartnerFactory(name="Qureshi Brass Udyog")
    matched = parcel(partner=partner, awb="AGG1")
    short = parcel(partner=other, awb="AGG2")
    excess = parcel(partner=partner, awb="AGG3")
    in_transit = parcel(partner=partner, awb="AGG4", status=Shipment.IN_TRANSIT)
    data = remittance_csv(
        ("AGG1", "1309", "UTR1", "2024-06-15"),
        ("AGG2", "1000", "UTR1", "2024-06-15"),
        ("AGG3", "1400", "UTR1", "2024-06-15"),
        ("AGG3", "1400", "UTR1", "2024-06-15"),
        ("AGG4", "1309", "UTR1", "2024-06-15"),
        ("NOBODY", "1309", "UTR1", "2024-06-15"),
    )
    # when the file is imported
    remittance = cod_remittance_import(carrier=aggregator, data=data, file_name="june.csv")
    # then each settled parcel's line is credited to its artisan, linked to the settling row
    credits = PayoutLedgerEntry.objects.filter(kind=PayoutLedgerEntry.SALE)
    assert sorted(credits.values_list("shipment_id", "partner_id", "remittance_line__line_number")) == sorted(
        [(matched.pk, partner.pk, 2), (short.pk, other.pk, 3), (excess.pk, partner.pk, 4)]
    )
    assert not credits.filter(shipment=in_transit).exists()
    # and a later file remitting a settled parcel again credits nothing more
    cod_remittance_import(
        carrier=aggregator, data=remittance_csv(("AGG1", "1309", "UTR2", "2024-06-22")), file_name="b.csv"
    )
    assert credits.count() == 3
    assert remittance.lines.filter(ledger_entries__isnull=False).count() == 3


# --- resolving discrepancies -------------------------------------------------------------------


@pytest.fixture
def short_line(partner, aggregator):
    parcel(partner=partner, awb="AGG1")
    parcel(partner=partner, awb="AGG2")
    remittance = cod_remittance_import(
        carrier=aggregator,
        data=remittance_csv(("AGG1", "1200", "UTR1", "2024-06-15"), ("AGG2", "1309", "UTR1", "2024-06-15")),
        file_name="june.csv",
    )
    return remittance.lines.get(outcome="short")


@pytest.mark.django_db
def test_ops_resolve_a_discrepancy_with_a_note(short_line, ops):
    # when ops record how the short payment was settled
    resolved = cod_remittance_line_resolve(line=short_line, user=ops, note="  Carrier paid ₹109 in the next UTR  ")
    # then the line says who, when and how
    short_line.refresh_from_db()
    assert resolved == short_line
    assert (short_line.resolved_by, short_line.resolution_note) == (ops, "Carrier paid ₹109 in the next UTR")
    assert short_line.resolved_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize("note", ["", "   "])
def test_a_resolution_needs_a_note(short_line, ops, note):
    with pytest.raises(RemittanceResolveError, match="Write a note"):
        cod_remittance_line_resolve(line=short_line, user=ops, note=note)
    short_line.refresh_from_db()
    assert short_line.resolved_at is None


@pytest.mark.django_db
def test_a_note_longer_than_the_field_is_refused(short_line, ops):
    with pytest.raises(RemittanceResolveError, match="longer than 300 characters"):
        cod_remittance_line_resolve(line=short_line, user=ops, note="x" * 301)


@pytest.mark.django_db
def test_a_discrepancy_is_resolved_once(short_line, ops):
    # given a resolved line
    cod_remittance_line_resolve(line=short_line, user=ops, note="Recovered from the carrier")
    # when someone resolves it again (e.g. a stale page) / then it is refused and the first note kept
    with pytest.raises(RemittanceResolveError, match="already resolved"):
        cod_remittance_line_resolve(line=short_line, user=ops, note="Written off")
    short_line.refresh_from_db()
    assert short_line.resolution_note == "Recovered from the carrier"


@pytest.mark.django_db
def test_a_matched_line_has_nothing_to_resolve(short_line, ops):
    matched = short_line.remittance.lines.get(outcome="matched")
    with pytest.raises(RemittanceResolveError, match="nothing to resolve"):
        cod_remittance_line_resolve(line=matched, user=ops, note="fine")


@pytest.mark.django_db
def test_the_database_refuses_a_resolution_without_a_note(short_line):
    with pytest.raises(IntegrityError), transaction.atomic():
        CodRemittanceLine.objects.filter(pk=short_line.pk).update(resolved_at=timezone.now())


# --- concurrency (PostgreSQL) ------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_files_settling_the_same_parcel_at_once_settle_it_once(odop_reference):
    # given a delivered parcel and two different files remitting it, imported at the same moment
    parcel(partner=VerifiedArtisanPartnerFactory(), awb="AGG1")
    aggregator = carrier("aggregator")
    files = [
        remittance_csv(("AGG1", "1309.00", f"UTR{n}", "2024-06-15"), ("AGG-FILLER", f"{n}", "UTR", "2024-06-15"))
        for n in range(2)
    ]
    barrier = threading.Barrier(2)
    errors = []

    def run(data):
        try:
            barrier.wait()
            cod_remittance_import(carrier=aggregator, data=data, file_name="june.csv")
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(data,)) for data in files]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then both imports succeed, one row matched and the other a duplicate, credited once
    assert errors == []
    assert sorted(CodRemittanceLine.objects.filter(awb="AGG1").values_list("outcome", flat=True)) == [
        "duplicate",
        "matched",
    ]
    assert PayoutLedgerEntry.objects.filter(kind=PayoutLedgerEntry.SALE).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_the_same_file_uploaded_twice_at_once_is_imported_once(odop_reference):
    aggregator = carrier("aggregator")
    data = remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15"))
    barrier = threading.Barrier(2)
    outcomes_seen = []

    def run():
        try:
            barrier.wait()
            cod_remittance_import(carrier=aggregator, data=data, file_name="june.csv")
            outcomes_seen.append("imported")
        except RemittanceDuplicateFile:
            outcomes_seen.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes_seen) == ["imported", "refused"]
    assert CodRemittance.objects.count() == 1
