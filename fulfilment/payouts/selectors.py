"""Reads of the payout ledger: balances (always sums of entries), ledger pages, payout batches, the
bank's upload file and what an artisan can expect to be paid and when."""

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum, Window
from django.db.models.functions import Coalesce, Round
from django.utils import timezone
from oscar.core.loading import get_model

from fulfilment.models import CodRemittanceLine, Payout, PayoutBatch, PayoutLedgerEntry, Shipment
from fulfilment.payouts.amounts import ZERO, paisa, sale_split

Line = get_model("order", "Line")
Partner = get_model("partner", "Partner")
BANK_CSV_HEADER = ["payee_name", "account_number", "ifsc", "upi_id", "amount", "reference"]
# A spreadsheet runs a cell starting with these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
RECENT_PAYOUTS = 12
RECENT_ENTRIES = 50


def artisan_balance(*, partner) -> Decimal:
    entries = PayoutLedgerEntry.objects.filter(partner=partner)
    return paisa(entries.aggregate(balance=Coalesce(Sum("amount"), ZERO))["balance"])


def artisan_balances(*, partner_ids: list[int] | None = None) -> dict[int, Decimal]:
    """Every artisan's balance (or the given ones') in one grouped query; no entries means no key."""
    entries = PayoutLedgerEntry.objects.all()
    if partner_ids is not None:
        entries = entries.filter(partner_id__in=partner_ids)
    rows = entries.values("partner_id").annotate(balance=Sum("amount")).order_by().values_list("partner_id", "balance")
    return {partner_id: paisa(balance) for partner_id, balance in rows}


def payout_destination(*, profile) -> dict | None:
    """Where a payout can go: a bank account with its IFSC, a UPI id, or both; None when neither."""
    if profile is None:
        return None
    bank = bool(profile.bank_account_number and profile.ifsc)
    upi = bool(profile.upi_id) and len(profile.upi_id) <= Payout._meta.get_field("upi_id").max_length
    if not (bank or upi):
        return None
    return {
        "bank_account_number": profile.bank_account_number if bank else "",
        "ifsc": profile.ifsc if bank else "",
        "upi_id": profile.upi_id if upi else "",
    }


def payout_candidates() -> QuerySet:
    """Artisans with ledger entries and their balances, largest first (one query with the profile)."""
    return (
        Partner.objects.annotate(balance=Round(Sum("ledger_entries__amount"), 2))
        .filter(balance__isnull=False)
        .select_related("artisan_profile")
        .order_by("-balance", "name", "pk")
    )


def payout_batch_total(*, batch: PayoutBatch) -> Decimal:
    """What a batch pays out in all, to the paisa."""
    return paisa(batch.payouts.aggregate(total=Sum("amount"))["total"] or ZERO)


def payout_candidates_with_destinations(*, partners) -> list:
    """The candidates of a page, each with `destination` (see payout_destination) read from its profile."""
    partners = list(partners)
    for partner in partners:
        partner.destination = payout_destination(profile=getattr(partner, "artisan_profile", None))
    return partners


def ledger_entries(*, partner) -> QuerySet:
    """An artisan's entries newest first, each with the balance right after it."""
    return (
        PayoutLedgerEntry.objects.filter(partner=partner)
        .select_related("payout__batch")
        .annotate(running_balance=Round(Window(Sum("amount"), order_by=[F("created_at").asc(), F("id").asc()]), 2))
        .order_by("-created_at", "-id")
    )


def returnable_lines(*, partner) -> QuerySet:
    """Delivered lines still (partly) credited to the artisan: what ops can record as returned."""
    taken_back = PayoutLedgerEntry.objects.filter(line=OuterRef("pk"), kind=PayoutLedgerEntry.RETURN)
    return (
        Line.objects.filter(
            ledger_entries__kind=PayoutLedgerEntry.SALE,
            ledger_entries__partner=partner,
            shipment_group__shipment__status=Shipment.DELIVERED,
        )
        .filter(~Exists(taken_back))
        .select_related("order")
        .order_by("-order__date_placed", "-pk")
    )


def payout_batches() -> QuerySet:
    return (
        PayoutBatch.objects.select_related("created_by")
        .annotate(payout_count=Count("payouts"), total=Coalesce(Sum("payouts__amount"), ZERO))
        .order_by("-created_at", "-id")
    )


def payout_batch_payouts(*, batch: PayoutBatch) -> QuerySet:
    return batch.payouts.select_related("partner").order_by("payee_name", "pk")


