"""Reads for the ops desk, the artisan's studio and the shopper's order page."""

from datetime import timedelta

from django.conf import settings
from django.db.models import BooleanField, Count, DateTimeField, ExpressionWrapper, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from fulfilment.models import Shipment, ShipmentEvent
from fulfilment.shipments.pipeline import (
    ACCEPTED,
    CANCELLED,
    DELIVERED,
    IN_TRANSIT,
    MANIFESTED,
    NDR,
    OUT_FOR_DELIVERY,
    PACKED,
    PENDING,
    PICKED_UP,
    RTO_DELIVERED,
    RTO_INITIATED,
)
from shop.access import studio_owned

Line = get_model("order", "Line")

# The artisan's studio, one task per tab.
STUDIO_TABS = [
    ("accept", _("To accept"), [PENDING]),
    ("pack", _("To pack"), [ACCEPTED]),
    ("hand_over", _("To hand over"), [PACKED]),
    ("transit", _("On the way"), [MANIFESTED, PICKED_UP, IN_TRANSIT, OUT_FOR_DELIVERY, NDR, RTO_INITIATED]),
    ("done", _("Done"), [DELIVERED, RTO_DELIVERED, CANCELLED]),
]
STUDIO_TAB_STATUSES = {code: statuses for code, _label, statuses in STUDIO_TABS}


def _late(now) -> ExpressionWrapper:
    """Pending past the acceptance deadline: the artisan has not said yes in FULFILMENT_ACCEPT_HOURS."""
    return ExpressionWrapper(Q(status=PENDING, accept_by__lt=now), output_field=BooleanField())


def ops_shipment_list(
    *, status: str = "", carrier_code: str = "", artisan: str = "", late_only: bool = False, query: str = "", now=None
) -> QuerySet[Shipment]:
    """Filtered like the ops list form; `is_late` is annotated for the flag."""
    now = now or timezone.now()
    shipments = (
        Shipment.objects.select_related("group__order", "group__partner", "carrier")
        .annotate(is_late=_late(now))
        .order_by("-created_at", "-pk")
    )
    if status:
        shipments = shipments.filter(status=status)
    if carrier_code:
        shipments = shipments.filter(carrier__code=carrier_code)
    if artisan:
        shipments = shipments.filter(group__partner__name__icontains=artisan)
    if late_only:
        shipments = shipments.filter(status=PENDING, accept_by__lt=now)
    if query:
        shipments = shipments.filter(Q(awb__icontains=query) | Q(group__order__number=query))
    return shipments


def _events() -> Prefetch:
    events = ShipmentEvent.objects.select_related("user", "carrier").order_by("occurred_at", "pk")
    return Prefetch("events", queryset=events)


def _lines() -> Prefetch:
    return Prefetch("group__lines", queryset=Line.objects.order_by("pk"))


def ops_shipment_get(*, pk: int, now=None) -> Shipment:
    return get_object_or_404(
        Shipment.objects.select_related("group__order__shipping_address", "group__partner", "carrier")
        .prefetch_related(_events(), _lines(), "group__partner__addresses")
        .annotate(is_late=_late(now or timezone.now())),
        pk=pk,
    )


def ndr_queue(*, now=None) -> QuerySet[Shipment]:
    """Open failed deliveries, oldest first, with the time ops must act by (`ndr_deadline`)."""
    window = timedelta(hours=settings.FULFILMENT_NDR_ACTION_HOURS)
    return (
        Shipment.objects.filter(status=NDR)
        .select_related("group__order__shipping_address", "group__partner", "carrier")
        .annotate(ndr_deadline=ExpressionWrapper(F("ndr_raised_at") + window, output_field=DateTimeField()))
        .order_by("ndr_raised_at", "pk")
    )


def _studio_base(*, profile) -> QuerySet[Shipment]:
    return studio_owned(Shipment.objects.all(), profile=profile, partner_field="group__partner_id")


def studio_tab_counts(*, profile) -> dict[str, int]:
    by_status = dict(_studio_base(profile=profile).values_list("status").annotate(n=Count("pk")).order_by())
    return {code: sum(by_status.get(status, 0) for status in statuses) for code, _label, statuses in STUDIO_TABS}


def studio_shipments(*, profile, tab: str, now=None) -> QuerySet[Shipment]:
    """Only the artisan's own parcels; work to do comes deadline first, the rest newest first."""
    statuses = STUDIO_TAB_STATUSES.get(tab, STUDIO_TAB_STATUSES["accept"])
    shipments = (
        _studio_base(profile=profile)
        .filter(status__in=statuses)
        .select_related("group__order__shipping_address", "carrier")
        .prefetch_related(_lines())
        .annotate(is_late=_late(now or timezone.now()))
    )
    if tab in {"transit", "done"}:
        return shipments.order_by("-created_at", "-pk")
    return shipments.order_by("accept_by", "pk")


def studio_shipment_get(*, profile, pk: int, now=None) -> Shipment:
    """Another artisan's parcel is a 404, never a 403: its existence is not theirs to know."""
    shipment = (
        _studio_base(profile=profile)
        .select_related("group__order__shipping_address", "carrier")
        .prefetch_related(_events(), _lines())
        .annotate(is_late=_late(now or timezone.now()))
        .filter(pk=pk)
        .first()
    )
    if shipment is None:
        raise Http404
    return shipment


def shopper_history(*, shipment: Shipment) -> list[ShipmentEvent]:
    """What the shopper reads: applied events and late-arriving older scans, in time order.

    A refused carrier report newer than the parcel's last move (say, "in transit" after delivery)
    stays in the ops history only.
    """
    last = shipment.last_event_at
    return [
        event for event in shipment.events.all() if event.applied or (last is not None and event.occurred_at <= last)
    ]


# Parcels that no longer travel to the shopper: no promise to keep.
_PROMISE_ENDED = frozenset({CANCELLED, RTO_INITIATED, RTO_DELIVERED})


def shipment_is_late(*, shipment: Shipment, today=None) -> bool:
    """Past the "arrives by" date shown at checkout: delivered after it, or not delivered by it."""
    promised = shipment.group.promised_by
    if promised is None or shipment.status in _PROMISE_ENDED:
        return False
    if shipment.status == DELIVERED and shipment.delivered_at is not None:
        return timezone.localtime(shipment.delivered_at).date() > promised
    return (today or timezone.localdate()) > promised


def order_parcels(*, order) -> list[Shipment]:
    """Each artisan's parcel of an order with its tracking history (`history`) and whether it is late
    against its promise (`is_late`), in a fixed number of queries."""
    shipments = list(
        Shipment.objects.filter(group__order_id=order.pk)
        .select_related("group__partner", "carrier")
        .prefetch_related(_events(), _lines())
        .order_by("group_id")
    )
    today = timezone.localdate()
    for shipment in shipments:
        shipment.history = shopper_history(shipment=shipment)
        shipment.is_late = shipment_is_late(shipment=shipment, today=today)
    return shipments
