"""AWB ranges: imported all or nothing, each number handed to exactly one parcel, never again."""

import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from fulfilment.carriers.base import CarrierError
from fulfilment.carriers.services import (
    AwbImportError,
    awb_allocate,
    awb_range_import,
    awb_range_import_sequence,
    awb_range_numbers,
)
from fulfilment.models import AwbNumber, Shipment
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import carrier, order_with_shipments, shipment_force

pytestmark = pytest.mark.django_db


def parcels(count: int) -> list[Shipment]:
    partners = [VerifiedArtisanPartnerFactory() for _ in range(count)]
    order = order_with_shipments(partners=partners)
    return list(Shipment.objects.filter(group__order=order).order_by("pk"))


def stock(code: str = "aggregator") -> list[tuple[str, int | None]]:
    return list(AwbNumber.objects.filter(carrier__code=code).order_by("id").values_list("number", "shipment_id"))


# --- import -------------------------------------------------------------------------------------


def test_pasted_numbers_are_imported_normalised_with_blank_lines_passed_over(odop_reference):
    added = awb_range_import(carrier=carrier(), numbers=[" odp000000001 ", "", "ODP 000 000 002", "ODP-000000003"])
    assert added == 3
    assert stock() == [("ODP000000001", None), ("ODP000000002", None), ("ODP-000000003", None)]


@pytest.mark.parametrize(
    ("numbers", "line", "words"),
    [
        (["ODP000000001", "ODP000000002", "odp000000001"], 3, "appears twice in this import (first on line 1)"),
        (["ODP000000001", "", "AB1"], 3, "is not a tracking number"),
        (["ODP000000001", "ODP/000/2"], 2, "is not a tracking number"),
        (["ODP000000001", "X" * 41], 2, "is not a tracking number"),
        (["", "  "], 0, "There are no AWB numbers to import"),
    ],
)
def test_a_bad_import_names_the_line_and_writes_nothing(odop_reference, numbers, line, words):
    with pytest.raises(AwbImportError) as caught:
        awb_range_import(carrier=carrier(), numbers=numbers)
    assert caught.value.line == line
    assert words in str(caught.value)
    assert stock() == []


def test_numbers_imported_before_stop_the_whole_import(odop_reference):
    awb_range_import(carrier=carrier(), numbers=["ODP000000002"])
    with pytest.raises(AwbImportError) as caught:
        awb_range_import(carrier=carrier(), numbers=["ODP000000001", "ODP000000002", "ODP000000003"])
    assert caught.value.line == 2
    assert "ODP000000002 was already imported for Courier aggregator" in str(caught.value)
    assert stock() == [("ODP000000002", None)]


def test_the_same_number_may_belong_to_two_carriers(odop_reference):
    other = carrier("bluedart")
    awb_range_import(carrier=carrier(), numbers=["ODP000000001"])
    assert awb_range_import(carrier=other, numbers=["ODP000000001"]) == 1


def test_self_ship_takes_no_ranges(odop_reference):
    with pytest.raises(CarrierError, match="does not use AWB ranges"):
        awb_range_import(carrier=carrier("self-ship"), numbers=["EE123456789IN"])


def test_a_range_is_prefix_and_zero_padded_numbers(odop_reference):
    assert awb_range_numbers(prefix="ODP", first=98, last=101, width=6) == [
        "ODP000098",
        "ODP000099",
        "ODP000100",
        "ODP000101",
    ]
    assert awb_range_import_sequence(carrier=carrier(), prefix="ODP", first=1, last=250, width=9) == 250
    assert stock()[0] == ("ODP000000001", None) and stock()[-1] == ("ODP000000250", None)


@pytest.mark.parametrize(
    ("first", "last", "width", "words"),
    [
        (5, 4, 0, "larger or equal"),
        (-1, 4, 0, "larger or equal"),
        (1, 100_001, 0, "At most 100000"),
        (1, 2, 31, "between 0 and 30"),
    ],
)
def test_impossible_ranges_are_refused(odop_reference, first, last, width, words):
    with pytest.raises(AwbImportError, match=words):
        awb_range_import_sequence(carrier=carrier(), prefix="ODP", first=first, last=last, width=width)
    assert stock() == []


def test_a_range_overlapping_an_earlier_one_names_the_first_overlap(odop_reference):
    awb_range_import_sequence(carrier=carrier(), prefix="ODP", first=1, last=10, width=6)
    with pytest.raises(AwbImportError) as caught:
        awb_range_import_sequence(carrier=carrier(), prefix="ODP", first=8, last=20, width=6)
    assert (caught.value.line, "ODP000008" in str(caught.value)) == (1, True)
    assert "3 numbers of this import already exist" in str(caught.value)
    assert len(stock()) == 10


# --- allocation -----------------------------------------------------------------------------------


def test_parcels_get_the_oldest_free_number_and_keep_it(odop_reference):
    first, second = parcels(2)
    awb_range_import(carrier=carrier(), numbers=["ODP000000001", "ODP000000002", "ODP000000003"])
    assert awb_allocate(carrier=carrier(), shipment=first) == "ODP000000001"
    assert awb_allocate(carrier=carrier(), shipment=second) == "ODP000000002"
    assert awb_allocate(carrier=carrier(), shipment=first) == "ODP000000001"
    assert stock() == [("ODP000000001", first.pk), ("ODP000000002", second.pk), ("ODP000000003", None)]
    assert AwbNumber.objects.get(number="ODP000000001").allocated_at is not None


