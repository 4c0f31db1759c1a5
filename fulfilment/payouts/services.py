"""Writes to the payout ledger: credits for sold lines, debits for RTO charges, refunds and returns,
and payout batches that move a balance to the bank.

Credits are idempotent because the database allows one `sale` entry per order line (and one
`rto_charge` per shipment): inserts skip what is already there, so a replayed delivery event or a
re-run remittance credits nothing twice.
"""

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from artisans.models import ArtisanProfile
from fulfilment.models import CodRemittance, CodRemittanceLine, Payout, PayoutBatch, PayoutLedgerEntry, Shipment
from fulfilment.payouts.amounts import ZERO, SaleSplit, paisa, reversal_of, sale_split, share_of
from fulfilment.payouts.selectors import artisan_balances, payout_destination
from notifications.services import notify_payout_batch_paid
from order_ext.selectors import payment_refunds

logger = logging.getLogger(__name__)
Line = get_model("order", "Line")
Order = get_model("order", "Order")
ShipmentGroup = get_model("order", "ShipmentGroup")
Partner = get_model("partner", "Partner")
BATCH_SIZE = 5000
REFERENCE_MAX = 40


class LedgerError(ValueError):
    """A ledger write refused for a reason ops can act on; the message says which."""


def _uncredited_lines():
    credited = PayoutLedgerEntry.objects.filter(kind=PayoutLedgerEntry.SALE, line=OuterRef("pk"))
    return Line.objects.filter(~Exists(credited), line_price_incl_tax__gt=0)


def _sale_entry(*, partner_id, line_id, gross, taxable_value, shipment_id, description, remittance_line_id=None):
    split = sale_split(gross=gross, taxable_value=taxable_value)
    return PayoutLedgerEntry(
        partner_id=partner_id,
        kind=PayoutLedgerEntry.SALE,
        line_id=line_id,
        shipment_id=shipment_id,
        remittance_line_id=remittance_line_id,
        gross=split.gross,
        commission=split.commission,
        tcs=split.tcs,
        amount=split.net,
        description=description[:200],
    )


def _insert_sales(entries: list[PayoutLedgerEntry]) -> int:
    """Insert sale entries, skipping lines another transaction credited meanwhile (the unique
    constraint); anything else left out (SQLite's INSERT OR IGNORE also skips a failed CHECK) is an
    error, never a silently lost credit."""
    PayoutLedgerEntry.objects.bulk_create(entries, ignore_conflicts=True)
    line_ids = [entry.line_id for entry in entries]
    if PayoutLedgerEntry.objects.filter(kind=PayoutLedgerEntry.SALE, line_id__in=line_ids).count() != len(line_ids):
        raise IntegrityError("sale entries were refused by the database")
    return len(entries)


@transaction.atomic
def ledger_credit_delivered(*, shipment: Shipment) -> int:
    """A prepaid parcel's lines are the artisan's once delivered; COD lines wait for the carrier's cash.

    Returns how many lines this call credited (0 for COD and for a parcel already credited).
    """
    shipment = Shipment.objects.select_related("group").get(pk=shipment.pk)
    if shipment.group.cod_amount > 0:
        return 0
    if shipment.status != Shipment.DELIVERED:
        raise LedgerError(_("Only a delivered parcel earns the artisan a credit."))
    rows = (
        _uncredited_lines()
        .filter(shipment_group_id=shipment.group_id)
        .values_list("pk", "line_price_incl_tax", "taxable_value", "order__number")
    )
    entries = [
        _sale_entry(
            partner_id=shipment.group.partner_id,
            line_id=pk,
            gross=gross,
            taxable_value=taxable,
            shipment_id=shipment.pk,
            description=number,
        )
        for pk, gross, taxable, number in rows
    ]
    credited = _insert_sales(entries)
    if credited:
        _refunds_replay(order=shipment.group.order, line_ids=[entry.line_id for entry in entries])
    return credited


def _refunds_replay(*, order: Order, line_ids: list[int]) -> None:
    """Refunds paid before these lines were credited found nothing to take back from them then; they
    take the same share now, in the order they were paid, so delivery after a refund nets correctly."""
    refunded_before = ZERO
    for amount, reference, lines in payment_refunds(order=order):
        ledger_debit_refund(
            order=order,
            amount=amount,
            reference=reference,
            lines=lines,
            refunded_before=refunded_before,
            only_lines=line_ids,
        )
        refunded_before += amount