def _csv_cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def payout_batch_csv(*, batch: PayoutBatch) -> str:
    """The bank's bulk-upload file: one row per payout, amounts as plain 2-decimal numbers."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(BANK_CSV_HEADER)
    for payout in payout_batch_payouts(batch=batch):
        writer.writerow(
            [
                _csv_cell(value)
                for value in (
                    payout.payee_name,
                    payout.bank_account_number,
                    payout.ifsc,
                    payout.upi_id,
                    f"{payout.amount:.2f}",
                    payout.reference,
                )
            ]
        )
    return out.getvalue()


@dataclass(frozen=True)
class AwaitingCash:
    """A delivered COD parcel whose cash the carrier still holds."""

    order_number: str
    awb: str
    delivered_at: datetime
    cash_collected: Decimal
    estimated_net: Decimal


@dataclass
class MoneyOnTheWay:
    awaiting_cash: list[AwaitingCash]
    balance: Decimal
    since_last_payout: list[PayoutLedgerEntry]
    in_transfer: list[Payout]
    paid: list[Payout]
    awaiting_cash_total: Decimal = field(init=False)
    in_transfer_total: Decimal = field(init=False)

    def __post_init__(self):
        self.awaiting_cash_total = sum((item.estimated_net for item in self.awaiting_cash), ZERO)
        self.in_transfer_total = sum((payout.amount for payout in self.in_transfer), ZERO)


def cod_awaiting_cash(*, partner) -> list[AwaitingCash]:
    """Delivered COD parcels with no remittance line settling them, with what they will earn the
    artisan once the cash arrives (the credit rule applied to each line now)."""
    settled = CodRemittanceLine.objects.filter(shipment=OuterRef("pk"), outcome__in=CodRemittanceLine.SETTLING)
    shipments = list(
        Shipment.objects.filter(group__partner=partner, status=Shipment.DELIVERED, group__cod_amount__gt=0)
        .filter(~Exists(settled))
        .select_related("group__order")
        .order_by("-delivered_at", "-pk")
    )
    nets: dict[int, Decimal] = {}
    lines = Line.objects.filter(
        shipment_group__in=[shipment.group_id for shipment in shipments], line_price_incl_tax__gt=0
    )
    for group_id, gross, taxable in lines.values_list("shipment_group_id", "line_price_incl_tax", "taxable_value"):
        nets[group_id] = nets.get(group_id, ZERO) + sale_split(gross=gross, taxable_value=taxable).net
    return [
        AwaitingCash(
            order_number=shipment.group.order.number,
            awb=shipment.awb,
            delivered_at=shipment.delivered_at,
            cash_collected=shipment.group.cod_amount,
            estimated_net=nets.get(shipment.group_id, ZERO),
        )
        for shipment in shipments
    ]


def artisan_money_on_the_way(*, partner) -> MoneyOnTheWay:
    """(a) COD cash still with the carrier, (b) credited but not yet in a payout (the balance, and the
    entries since the last payout), (c) in a batch awaiting the bank, (d) paid, newest first."""
    last_payout = (
        PayoutLedgerEntry.objects.filter(partner=partner, kind=PayoutLedgerEntry.PAYOUT)
        .order_by("-id")
        .values("id")[:1]
    )
    since = PayoutLedgerEntry.objects.filter(partner=partner).exclude(kind=PayoutLedgerEntry.PAYOUT)
    if last_payout:
        since = since.filter(id__gt=last_payout[0]["id"])
    payouts = Payout.objects.filter(partner=partner).select_related("batch")
    return MoneyOnTheWay(
        awaiting_cash=cod_awaiting_cash(partner=partner),
        balance=artisan_balance(partner=partner),
        since_last_payout=list(since.order_by("-created_at", "-id")[:RECENT_ENTRIES]),
        in_transfer=list(payouts.filter(batch__status=PayoutBatch.OPEN).order_by("-batch__created_at")),
        paid=list(
            payouts.filter(batch__status=PayoutBatch.PAID, reversed_at__isnull=True).order_by("-batch__paid_at", "-pk")[
                :RECENT_PAYOUTS
            ]
        ),
    )


@dataclass(frozen=True)
class PayoutFigures:
    owed: Decimal
    in_transfer: Decimal
    paid_last_30_days: Decimal


def payout_figures(*, now=None) -> PayoutFigures:
    """Headline figures for ops: positive balances owed, batches at the bank, paid in the last 30 days."""
    now = now or timezone.now()
    owed = sum((balance for balance in artisan_balances().values() if balance > 0), ZERO)
    totals = Payout.objects.aggregate(
        in_transfer=Coalesce(Sum("amount", filter=Q(batch__status=PayoutBatch.OPEN)), ZERO),
        paid=Coalesce(
            Sum(
                "amount",
                filter=Q(
                    batch__status=PayoutBatch.PAID,
                    batch__paid_at__gte=now - timedelta(days=30),
                    reversed_at__isnull=True,
                ),
            ),
            ZERO,
        ),
    )
    return PayoutFigures(owed=owed, in_transfer=totals["in_transfer"], paid_last_30_days=totals["paid"])
