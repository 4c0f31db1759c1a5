"""Issuing tax invoices and credit notes: numbers from each artisan's gapless series (rules: README)."""

from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from oscar.core.loading import get_model

from invoices.models import CREDIT_NOTE, INVOICE, Invoice, InvoiceSeries
from shop.money import ZERO, gst_split

ShipmentGroup = get_model("order", "ShipmentGroup")
PREFIX = {INVOICE: "INV", CREDIT_NOTE: "CN"}


def financial_year_of(moment: datetime) -> int:
    """The starting year of India's financial year (April–March) in Indian time: 2026 for 2026-27."""
    local = timezone.localtime(moment)
    return local.year if local.month >= 4 else local.year - 1


def invoice_number_format(*, kind: str, financial_year: int, sequence: int) -> str:
    """`INV/2627/00001`, `CN/2627/00001`: at most 16 characters up to 9,999,999 in a year."""
    return f"{PREFIX[kind]}/{financial_year % 100:02d}{(financial_year + 1) % 100:02d}/{sequence:05d}"


def _next_sequence(*, partner_id: int, kind: str, financial_year: int) -> int:
    """Lock the series row (creating it once) and take the next number; the caller's transaction keeps
    the lock until commit, so concurrent issuers queue and a rollback gives the number back."""
    try:
        with transaction.atomic():
            InvoiceSeries.objects.get_or_create(partner_id=partner_id, kind=kind, financial_year=financial_year)
    except IntegrityError:
        pass  # created by a concurrent issuer meanwhile
    series = InvoiceSeries.objects.select_for_update().get(partner_id=partner_id, kind=kind, financial_year=financial_year)
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return series.last_number


def _issue(*, kind: str, group, issued_at: datetime, **fields) -> Invoice:
    year = financial_year_of(issued_at)
    sequence = _next_sequence(partner_id=group.partner_id, kind=kind, financial_year=year)
    return Invoice.objects.create(
        kind=kind,
        partner_id=group.partner_id,
        order_id=group.order_id,
        shipment_group=group,
        financial_year=year,
        sequence=sequence,
        number=invoice_number_format(kind=kind, financial_year=year, sequence=sequence),
        issued_at=issued_at,
        **fields,
    )


@transaction.atomic
def invoices_issue(*, order) -> list[Invoice]:
    """One tax invoice per parcel, numbered at placement (inside the placement transaction); re-runnable."""
    issued = []
    done = set(Invoice.objects.filter(order=order, kind=INVOICE).values_list("shipment_group_id", flat=True))
    for group in ShipmentGroup.objects.filter(order=order).order_by("pk"):
        if group.pk not in done:
            issued.append(_issue(kind=INVOICE, group=group, issued_at=order.date_placed or timezone.now()))
    return issued


@transaction.atomic
def credit_note_issue(*, invoice: Invoice, lines: dict, reason: str, reference: str) -> Invoice | None:
    """A credit note against `invoice` for `lines` ({order line: GST-inclusive amount credited}), its GST
    split like the line's; once per (invoice, reference). Returns None when nothing is credited."""
    if not reference or invoice.kind != INVOICE:
        raise ValueError("a credit note needs an invoice and a reference")
    existing = Invoice.objects.filter(refers_to=invoice, reference=reference).first()
    if existing is not None:
        return existing
    taxable = cgst = sgst = igst = ZERO
    for line, amount in lines.items():
        amount = Decimal(amount)
        if amount <= 0:
            continue
        split = gst_split(
            inclusive=amount, rate=line.gst_rate, supplier_state="X", supply_state="X" if line.igst == 0 else "Y"
        )
        taxable += split.taxable_value
        cgst, sgst, igst = cgst + split.cgst, sgst + split.sgst, igst + split.igst
    if taxable + cgst + sgst + igst <= 0:
        return None
    group = ShipmentGroup.objects.get(pk=invoice.shipment_group_id)
    return _issue(
        kind=CREDIT_NOTE, group=group, issued_at=timezone.now(), refers_to=invoice, reason=reason[:255],
        reference=reference[:255], taxable_value=taxable, cgst=cgst, sgst=sgst, igst=igst,
    )


def credit_note_for_return(*, shipment_group, reference: str, reason: str) -> Invoice | None:
    """Return to origin: the whole parcel's goods are credited."""
    invoice = Invoice.objects.filter(shipment_group=shipment_group, kind=INVOICE).first()
    if invoice is None:
        return None
    lines = {line: line.line_price_incl_tax for line in shipment_group.lines.all()}
    return credit_note_issue(invoice=invoice, lines=lines, reason=reason, reference=reference)


def credit_notes_for_refund(*, order, amount: Decimal, reference: str, lines=None) -> list[Invoice]:
    """A refund reduces the artisans' invoices: the chosen lines in full, or else the refunded amount
    shared over the goods pro rata (shipping and the fee are the platform's, not on these invoices)."""
    order_lines = list(order.lines.all())
    chosen = [line for line in order_lines if lines is None or line.pk in {getattr(x, "pk", x) for x in lines}]
    if lines is not None:
        credits = {line: line.line_price_incl_tax for line in chosen}
    else:
        goods = sum((line.line_price_incl_tax for line in order_lines), ZERO)
        share = min(Decimal(amount), goods)
        credits, given = {}, ZERO
        for index, line in enumerate(order_lines):
            part = share - given if index == len(order_lines) - 1 else (share * line.line_price_incl_tax / goods).quantize(Decimal("0.01"))
            credits[line], given = part, given + part
    notes = []
    for invoice in Invoice.objects.filter(order=order, kind=INVOICE):
        mine = {line: value for line, value in credits.items() if line.shipment_group_id == invoice.shipment_group_id}
        note = credit_note_issue(invoice=invoice, lines=mine, reason="Refund", reference=reference) if mine else None
        if note is not None:
            notes.append(note)
    return notes
