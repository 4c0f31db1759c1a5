"""Writes for COD remittance: importing a carrier's file, reconciling it, resolving discrepancies.

An import is one transaction: a malformed file, a repeated file or any failure leaves nothing behind.
Reconciliation is set-based (the file's parcels fetched by AWB in one query on PostgreSQL or a few
on SQLite, lines inserted in bulk with COPY on PostgreSQL), so a 100,000-row file takes seconds.
"""

import hashlib
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from tqdm import tqdm

from fulfilment.carriers.base import CarrierError, RemittanceRow, carrier_adapter
from fulfilment.models import Carrier, CodRemittance, CodRemittanceLine, Shipment
from fulfilment.payouts.services import ledger_credit_remitted
from notifications.services import notify_cod_remitted

AWB_CHUNK = 5_000
SAVE_CHUNK = 10_000
_LINE_COLUMNS = (
    "remittance_id",
    "line_number",
    "awb",
    "amount",
    "utr",
    "remitted_on",
    "shipment_id",
    "expected_amount",
    "outcome",
    "resolution_note",
)


class RemittanceDuplicateFile(ValueError):
    """The same file (by content) was already imported for this carrier; nothing is imported again."""

    def __init__(self, *, remittance: CodRemittance):
        self.remittance = remittance
        super().__init__(
            _(
                "This file was already imported on %(when)s (remittance #%(number)s, %(file)s); nothing was imported again."
            )
            % {
                "when": date_format(timezone.localtime(remittance.imported_at), "DATETIME_FORMAT"),
                "number": remittance.pk,
                "file": remittance.file_name,
            }
        )


class RemittanceResolveError(ValueError):
    """A resolution that cannot be recorded; the message is safe to show."""


def _refuse_if_imported(*, carrier: Carrier, content_sha256: str) -> None:
    earlier = CodRemittance.objects.filter(carrier=carrier, content_sha256=content_sha256).first()
    if earlier is not None:
        raise RemittanceDuplicateFile(remittance=earlier)


def _awb_batches(awbs: list[str]) -> list:
    """Filters selecting the file's AWBs: on PostgreSQL one array parameter (hashed by the server),
    elsewhere `IN` lists small enough for SQLite's parameter limit."""
    if connection.vendor == "postgresql":
        column = f'"{Shipment._meta.db_table}"."awb"'
        return [RawSQL(f"{column} = ANY(%s)", (awbs,), output_field=BooleanField())]
    return [Q(awb__in=awbs[start : start + AWB_CHUNK]) for start in range(0, len(awbs), AWB_CHUNK)]


def _shipments_by_awb(*, carrier: Carrier, awbs: list[str]) -> tuple[dict[str, tuple[int, str, Decimal]], set[int]]:
    """(awb → (shipment id, status, cash to collect)), and the ids a remittance line already settled."""
    settled_before = Exists(
        CodRemittanceLine.objects.filter(shipment=OuterRef("pk"), outcome__in=CodRemittanceLine.SETTLING)
    )
    found: dict[str, tuple[int, str, Decimal]] = {}
    settled: set[int] = set()
    for awb_filter in _awb_batches(awbs):
        rows = (
            Shipment.objects.filter(awb_filter, carrier=carrier)
            .order_by()
            .values_list("pk", "awb", "status", "group__cod_amount", settled_before)
        )
        for pk, awb, status, cod_amount, is_settled in rows:
            found[awb] = (pk, status, cod_amount)
            if is_settled:
                settled.add(pk)
    return found, settled


def _outcome(*, amount: Decimal, expected: Decimal) -> str:
    if amount == expected:
        return CodRemittanceLine.MATCHED
    return CodRemittanceLine.SHORT if amount < expected else CodRemittanceLine.EXCESS


def _reconcile(*, carrier: Carrier, rows: list[RemittanceRow]) -> list[tuple]:
    """One tuple per row in _LINE_COLUMNS order (without the remittance), classified.

    A shipment is settled by the first matched/short/excess line; any later line for it, in this
    file or a later one, is a duplicate. Prepaid parcels (nothing to collect) count as not delivered.
    """
    found, settled = _shipments_by_awb(carrier=carrier, awbs=list({row.awb for row in rows}))
    delivered = Shipment.DELIVERED
    lines = []
    for row in rows:
        pk, status, expected = found.get(row.awb, (None, "", None))
        if pk is None:
            outcome = CodRemittanceLine.UNKNOWN_AWB
        elif pk in settled:
            outcome = CodRemittanceLine.DUPLICATE
        elif status != delivered or not expected:
            outcome = CodRemittanceLine.NOT_DELIVERED
        else:
            settled.add(pk)
            outcome = _outcome(amount=row.amount, expected=expected)
        lines.append((row.line_number, row.awb, row.amount, row.utr, row.remitted_on, pk, expected, outcome))
    return lines