def _remitted_sale_entries(*, remittance: CodRemittance) -> Iterator[PayoutLedgerEntry]:
    """The sale entries a remittance earns, by the single-credit rule, read in one query."""
    rows = (
        _uncredited_lines()
        .filter(
            shipment_group__shipment__remittance_lines__remittance=remittance,
            shipment_group__shipment__remittance_lines__outcome__in=CodRemittanceLine.SETTLING,
        )
        .values_list(
            "pk",
            "line_price_incl_tax",
            "taxable_value",
            "shipment_group__partner_id",
            "shipment_group__shipment__id",
            "shipment_group__shipment__remittance_lines__id",
            "shipment_group__shipment__remittance_lines__utr",
            "order__number",
        )
        .order_by()
    )
    for pk, gross, taxable, partner_id, shipment_id, remittance_line_id, utr, number in rows.iterator(
        chunk_size=BATCH_SIZE
    ):
        yield _sale_entry(
            partner_id=partner_id,
            line_id=pk,
            gross=gross,
            taxable_value=taxable,
            shipment_id=shipment_id,
            remittance_line_id=remittance_line_id,
            description=f"{number} · {utr}",
        )


def _credit_remitted_in_batches(*, remittance: CodRemittance) -> int:
    credited, entries = 0, []
    for entry in _remitted_sale_entries(remittance=remittance):
        entries.append(entry)
        if len(entries) == BATCH_SIZE:
            credited, entries = credited + _insert_sales(entries), []
    return credited + _insert_sales(entries)


