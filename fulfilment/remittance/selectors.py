"""Reads for COD remittance: the files with their totals, their lines, and the cash still owed to us."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from fulfilment.models import Carrier, CodRemittance, CodRemittanceLine, Shipment

ZERO = Decimal("0.00")
DISCREPANCIES = [outcome for outcome in CodRemittanceLine.OUTCOMES if outcome != CodRemittanceLine.MATCHED]


def _lines_total(aggregate, **conditions) -> Coalesce:
    """One figure over a remittance's own lines, as a correlated subquery."""
    lines = (
        CodRemittanceLine.objects.filter(remittance=OuterRef("pk"), **conditions)
        .order_by()
        .values("remittance")
        .annotate(total=aggregate)
        .values("total")
    )
    return Coalesce(Subquery(lines), Value(ZERO) if isinstance(aggregate, Sum) else Value(0))


def cod_remittance_list() -> QuerySet[CodRemittance]:
    """Newest first; each file carries its totals from the same query.

    Annotations: matched_count, matched_amount, discrepancy_count, unresolved_count (the stored
    row_count and total_amount are the file's rows and amount). Each is a subquery over that file's
    lines, so a page costs what its own files hold and counting pages touches no line at all.
    """
    matched = {"outcome": CodRemittanceLine.MATCHED}
    discrepancy = {"outcome__in": DISCREPANCIES}
    return (
        CodRemittance.objects.select_related("carrier", "imported_by")
        .annotate(
            matched_count=_lines_total(Count("pk"), **matched),
            matched_amount=_lines_total(Sum("amount"), **matched),
            discrepancy_count=_lines_total(Count("pk"), **discrepancy),
            unresolved_count=_lines_total(Count("pk"), resolved_at__isnull=True, **discrepancy),
        )
        .order_by("-imported_at", "-id")
    )


@dataclass(frozen=True)
class OutcomeTotal:
    outcome: str
    label: str
    count: int
    amount: Decimal
    expected: Decimal
    unresolved: int


def cod_remittance_totals(*, remittance: CodRemittance) -> list[OutcomeTotal]:
    """Count, amount remitted and amount expected per outcome, every outcome listed, in one query."""
    rows = {
        row["outcome"]: row
        for row in remittance.lines.order_by()
        .values("outcome")
        .annotate(
            count=Count("pk"),
            amount=Sum("amount"),
            expected=Sum("expected_amount"),
            unresolved=Count("pk", filter=Q(resolved_at__isnull=True)),
        )
    }
    totals = []
    for outcome, label in CodRemittanceLine.OUTCOME_CHOICES:
        row = rows.get(outcome, {})
        totals.append(
            OutcomeTotal(
                outcome=outcome,
                label=str(label),
                count=row.get("count", 0),
                amount=row.get("amount") or ZERO,
                expected=row.get("expected") or ZERO,
                unresolved=0 if outcome == CodRemittanceLine.MATCHED else row.get("unresolved", 0),
            )
        )
    return totals