def _lines_save(*, remittance: CodRemittance, lines: list[tuple], progress: bool) -> None:
    with tqdm(total=len(lines), disable=not progress, unit="line", desc=_("Saving")) as bar:
        if connection.vendor == "postgresql":
            table = CodRemittanceLine._meta.db_table
            with connection.cursor() as cursor:
                with cursor.copy(f"COPY {table} ({', '.join(_LINE_COLUMNS)}) FROM STDIN") as copy:
                    for start in range(0, len(lines), SAVE_CHUNK):
                        for line in lines[start : start + SAVE_CHUNK]:
                            copy.write_row((remittance.pk, *line, ""))
                        bar.update(min(SAVE_CHUNK, len(lines) - start))
            return
        for start in range(0, len(lines), SAVE_CHUNK):
            chunk = lines[start : start + SAVE_CHUNK]
            CodRemittanceLine.objects.bulk_create(
                [
                    CodRemittanceLine(remittance=remittance, **dict(zip(_LINE_COLUMNS[1:-1], line, strict=True)))
                    for line in chunk
                ],
                batch_size=SAVE_CHUNK,
            )
            bar.update(len(chunk))


def cod_remittance_import(
    *, carrier: Carrier, data: bytes, file_name: str, user=None, progress: bool = False
) -> CodRemittance:
    """Record a carrier's remittance file, classify every row and credit the artisans it settles.

    Raises CarrierError for a carrier that collects no cash, RemittanceFileError (from the carrier's
    parser) for a malformed file, RemittanceDuplicateFile for a file imported before; in every such
    case nothing is written. Imports for one carrier run one at a time (the carrier row is locked),
    so two files settling the same parcel at once still settle it once.
    """
    adapter = carrier_adapter(carrier=carrier)
    if not adapter.supports_cod:
        raise CarrierError(
            _("%(carrier)s does not collect cash on delivery, so it sends no remittance files.")
            % {"carrier": carrier.name}
        )
    content_sha256 = hashlib.sha256(data).hexdigest()
    _refuse_if_imported(carrier=carrier, content_sha256=content_sha256)
    rows = adapter.parse_remittance(data=data)
    with transaction.atomic():
        Carrier.objects.select_for_update().get(pk=carrier.pk)
        _refuse_if_imported(carrier=carrier, content_sha256=content_sha256)
        remittance = CodRemittance.objects.create(
            carrier=carrier,
            file_name=file_name[:255],
            content_sha256=content_sha256,
            imported_by=user,
            row_count=len(rows),
            total_amount=sum((row.amount for row in rows), Decimal("0.00")),
        )
        _lines_save(remittance=remittance, lines=_reconcile(carrier=carrier, rows=rows), progress=progress)
        ledger_credit_remitted(remittance=remittance)
        notify_cod_remitted(remittance=remittance)
    return remittance


@transaction.atomic
def cod_remittance_settle_on_delivery(*, shipment: Shipment) -> CodRemittanceLine | None:
    """A carrier may remit a parcel's cash before its delivery scan reaches us: that row was classed
    "not delivered". Once the delivery arrives, the earliest such unresolved row settles the parcel
    (matched, short or excess against its COD amount) and credits its artisan, as an import would have.
    Called by the pipeline when a COD parcel is delivered; does nothing otherwise.
    """
    expected = shipment.group.cod_amount
    if (
        not expected
        or CodRemittanceLine.objects.filter(shipment=shipment, outcome__in=CodRemittanceLine.SETTLING).exists()
    ):
        return None
    line = (
        CodRemittanceLine.objects.select_for_update()
        .filter(shipment=shipment, outcome=CodRemittanceLine.NOT_DELIVERED, resolved_at__isnull=True)
        .order_by("remittance__imported_at", "remittance_id", "line_number")
        .first()
    )
    if line is None:
        return None
    line.expected_amount = expected
    line.outcome = _outcome(amount=line.amount, expected=expected)
    line.save(update_fields=["expected_amount", "outcome"])
    ledger_credit_remitted(remittance=line.remittance)
    return line


@transaction.atomic
def cod_remittance_line_resolve(*, line: CodRemittanceLine, user, note: str) -> CodRemittanceLine:
    """Close a discrepancy with what ops did about it; a line is resolved once and the note is kept."""
    note = note.strip()
    if not note:
        raise RemittanceResolveError(_("Write a note saying how the discrepancy was resolved."))
    max_length = CodRemittanceLine._meta.get_field("resolution_note").max_length
    if len(note) > max_length:
        raise RemittanceResolveError(_("The note is longer than %(max)s characters.") % {"max": max_length})
    locked = CodRemittanceLine.objects.select_for_update().get(pk=line.pk)
    if not locked.is_discrepancy:
        raise RemittanceResolveError(_("A matched line has nothing to resolve."))
    if locked.resolved_at is not None:
        raise RemittanceResolveError(
            _("This line was already resolved on %(when)s.")
            % {"when": date_format(timezone.localtime(locked.resolved_at), "DATETIME_FORMAT")}
        )
    locked.resolved_at = timezone.now()
    locked.resolved_by = user
    locked.resolution_note = note
    locked.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])
    return locked
