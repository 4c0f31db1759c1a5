"""Issuing tax invoices and credit notes: numbers from each artisan's gapless series (rules: README)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_model

from invoices.models import CREDIT_NOTE, INVOICE, Invoice, InvoiceSeries
from order_ext.selectors import order_money
from shop.money import ZERO, gst_split, paisa

ShipmentGroup = get_model("order", "ShipmentGroup")
PREFIX = {INVOICE: "INV", CREDIT_NOTE: "CN"}
# The shop's own series (shipping and the COD fee): as short as the artisans', told apart by the prefix.
SHOP_PREFIX = {INVOICE: "SRV", CREDIT_NOTE: "SCN"}


def financial_year_of(moment: datetime) -> int:
    """The starting year of India's financial year (April–March) in Indian time: 2026 for 2026-27."""
    local = timezone.localtime(moment)
    return local.year if local.month >= 4 else local.year - 1


def invoice_number_format(*, kind: str, financial_year: int, sequence: int, shop: bool = False) -> str:
    """`INV/2627/00001`, `CN/2627/00001` (the shop's: `SRV/…`, `SCN/…`): at most 16 characters up to
    9,999,999 in a year."""
    prefix = (SHOP_PREFIX if shop else PREFIX)[kind]
    return f"{prefix}/{financial_year % 100:02d}{(financial_year + 1) % 100:02d}/{sequence:05d}"


def _next_sequence(*, partner_id: int | None, kind: str, financial_year: int) -> int:
    """Lock the series row (creating it once) and take the next number; the caller's transaction keeps
    the lock until commit, so concurrent issuers queue and a rollback gives the number back."""
    try:
        with transaction.atomic():
            InvoiceSeries.objects.get_or_create(partner_id=partner_id, kind=kind, financial_year=financial_year)
    except IntegrityError:
        pass  # created by a concurrent issuer meanwhile
    series = InvoiceSeries.objects.select_for_update().get(
        partner_id=partner_id, kind=kind, financial_year=financial_year
    )
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return series.last_number


def _issue(*, kind: str, order_id: int, group, issued_at: datetime, **fields) -> Invoice:
    """Number and save one document: the parcel's artisan's series, or the shop's when `group` is None."""
    partner_id = group.partner_id if group is not None else None
    year = financial_year_of(issued_at)
    sequence = _next_sequence(partner_id=partner_id, kind=kind, financial_year=year)
    return Invoice.objects.create(
        kind=kind,
        partner_id=partner_id,
        order_id=order_id,
        shipment_group=group,
        financial_year=year,
        sequence=sequence,
        number=invoice_number_format(kind=kind, financial_year=year, sequence=sequence, shop=partner_id is None),
        issued_at=issued_at,
        **fields,
    )


@transaction.atomic
def invoices_issue(*, order) -> list[Invoice]:
    """One tax invoice per parcel from its artisan, and one from the shop for the order's shipping and
    COD fee when they cost anything; numbered at placement (inside the placement transaction); re-runnable.
    The shop's series is locked first and the artisans' in a fixed order, so concurrent orders queue
    instead of deadlocking."""
    issued = []
    issued_at = order.date_placed or timezone.now()
    existing = Invoice.objects.filter(order=order, kind=INVOICE)
    if order_money(order=order).services_total > 0 and not existing.filter(partner__isnull=True).exists():
        issued.append(_issue(kind=INVOICE, order_id=order.pk, group=None, issued_at=issued_at))
    done = set(existing.values_list("shipment_group_id", flat=True))
    for group in ShipmentGroup.objects.filter(order=order).order_by("partner_id", "pk"):
        if group.pk not in done:
            issued.append(_issue(kind=INVOICE, order_id=order.pk, group=group, issued_at=issued_at))
    return issued


@dataclass(frozen=True)
class _Part:
    """Something an invoice charged, as a credit note needs it: GST-inclusive amount, rate, and whether
    its GST was CGST + SGST (within a state) or IGST."""

    amount: Decimal
    rate: Decimal
    intra_state: bool


def _spread(*, target: Decimal, parts: list[_Part]) -> list[_Part]:
    """`target` shared over `parts` by their amounts, rounding on running totals so the shares add up to
    `target` exactly. Parts that add up to nothing (a zero goods total) share nothing."""
    whole = sum((part.amount for part in parts), ZERO)
    if whole <= 0 or target <= 0:
        return []
    shares, running, given = [], ZERO, ZERO
    for part in parts:
        running += part.amount
        upto = paisa(target * running / whole)
        shares.append(_Part(upto - given, part.rate, part.intra_state))
        given = upto
    return [share for share in shares if share.amount > 0]