def cod_remittance_lines(*, remittance: CodRemittance, outcome: str = "") -> QuerySet[CodRemittanceLine]:
    """Unresolved discrepancies first, then resolved ones, then matched lines; file order within each.

    Parcels and resolvers are prefetched for the page only: joining them before sorting would join
    every line of a 100,000-row file to show fifty.
    """
    parcels = Shipment.objects.select_related("group__order", "group__partner")
    lines = remittance.lines.prefetch_related(Prefetch("shipment", queryset=parcels), "resolved_by").alias(
        rank=Case(
            When(outcome=CodRemittanceLine.MATCHED, then=Value(2)),
            When(resolved_at__isnull=False, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    if outcome:
        lines = lines.filter(outcome=outcome)
    return lines.order_by("rank", "line_number")


# --- COD outstanding: cash collected by carriers that has not reached us yet ---------------------


@dataclass(frozen=True)
class AgeBucket:
    """Days since delivery, both ends inclusive; max_days None means "and older"."""

    label: str
    min_days: int
    max_days: int | None
    overdue: bool


@dataclass(frozen=True)
class Outstanding:
    count: int
    amount: Decimal


@dataclass(frozen=True)
class CarrierOutstanding:
    carrier_id: int
    code: str
    name: str
    buckets: list[Outstanding]
    total: Outstanding
    overdue: Outstanding


@dataclass(frozen=True)
class CodOutstanding:
    """What `cod_outstanding` returns (H4's dashboard chart draws it).

    - as_of: the `now` the ages were counted from; overdue_days: COD_REMITTANCE_OVERDUE_DAYS (N).
    - buckets: four AgeBucket, youngest first: 0–N days (not overdue yet), N+1–2N+1, 2N+2–4N+2,
      older (N=7 gives 0–7, 8–15, 16–30, 31+ days).
    - carriers: one CarrierOutstanding per carrier with anything outstanding, by name; its `buckets`
      is aligned with `buckets` above (same index, same age range); `total` and `overdue` add up its
      buckets (overdue = every bucket with overdue=True).
    - bucket_totals: each age bucket over all carriers (aligned with `buckets`).
    - total, overdue: the same over all carriers.
    """

    as_of: datetime
    overdue_days: int
    buckets: list[AgeBucket]
    carriers: list[CarrierOutstanding]
    bucket_totals: list[Outstanding]
    total: Outstanding
    overdue: Outstanding


def _age_buckets(overdue_days: int) -> list[AgeBucket]:
    n = overdue_days
    ranges = [(0, n), (n + 1, 2 * n + 1), (2 * n + 2, 4 * n + 2), (4 * n + 3, None)]
    return [
        AgeBucket(
            label=(
                _("%(low)s–%(high)s days") % {"low": low, "high": high}
                if high is not None
                else _("%(low)s+ days") % {"low": low}
            ),
            min_days=low,
            max_days=high,
            overdue=low > n,
        )
        for low, high in ranges
    ]


def _delivered_between(*, now: datetime, min_days: int, max_days: int | None) -> Q:
    """Parcels whose whole days since delivery fall in [min_days, max_days]."""
    condition = Q()
    if min_days > 0:
        condition &= Q(delivered_at__lte=now - timedelta(days=min_days))
    if max_days is not None:
        condition &= Q(delivered_at__gt=now - timedelta(days=max_days + 1))
    return condition


def cod_unremitted_shipments() -> QuerySet[Shipment]:
    """Delivered parcels with cash to collect that no remittance line has settled yet."""
    settled = CodRemittanceLine.objects.filter(shipment=OuterRef("pk"), outcome__in=CodRemittanceLine.SETTLING)
    return Shipment.objects.filter(status=Shipment.DELIVERED, group__cod_amount__gt=0, carrier__isnull=False).filter(
        ~Exists(settled)
    )


def cod_outstanding(*, now: datetime | None = None) -> CodOutstanding:
    """Unremitted COD cash per carrier and age since delivery, in one query (see CodOutstanding)."""
    now = now or timezone.now()
    overdue_days = settings.COD_REMITTANCE_OVERDUE_DAYS
    buckets = _age_buckets(overdue_days)
    aggregates = {}
    for index, bucket in enumerate(buckets):
        condition = _delivered_between(now=now, min_days=bucket.min_days, max_days=bucket.max_days)
        aggregates[f"count_{index}"] = Count("pk", filter=condition)
        aggregates[f"amount_{index}"] = Sum("group__cod_amount", filter=condition)
    rows = (
        cod_unremitted_shipments()
        .order_by()
        .values("carrier_id", "carrier__code", "carrier__name")
        .annotate(**aggregates)
        .order_by("carrier__name", "carrier_id")
    )
    carriers = []
    for row in rows:
        amounts = [
            Outstanding(count=row[f"count_{index}"], amount=row[f"amount_{index}"] or ZERO)
            for index in range(len(buckets))
        ]
        carriers.append(
            CarrierOutstanding(
                carrier_id=row["carrier_id"],
                code=row["carrier__code"],
                name=row["carrier__name"],
                buckets=amounts,
                total=_add(amounts),
                overdue=_add([amount for amount, bucket in zip(amounts, buckets, strict=True) if bucket.overdue]),
            )
        )
    return CodOutstanding(
        as_of=now,
        overdue_days=overdue_days,
        buckets=buckets,
        carriers=carriers,
        bucket_totals=[_add([carrier.buckets[index] for carrier in carriers]) for index in range(len(buckets))],
        total=_add([carrier.total for carrier in carriers]),
        overdue=_add([carrier.overdue for carrier in carriers]),
    )


def _add(parts: list[Outstanding]) -> Outstanding:
    return Outstanding(count=sum(part.count for part in parts), amount=sum((part.amount for part in parts), ZERO))


def cod_overdue_shipments(*, now: datetime | None = None) -> QuerySet[Shipment]:
    """Unremitted COD parcels delivered more than COD_REMITTANCE_OVERDUE_DAYS whole days ago, oldest first."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.COD_REMITTANCE_OVERDUE_DAYS + 1)
    return (
        cod_unremitted_shipments()
        .filter(delivered_at__lte=cutoff)
        .select_related("carrier", "group__order", "group__partner")
        .order_by("delivered_at", "pk")
    )


def parcel_age_days(*, delivered_at: datetime, now: datetime) -> int:
    """Whole days since a parcel was delivered, as the ageing buckets count them."""
    return (now - delivered_at).days


def cod_overdue_rows(*, shipments, now: datetime) -> list[tuple[Shipment, int]]:
    """Each overdue parcel of a page with its whole days since delivery."""
    return [(shipment, parcel_age_days(delivered_at=shipment.delivered_at, now=now)) for shipment in shipments]


def remittance_carriers() -> QuerySet[Carrier]:
    """Carriers that collect cash on delivery, the only ones that send remittance files; a carrier
    no longer in use still remits the cash it collected, so inactive ones are included."""
    adapters = [key for key, path in settings.FULFILMENT_CARRIER_ADAPTERS.items() if import_string(path).supports_cod]
    return Carrier.objects.filter(adapter__in=adapters)