def _credit_remitted_in_sql(*, remittance: CodRemittance) -> int:
    """PostgreSQL: the same credits as one INSERT … SELECT (100,000 lines in about a second).

    numeric ROUND(x, 2) rounds half away from zero, which is Decimal's ROUND_HALF_UP, so every
    entry equals what `sale_split` computes; ON CONFLICT DO NOTHING skips lines already credited.
    """
    entry, line, group, shipment, remittance_line, order = (
        model._meta.db_table for model in (PayoutLedgerEntry, Line, ShipmentGroup, Shipment, CodRemittanceLine, Order)
    )
    sql = f"""
        INSERT INTO {entry} (partner_id, kind, created_at, description, line_id, shipment_id, remittance_line_id,
                             gross, commission, tcs, amount)
        SELECT g.partner_id, %s, %s, LEFT(o.number || ' · ' || rl.utr, 200), l.id, s.id, rl.id,
               l.line_price_incl_tax, x.commission, x.tcs, l.line_price_incl_tax - x.commission - x.tcs
        FROM {remittance_line} rl
        JOIN {shipment} s ON s.id = rl.shipment_id
        JOIN {group} g ON g.id = s.group_id
        JOIN {line} l ON l.shipment_group_id = g.id
        JOIN {order} o ON o.id = l.order_id
        CROSS JOIN LATERAL (
            SELECT ROUND(l.line_price_incl_tax * %s / 100, 2) AS commission, ROUND(l.taxable_value * %s / 100, 2) AS tcs
        ) x
        WHERE rl.remittance_id = %s AND rl.outcome = ANY(%s) AND l.line_price_incl_tax > 0
        ON CONFLICT DO NOTHING
    """
    params = [
        PayoutLedgerEntry.SALE,
        timezone.now(),
        Decimal(settings.PLATFORM_COMMISSION_PERCENT),
        Decimal(settings.GST_TCS_PERCENT),
        remittance.pk,
        list(CodRemittanceLine.SETTLING),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


@transaction.atomic
def ledger_credit_remitted(*, remittance: CodRemittance) -> int:
    """Credit the lines of every parcel this remittance settled (matched, short or excess).

    Set-based for files of 100,000 rows: one INSERT … SELECT on PostgreSQL; elsewhere one query
    reads the lines, the rule runs in one pass and rows go in 5,000 at a time. Lines already
    credited are skipped; returns how many were credited now.
    """
    if connection.vendor == "postgresql":
        return _credit_remitted_in_sql(remittance=remittance)
    return _credit_remitted_in_batches(remittance=remittance)


@transaction.atomic
def ledger_debit_rto(*, shipment: Shipment, charge: Decimal) -> PayoutLedgerEntry | None:
    """The return trip's charge, once per parcel; a free return leaves no entry."""
    if charge < 0:
        raise LedgerError(_("A return charge cannot be negative."))
    if charge == 0:
        return None
    shipment = Shipment.objects.select_related("group").get(pk=shipment.pk)
    entry = PayoutLedgerEntry(
        partner_id=shipment.group.partner_id,
        kind=PayoutLedgerEntry.RTO_CHARGE,
        shipment=shipment,
        gross=-charge,
        amount=-charge,
        description=shipment.awb or shipment.group.order.number,
    )
    PayoutLedgerEntry.objects.bulk_create([entry], ignore_conflicts=True)
    return PayoutLedgerEntry.objects.get(kind=PayoutLedgerEntry.RTO_CHARGE, shipment=shipment)


@dataclass(frozen=True)
class _Outstanding:
    partner_id: int
    shipment_id: int | None
    split: SaleSplit


def _outstanding(*, lines) -> dict[int, _Outstanding]:
    """Each credited line's credit not yet taken back by a refund or return, with its sale rows locked
    so two refunds of one line cannot both take the same credit back."""
    sales = PayoutLedgerEntry.objects.select_for_update(of=("self",)).filter(
        kind=PayoutLedgerEntry.SALE, line__in=lines
    )
    owners = {
        line_id: (partner_id, shipment_id)
        for line_id, partner_id, shipment_id in sales.values_list("line_id", "partner_id", "shipment_id")
    }
    sums = (
        PayoutLedgerEntry.objects.filter(
            line_id__in=owners, kind__in=[PayoutLedgerEntry.SALE, PayoutLedgerEntry.REFUND, PayoutLedgerEntry.RETURN]
        )
        .values("line_id")
        .annotate(gross=Sum("gross"), commission=Sum("commission"), tcs=Sum("tcs"))
        .order_by()
    )
    return {
        row["line_id"]: _Outstanding(
            *owners[row["line_id"]], SaleSplit(paisa(row["gross"]), paisa(row["commission"]), paisa(row["tcs"]))
        )
        for row in sums
    }


def _reversal_entry(*, line_id: int, outstanding: _Outstanding, gross: Decimal, kind: str, description: str):
    taken = reversal_of(outstanding=outstanding.split, gross=gross)
    return PayoutLedgerEntry(
        partner_id=outstanding.partner_id,
        kind=kind,
        line_id=line_id,
        shipment_id=outstanding.shipment_id,
        gross=-taken.gross,
        commission=-taken.commission,
        tcs=-taken.tcs,
        amount=-taken.net,
        description=description[:200],
    )


@transaction.atomic
def ledger_debit_refund(
    *,
    order: Order,
    amount: Decimal,
    reference: str,
    lines: list | None = None,
    refunded_before: Decimal = ZERO,
    only_lines: list[int] | None = None,
) -> list[PayoutLedgerEntry]:
    """Take back from the artisans what a refund pays back to the shopper.

    Rule: a refund of chosen `lines` takes back those lines' credit (all of it when their whole price
    is refunded, else the refunded share). Any other refund is shared over everything the shopper has
    still paid for on the order (goods and shipping: order total − `refunded_before`), so each
    credited line gives back amount × its outstanding credit ÷ that total — a full refund takes back
    every credit. Commission and TCS go back in the same share. Lines never credited give nothing
    back (the artisan was not paid for them). The same `reference` is never applied twice to a line.
    `only_lines` limits it to lines credited after the refund was paid (see `_refunds_replay`).
    """
    if amount <= 0:
        raise LedgerError(_("A refund must be more than zero."))
    # Deliveries lock the order row too: a refund and a delivery credit of one order never interleave.
    Order.objects.select_for_update().filter(pk=order.pk).first()
    description = f"{order.number} · {reference}"
    applied = set(
        PayoutLedgerEntry.objects.filter(
            kind=PayoutLedgerEntry.REFUND, line__order=order, description=description[:200]
        ).values_list("line_id", flat=True)
    )
    if lines is not None:
        chosen = list(order.lines.filter(pk__in=[getattr(line, "pk", line) for line in lines]))
        whole = sum((line.line_price_incl_tax for line in chosen), ZERO)
        outstanding = _outstanding(lines=[line.pk for line in chosen])
        parts = {line.pk: line.line_price_incl_tax for line in chosen if line.pk in outstanding}
    else:
        whole = order.total_incl_tax - refunded_before
        outstanding = _outstanding(lines=order.lines.all())
        parts = {line_id: credit.split.gross for line_id, credit in outstanding.items()}
    if whole <= 0:
        return []
    refunded = min(amount, whole)
    entries = []
    for line_id, part in parts.items():
        if line_id in applied or (only_lines is not None and line_id not in only_lines):
            continue
        credit = outstanding[line_id]
        gross = min(share_of(amount=refunded, part=part, whole=whole), credit.split.gross)
        if gross > 0:
            entries.append(
                _reversal_entry(
                    line_id=line_id,
                    outstanding=credit,
                    gross=gross,
                    kind=PayoutLedgerEntry.REFUND,
                    description=description,
                )
            )
    return PayoutLedgerEntry.objects.bulk_create(entries)


@transaction.atomic
def ledger_debit_return(*, line: Line, user, note: str) -> PayoutLedgerEntry:
    """A delivered line came back to the artisan: its credit, net of commission and TCS, is taken back."""
    note = (note or "").strip()
    if not note:
        raise LedgerError(_("Say why the line came back."))
    shipment = Shipment.objects.filter(group__lines=line).first()
    if shipment is None or shipment.status != Shipment.DELIVERED:
        raise LedgerError(_("Only a line of a delivered parcel can be returned."))
    credit = _outstanding(lines=[line.pk]).get(line.pk)
    if credit is None:
        raise LedgerError(
            _(
                "This line has not been credited to the artisan yet, so there is nothing to take back. Record the return once its cash is remitted."
            )
        )
    if credit.split.gross <= 0:
        raise LedgerError(_("This line's credit has already been taken back."))
    entry = _reversal_entry(
        line_id=line.pk,
        outstanding=credit,
        gross=credit.split.gross,
        kind=PayoutLedgerEntry.RETURN,
        description=f"{note} — {user.get_username()}",
    )
    entry.save()
    return entry


@dataclass
class PayoutBatchCreated:
    """The batch (None when nobody could be paid) and, for ops, who was left out and why."""

    batch: PayoutBatch | None
    skipped: list[tuple] = field(default_factory=list)


def _payout_reference(*, batch: PayoutBatch, partner) -> str:
    reference = f"ODOP-{batch}-{partner.code}"
    if len(reference) <= REFERENCE_MAX:
        return reference
    suffix = f"-{partner.pk}"
    return f"ODOP-{batch}-{partner.code}"[: REFERENCE_MAX - len(suffix)] + suffix


@transaction.atomic
def payout_batch_create(*, partner_ids: list[int], user) -> PayoutBatchCreated:
    """Pay each chosen artisan their whole balance: a payout with their bank details as of now and a
    ledger debit that brings the balance to zero.

    The artisans' partner rows are locked first and balances read after, so two ops pressing the
    button together cannot pay one balance twice: the second sees the first one's debits.
    """
    partners = list(Partner.objects.select_for_update().filter(pk__in=partner_ids).order_by("pk"))
    balances = artisan_balances(partner_ids=[partner.pk for partner in partners])
    profiles = {profile.partner_id: profile for profile in ArtisanProfile.objects.filter(partner__in=partners)}
    payable, skipped = [], []
    for partner in partners:
        balance = balances.get(partner.pk, ZERO)
        destination = payout_destination(profile=profiles.get(partner.pk))
        if balance <= 0:
            skipped.append((partner, _("nothing to pay")))
        elif destination is None:
            skipped.append((partner, _("no bank account with IFSC or UPI id in their profile")))
        else:
            payable.append((partner, balance, destination))
    if not payable:
        return PayoutBatchCreated(batch=None, skipped=skipped)
    batch = PayoutBatch.objects.create(created_by=user if user and user.is_authenticated else None)
    for partner, balance, destination in payable:
        payout = Payout.objects.create(
            batch=batch,
            partner=partner,
            amount=balance,
            reference=_payout_reference(batch=batch, partner=partner),
            payee_name=partner.name,
            **destination,
        )
        PayoutLedgerEntry.objects.create(
            partner=partner,
            kind=PayoutLedgerEntry.PAYOUT,
            payout=payout,
            gross=-balance,
            amount=-balance,
            description=payout.reference,
        )
    return PayoutBatchCreated(batch=batch, skipped=skipped)


@transaction.atomic
def payout_batch_mark_paid(*, batch: PayoutBatch, bank_reference: str, user) -> PayoutBatch:
    """The bank has made the transfers: record its reference once; a paid batch stays paid."""
    bank_reference = (bank_reference or "").strip()
    if not bank_reference:
        raise LedgerError(_("Enter the bank's reference for the transfer."))
    if len(bank_reference) > PayoutBatch._meta.get_field("bank_reference").max_length:
        raise LedgerError(_("A bank reference has at most 80 characters."))
    batch = PayoutBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == PayoutBatch.PAID:
        raise LedgerError(
            _("This batch was already marked paid on %(date)s.")
            % {"date": date_format(timezone.localtime(batch.paid_at), "DATE_FORMAT")}
        )
    batch.status, batch.paid_at, batch.bank_reference = PayoutBatch.PAID, timezone.now(), bank_reference
    batch.save(update_fields=["status", "paid_at", "bank_reference"])
    logger.info("Payout batch %s marked paid by %s (bank reference %s)", batch, user, bank_reference)
    notify_payout_batch_paid(batch=batch)
    return batch


def _reason_clean(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise LedgerError(_("Say why, for the artisan's ledger."))
    if len(reason) > Payout._meta.get_field("reversal_reason").max_length:
        raise LedgerError(_("The reason has at most 200 characters."))
    return reason


def _payout_reverse(*, payout: Payout, reason: str) -> PayoutLedgerEntry:
    """Credit a locked, unreversed payout's amount back to the artisan's balance."""
    payout.reversed_at, payout.reversal_reason = timezone.now(), reason
    payout.save(update_fields=["reversed_at", "reversal_reason"])
    return PayoutLedgerEntry.objects.create(
        partner_id=payout.partner_id,
        kind=PayoutLedgerEntry.ADJUSTMENT,
        gross=payout.amount,
        amount=payout.amount,
        description=f"{payout.reference} · {reason}"[:200],
    )


@transaction.atomic
def payout_batch_cancel(*, batch: PayoutBatch, reason: str, user) -> PayoutBatch:
    """A batch the bank never ran (upload rejected, wrong file): every payout's money goes back to its balance."""
    reason = _reason_clean(reason)
    batch = PayoutBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != PayoutBatch.OPEN:
        raise LedgerError(_("Only a batch still awaiting the bank can be cancelled."))
    for payout in batch.payouts.select_for_update().filter(reversed_at__isnull=True).order_by("pk"):
        _payout_reverse(payout=payout, reason=reason)
    batch.status = PayoutBatch.CANCELLED
    batch.save(update_fields=["status"])
    logger.info("Payout batch %s cancelled by %s: %s", batch, user, reason)
    return batch


@transaction.atomic
def payout_reverse(*, payout: Payout, reason: str, user) -> PayoutLedgerEntry:
    """One transfer of a paid batch came back from the bank (closed account, wrong IFSC): credit it back once."""
    reason = _reason_clean(reason)
    payout = Payout.objects.select_for_update().select_related("batch").get(pk=payout.pk)
    if payout.batch.status != PayoutBatch.PAID:
        raise LedgerError(_("Only a transfer of a paid batch can bounce; cancel a batch the bank has not run."))
    if payout.reversed_at is not None:
        raise LedgerError(
            _("This transfer was already reversed on %(date)s.")
            % {"date": date_format(timezone.localtime(payout.reversed_at), "DATE_FORMAT")}
        )
    entry = _payout_reverse(payout=payout, reason=reason)
    logger.info("Payout %s reversed by %s: %s", payout, user, reason)
    return entry