def _credit_note(*, invoice: Invoice, parts: list[_Part], reason: str, reference: str) -> Invoice | None:
    taxable = cgst = sgst = igst = ZERO
    for part in parts:
        if part.amount <= 0:
            continue
        split = gst_split(
            inclusive=part.amount, rate=part.rate, supplier_state="X", supply_state="X" if part.intra_state else "Y"
        )
        taxable += split.taxable_value
        cgst, sgst, igst = cgst + split.cgst, sgst + split.sgst, igst + split.igst
    if taxable + cgst + sgst + igst <= 0:
        return None
    group = ShipmentGroup.objects.get(pk=invoice.shipment_group_id) if invoice.shipment_group_id else None
    return _issue(
        kind=CREDIT_NOTE,
        order_id=invoice.order_id,
        group=group,
        issued_at=timezone.now(),
        refers_to=invoice,
        reason=reason[:255],
        reference=reference[:255],
        taxable_value=taxable,
        cgst=cgst,
        sgst=sgst,
        igst=igst,
    )


def _line_part(line) -> _Part:
    return _Part(line.line_price_incl_tax, line.gst_rate, line.igst == 0)


def _service_parts(*, order) -> list[_Part]:
    """The shop's charges on an order (each parcel's shipping, the COD fee) as stored at placement."""
    money = order_money(order=order)
    splits = [parcel.shipping for parcel in money.parcels or []] + ([money.fee] if money.fee else [])
    return [_Part(split.inclusive, split.rate, split.igst == 0) for split in splits]


@transaction.atomic
def credit_note_issue(*, invoice: Invoice, lines: dict, reason: str, reference: str) -> Invoice | None:
    """A credit note against an artisan's `invoice` for `lines` ({order line: GST-inclusive amount
    credited}), its GST split like the line's; once per (invoice, reference). None when nothing is credited."""
    if not reference or invoice.kind != INVOICE:
        raise ValueError("a credit note needs an invoice and a reference")
    existing = Invoice.objects.filter(refers_to=invoice, reference=reference).first()
    if existing is not None:
        return existing
    parts = [_Part(Decimal(amount), line.gst_rate, line.igst == 0) for line, amount in lines.items()]
    return _credit_note(invoice=invoice, parts=parts, reason=reason, reference=reference)


def credit_note_for_return(*, shipment_group, reference: str, reason: str) -> Invoice | None:
    """Return to origin: the whole parcel's goods are credited."""
    invoice = Invoice.objects.filter(shipment_group=shipment_group, kind=INVOICE).first()
    if invoice is None:
        return None
    lines = {line: line.line_price_incl_tax for line in shipment_group.lines.all()}
    return credit_note_issue(invoice=invoice, lines=lines, reason=reason, reference=reference)


def _credited(*, invoice: Invoice) -> Decimal:
    notes = invoice.credit_notes.all()
    return sum((note.taxable_value + note.cgst + note.sgst + note.igst for note in notes), ZERO)


@transaction.atomic
def credit_notes_for_refund(
    *, order, amount: Decimal, reference: str, lines=None, refunded_before: Decimal = ZERO
) -> list[Invoice]:
    """A refund reduces the invoices it pays back, by the payout ledger's rule (README "Tax invoices"):
    chosen `lines` credit those lines on their artisans' invoices; any other refund is shared over
    everything the order charged (goods and the shop's shipping and fee) by amount, so each artisan's
    invoice and the shop's own are credited the refunded fraction of what they billed — the refund that
    brings the refunded total to the order's total credits whatever is left. Never more than an invoice
    billed, and nothing at all for an order (or invoice) that charged nothing."""
    invoices_issue(order=order)
    invoices = list(Invoice.objects.filter(order=order, kind=INVOICE).order_by("pk"))
    order_lines = list(order.lines.all())
    parts_of = {
        invoice.pk: (
            _service_parts(order=order)
            if invoice.is_shop_services
            else [_line_part(line) for line in order_lines if line.shipment_group_id == invoice.shipment_group_id]
        )
        for invoice in invoices
    }
    billed = {pk: sum((part.amount for part in parts), ZERO) for pk, parts in parts_of.items()}
    whole = sum(billed.values(), ZERO)
    amount = Decimal(amount)
    if whole <= 0 or amount <= 0:
        return []
    chosen = {getattr(line, "pk", line) for line in lines} if lines is not None else None
    notes, running, given = [], ZERO, ZERO
    for invoice in invoices:
        left = billed[invoice.pk] - _credited(invoice=invoice)
        if chosen is not None:
            parts = (
                []
                if invoice.is_shop_services
                else [
                    _line_part(line)
                    for line in order_lines
                    if line.pk in chosen and line.shipment_group_id == invoice.shipment_group_id
                ]
            )
            target = min(sum((part.amount for part in parts), ZERO), left)
        else:
            parts = parts_of[invoice.pk]
            running += billed[invoice.pk]
            upto = paisa(min(amount, whole) * running / whole)
            share, given = upto - given, upto
            target = left if refunded_before + amount >= whole else min(share, left)
        existing = Invoice.objects.filter(refers_to=invoice, reference=reference[:255]).first()
        note = existing or _credit_note(
            invoice=invoice, parts=_spread(target=target, parts=parts), reason="Refund", reference=reference
        )
        if note is not None:
            notes.append(note)
    return notes