def test_a_cancelled_parcels_number_is_never_handed_out_again(odop_reference):
    first, second = parcels(2)
    awb_range_import(carrier=carrier(), numbers=["ODP000000001", "ODP000000002"])
    awb_allocate(carrier=carrier(), shipment=first)
    shipment_force(first, status=Shipment.CANCELLED)
    assert awb_allocate(carrier=carrier(), shipment=second) == "ODP000000002"
    assert stock() == [("ODP000000001", first.pk), ("ODP000000002", second.pk)]


def test_used_up_numbers_say_to_import_a_new_range(odop_reference):
    first, second = parcels(2)
    awb_range_import(carrier=carrier(), numbers=["ODP000000001"])
    awb_allocate(carrier=carrier(), shipment=first)
    with pytest.raises(CarrierError, match="AWB numbers for Courier aggregator are used up; import a new range"):
        awb_allocate(carrier=carrier(), shipment=second)


def test_a_parcel_holding_another_carriers_number_is_refused(odop_reference):
    [parcel] = parcels(1)
    other = carrier("bluedart")
    awb_range_import(carrier=carrier(), numbers=["ODP000000001"])
    awb_range_import(carrier=other, numbers=["BD0000000001"])
    awb_allocate(carrier=carrier(), shipment=parcel)
    with pytest.raises(CarrierError, match="already has AWB ODP000000001 from Courier aggregator"):
        awb_allocate(carrier=other, shipment=parcel)


def test_the_aggregator_adapter_allocates_from_the_range(odop_reference):
    from fulfilment.carriers.base import carrier_adapter

    [parcel] = parcels(1)
    awb_range_import(carrier=carrier(), numbers=["ODP000000007"])
    assert carrier_adapter(carrier=carrier()).allocate_awb(shipment=parcel) == "ODP000000007"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks with SKIP LOCKED need PostgreSQL; SQLite serialises writers"
)
@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_allocations_take_fifty_different_numbers(odop_reference):
    shipments = parcels(50)
    awb_range_import_sequence(carrier=carrier(), prefix="ODP", first=1, last=60, width=9)
    agg = carrier()
    barrier = threading.Barrier(50)
    results, errors = [], []

    def allocate(shipment):
        try:
            barrier.wait(timeout=30)
            results.append(awb_allocate(carrier=agg, shipment=shipment))
        except Exception as exc:  # noqa: BLE001 - every failure is reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=allocate, args=(shipment,)) for shipment in shipments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == len(set(results)) == 50
    held = AwbNumber.objects.filter(shipment__isnull=False)
    assert held.count() == 50 and held.values("shipment").distinct().count() == 50
    assert sorted(results) == sorted(held.values_list("number", flat=True))


# --- command --------------------------------------------------------------------------------------


def test_command_imports_a_file_with_a_header(odop_reference, tmp_path):
    path = tmp_path / "range.txt"
    path.write_text("awb\nODP000000001\nODP000000002\n")
    out = StringIO()
    call_command("import_awb_range", str(path), carrier="aggregator", stdout=out, verbosity=0)
    assert "2 AWB numbers imported for Courier aggregator from range.txt" in out.getvalue()
    assert len(stock()) == 2


def test_command_imports_a_range(odop_reference):
    call_command(
        "import_awb_range", carrier="aggregator", prefix="ODP", first=1, last=5, width=4, stdout=StringIO(), verbosity=0
    )
    assert [number for number, _ in stock()] == ["ODP0001", "ODP0002", "ODP0003", "ODP0004", "ODP0005"]


def test_command_names_file_and_line_of_a_bad_number(odop_reference, tmp_path):
    path = tmp_path / "range.txt"
    path.write_text("ODP000000001\nODP000000002\nODP000000001\n")
    with pytest.raises(CommandError, match=r"range.txt, line 3: ODP000000001 appears twice .* Nothing was imported"):
        call_command("import_awb_range", str(path), carrier="aggregator", verbosity=0)
    assert stock() == []


@pytest.mark.parametrize(
    ("args", "options", "words"),
    [
        ([], {"carrier": "aggregator"}, "either a FILE or --first and --last"),
        (["x.txt"], {"carrier": "aggregator", "first": 1, "last": 2}, "either a FILE or --first and --last"),
        ([], {"carrier": "aggregator", "first": 1}, "needs both --first and --last"),
        ([], {"carrier": "nobody", "first": 1, "last": 2}, "Unknown carrier 'nobody'"),
        (["/nonexistent/awb.txt"], {"carrier": "aggregator"}, "awb.txt: cannot read the file"),
    ],
)
def test_command_refuses_bad_arguments(odop_reference, args, options, words):
    with pytest.raises(CommandError, match=words):
        call_command("import_awb_range", *args, verbosity=0, **options)


def test_command_refuses_a_file_that_is_not_utf8(odop_reference, tmp_path):
    path = tmp_path / "range.txt"
    path.write_bytes(b"ODP000000001\nODP\xff00002\n")
    with pytest.raises(CommandError, match="range.txt, line 2: not UTF-8"):
        call_command("import_awb_range", str(path), carrier="aggregator", verbosity=0)
