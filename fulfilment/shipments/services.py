"""Moving parcels along the pipeline, and what each move sets off: the order's status, money, stock.

Every move locks the order row, then the shipment row (always in that order, so two parcels of one
order never deadlock and the order status is derived from what is committed), checks the transition
table (pipeline.py), writes one ShipmentEvent and syncs the Oscar order's status.
"""

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from tqdm import tqdm

from fulfilment.carriers.base import CarrierError, TrackingEvent, carrier_adapter
from fulfilment.models import Shipment, ShipmentEvent
from fulfilment.payouts.services import ledger_credit_delivered, ledger_debit_rto
from fulfilment.remittance.services import cod_remittance_settle_on_delivery
from fulfilment.selectors import PincodeError, rate_for
from fulfilment.shipments.pipeline import (
    ACCEPTED,
    CANCELLED,
    CARRIER,
    DELIVERED,
    IN_TRANSIT,
    MANIFESTED,
    NDR,
    OPS,
    PACKED,
    PENDING,
    PICKED_UP,
    RTO_DELIVERED,
    RTO_INITIATED,
    SCAN_STATUSES,
    SYSTEM,
    ShipmentTransitionError,
    move_allowed,
    move_check,
    order_status_from_shipments,
)
from notifications.services import notify_shipment_moved
from search.services import catalogue_changed

Order = get_model("order", "Order")
ShipmentGroup = get_model("order", "ShipmentGroup")


def shipments_open(*, order) -> list[Shipment]:
    """One pending shipment per shipment group; re-running adds only the missing ones."""
    placed = order.date_placed or timezone.now()
    accept_by = placed + timedelta(hours=settings.FULFILMENT_ACCEPT_HOURS)
    existing = {shipment.group_id: shipment for shipment in Shipment.objects.filter(group__order=order)}
    shipments = []
    for group in ShipmentGroup.objects.filter(order=order).order_by("pk"):
        shipment = existing.get(group.pk)
        if shipment is None:
            shipment = Shipment.objects.create(group=group, accept_by=accept_by, last_event_at=placed)
            ShipmentEvent.objects.create(shipment=shipment, status=PENDING, occurred_at=placed, source=SYSTEM)
        shipments.append(shipment)
    return shipments


def order_status_sync(*, order) -> str:
    """Set the order's status from its parcels; pass the order row locked by the caller.

    A move the status pipeline (OSCAR_ORDER_STATUS_PIPELINE) has no arrow for, such as a parcel the
    carrier reports delivered before anyone saw it shipped, is still recorded as an OrderStatusChange:
    the parcels are the truth and the shopper must not see a stale status.
    """
    statuses = list(Shipment.objects.filter(group__order_id=order.pk).values_list("status", flat=True))
    status = order_status_from_shipments(statuses=statuses, current=order.status)
    if status == order.status:
        return status
    if status in order.available_statuses():
        order.set_status(status)
    else:
        old = order.status
        Order.objects.filter(pk=order.pk).update(status=status)
        order.status = status
        order.status_changes.create(old_status=old, new_status=status)
    return status


def _locked(*, shipment_pk: int) -> tuple[Shipment, object]:
    order_id = ShipmentGroup.objects.filter(shipment__pk=shipment_pk).values_list("order_id", flat=True).get()
    order = Order.objects.select_for_update().get(pk=order_id)
    locked = Shipment.objects.select_for_update(of=("self",)).select_related("group", "carrier").get(pk=shipment_pk)
    return locked, order


def _rto_charge(*, group) -> Decimal:
    """The rate card's forward price for the same zone and weight; the charge the shopper paid if the card lost it."""
    try:
        return rate_for(zone=group.zone, grams=group.chargeable_weight_grams)
    except PincodeError:
        return group.shipping_charge


def _apply(
    *,
    locked: Shipment,
    order,
    to: str,
    source: str,
    user=None,
    note: str = "",
    occurred_at=None,
    location: str = "",
    carrier=None,
    carrier_event_id: str = "",
    fields: dict | None = None,
) -> ShipmentEvent:
    """Make an allowed move on a locked shipment with everything it sets off."""
    move_check(current=locked.status, to=to, source=source)
    now = timezone.now()
    occurred_at = occurred_at or now
    event = ShipmentEvent.objects.create(
        shipment=locked,
        status=to,
        occurred_at=occurred_at,
        source=source,
        user=user if user is not None and user.is_authenticated else None,
        note=note[:300],
        location=location[:120],
        carrier=carrier,
        carrier_event_id=carrier_event_id,
    )
    previous = locked.status
    changes = _move_changes(locked=locked, to=to, note=note, occurred_at=occurred_at, now=now, fields=fields)
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save(update_fields=list(changes))
    _move_consequences(locked=locked, to=to)
    if to in (CANCELLED, RTO_DELIVERED) and to != previous:
        _credit_note_for_parcel(locked=locked, to=to)
    if to != previous:
        order_status_sync(order=order)
        notify_shipment_moved(shipment=locked, to=to)
    return event


def _move_changes(*, locked: Shipment, to: str, note: str, occurred_at, now, fields: dict | None) -> dict:
    """The shipment's fields a move to `to` sets."""
    changes = {"status": to, **(fields or {})}
    if locked.last_event_at is None or occurred_at > locked.last_event_at:
        changes["last_event_at"] = occurred_at
    if to == DELIVERED:
        changes["delivered_at"] = occurred_at
    if to == NDR:
        changes.update(ndr_attempts=locked.ndr_attempts + 1, ndr_reason=note[:200], ndr_raised_at=now)
    if to == RTO_INITIATED:
        changes.update(rto_charge=_rto_charge(group=locked.group), rto_charged_to=settings.FULFILMENT_RTO_CHARGED_TO)
    return changes


def _move_consequences(*, locked: Shipment, to: str) -> None:
    """What a saved move sets off elsewhere: the ledger, COD settlement, released stock."""
    if to == DELIVERED:
        ledger_credit_delivered(shipment=locked)
        cod_remittance_settle_on_delivery(shipment=locked)
    if to == RTO_INITIATED and locked.rto_charged_to == "artisan":
        ledger_debit_rto(shipment=locked, charge=locked.rto_charge)
    if to == CANCELLED:
        released = []
        for line in locked.group.lines.all():
            if line.num_allocated:
                line.cancel_allocation(line.num_allocated)
                released.append(line.product_id)
        catalogue_changed(product_ids=[pk for pk in released if pk])


def _credit_note_for_parcel(*, locked: Shipment, to: str) -> None:
    """The parcel's goods were never supplied, or came back: a credit note cancels its tax invoice."""
    from invoices.services import credit_note_for_return

    reason = "Cancelled" if to == CANCELLED else "Returned to origin"
    credit_note_for_return(shipment_group=locked.group, reference=f"shipment-{locked.pk}-{to}", reason=reason)


def _move(
    *,
    shipment: Shipment,
    to: str,
    source: str,
    user=None,
    note: str = "",
    occurred_at=None,
    fields: dict | None = None,
    expect: str | None = None,
    expect_message: str = "",
) -> ShipmentEvent:
    with transaction.atomic():
        locked, order = _locked(shipment_pk=shipment.pk)
        if expect is not None and locked.status != expect:
            raise ShipmentTransitionError(expect_message)
        event = _apply(
            locked=locked,
            order=order,
            to=to,
            source=source,
            user=user,
            note=note,
            occurred_at=occurred_at,
            fields=fields,
        )
    shipment.refresh_from_db()
    return event


def shipment_transition(
    *, shipment: Shipment, to: str, source: str, user=None, note: str = "", occurred_at=None
) -> ShipmentEvent:
    """Any allowed move but the hand-over, which needs a carrier and a tracking number (shipment_manifest)."""
    if to == MANIFESTED:
        raise ShipmentTransitionError(_("Hand a parcel over by choosing its carrier and tracking number."))
    if to == NDR and not note.strip():
        raise ShipmentTransitionError(_("Say why the delivery failed."))
    return _move(shipment=shipment, to=to, source=source, user=user, note=note.strip(), occurred_at=occurred_at)


def shipment_accept(*, shipment: Shipment, source: str, user=None, occurred_at=None) -> ShipmentEvent:
    return shipment_transition(shipment=shipment, to=ACCEPTED, source=source, user=user, occurred_at=occurred_at)


def shipment_mark_packed(*, shipment: Shipment, source: str, user=None, occurred_at=None) -> ShipmentEvent:
    return shipment_transition(shipment=shipment, to=PACKED, source=source, user=user, occurred_at=occurred_at)


def shipment_cancel(*, shipment: Shipment, source: str, user=None, note: str = "") -> ShipmentEvent:
    """Only before pickup; the parcel's stock allocation goes back on sale."""
    return shipment_transition(shipment=shipment, to=CANCELLED, source=source, user=user, note=note)


def shipment_mark_delivered(*, shipment: Shipment, source: str, occurred_at=None, user=None) -> ShipmentEvent:
    return shipment_transition(shipment=shipment, to=DELIVERED, source=source, user=user, occurred_at=occurred_at)


def shipment_ndr_record(*, shipment: Shipment, source: str, reason: str, user=None, occurred_at=None) -> ShipmentEvent:
    return shipment_transition(
        shipment=shipment, to=NDR, source=source, user=user, note=reason, occurred_at=occurred_at
    )


def shipment_ndr_reattempt(*, shipment: Shipment, user, phone: str = "", instructions: str = "") -> ShipmentEvent:
    """Back to the carrier's hub for another attempt, with the corrected phone or address if ops have one."""
    phone, instructions = phone.strip(), instructions.strip()
    fields = {}
    notes = [_("Reattempt requested")]
    if phone:
        fields["delivery_phone"] = phone[:20]
        notes.append(_("phone %(phone)s") % {"phone": phone[:20]})
    if instructions:
        fields["delivery_instructions"] = instructions[:300]
        notes.append(instructions)
    return _move(
        shipment=shipment,
        to=IN_TRANSIT,
        source=OPS,
        user=user,
        note="; ".join(notes),
        fields=fields,
        expect=NDR,
        expect_message=_("Only a parcel whose delivery failed can be sent out again."),
    )


def shipment_rto_initiate(*, shipment: Shipment, source: str, user=None, note: str = "") -> ShipmentEvent:
    """Return to origin; the rate card's charge is recorded and debited to the artisan if settings say so."""
    return shipment_transition(shipment=shipment, to=RTO_INITIATED, source=source, user=user, note=note)


def shipment_manifest(
    *, shipment: Shipment, carrier, user=None, source: str, typed_number: str = "", occurred_at=None
) -> ShipmentEvent:
    """Hand the parcel to a carrier: an AWB from the carrier's range, or the number the artisan typed.

    The adapter checks a typed number. A typed number is a counter receipt (India Post, a local
    courier): the parcel is already with the carrier, so the pickup is recorded too. Nothing is kept
    (not even an AWB number) if anything fails.
    """
    try:
        with transaction.atomic():
            locked, order = _locked(shipment_pk=shipment.pk)
            move_check(current=locked.status, to=MANIFESTED, source=source)
            if not carrier.is_active:
                raise ShipmentTransitionError(_("%(carrier)s is not taking parcels now.") % {"carrier": carrier.name})
            adapter = carrier_adapter(carrier=carrier)
            if locked.group.cod_amount > 0 and not adapter.supports_cod:
                raise ShipmentTransitionError(
                    _("%(carrier)s cannot collect cash on delivery; choose a carrier that can.")
                    % {"carrier": carrier.name}
                )
            if not adapter.uses_awb_ranges and not typed_number.strip():
                raise ShipmentTransitionError(_("Type the tracking number from the receipt."))
            awb = adapter.allocate_awb(shipment=locked, typed_number=typed_number)
            event = _apply(
                locked=locked,
                order=order,
                to=MANIFESTED,
                source=source,
                user=user,
                occurred_at=occurred_at,
                fields={"carrier": carrier, "awb": awb},
            )
            if not adapter.uses_awb_ranges:
                _apply(
                    locked=locked,
                    order=order,
                    to=PICKED_UP,
                    source=SYSTEM,
                    user=user,
                    occurred_at=occurred_at,
                    note=_("Handed over at the counter"),
                )
    except CarrierError as exc:
        raise ShipmentTransitionError(str(exc)) from exc
    except IntegrityError as exc:
        # The same typed number saved by someone else a moment ago: the database keeps one.
        raise ShipmentTransitionError(_("This tracking number is already used by another parcel.")) from exc
    shipment.refresh_from_db()
    return event


def shipment_move(
    *,
    shipment: Shipment,
    to: str,
    source: str,
    user=None,
    note: str = "",
    carrier=None,
    tracking_number: str = "",
    reason: str = "",
    phone: str = "",
    instructions: str = "",
) -> ShipmentEvent:
    """A move asked for on a parcel page, made by the service that knows its side effects."""
    if to == MANIFESTED:
        return shipment_manifest(
            shipment=shipment, carrier=carrier, user=user, source=source, typed_number=tracking_number
        )
    if to == ACCEPTED:
        return shipment_accept(shipment=shipment, source=source, user=user)
    if to == PACKED:
        return shipment_mark_packed(shipment=shipment, source=source, user=user)
    if to == CANCELLED:
        return shipment_cancel(shipment=shipment, source=source, user=user, note=note)
    if to == DELIVERED:
        return shipment_mark_delivered(shipment=shipment, source=source, user=user)
    if to == NDR:
        return shipment_ndr_record(shipment=shipment, source=source, reason=reason, user=user)
    if to == RTO_INITIATED:
        return shipment_rto_initiate(shipment=shipment, source=source, user=user, note=note)
    if to == IN_TRANSIT and shipment.status == NDR and source == OPS:
        return shipment_ndr_reattempt(shipment=shipment, user=user, phone=phone, instructions=instructions)
    return shipment_transition(shipment=shipment, to=to, source=source, user=user, note=note)


EVENT_OUTCOMES = ("applied", "duplicate", "stale", "refused", "unknown_awb")


def shipment_events_apply(*, carrier, events: list[TrackingEvent]) -> dict:
    """Apply a carrier's tracking events in the order they happened, each once.

    Counts: applied (moved the parcel or a scan at another hub), duplicate (event id seen before),
    stale (older than the parcel's latest applied event: kept in the history, no move), refused (a
    move the pipeline forbids, e.g. out of delivered: kept, no move; or no event id / unknown status:
    not kept), unknown_awb. Each event is its own transaction, so one bad event spoils nothing else.
    """
    counts = dict.fromkeys(EVENT_OUTCOMES, 0)
    ordered = sorted(events, key=lambda event: event.occurred_at)
    shipment_ids = dict(
        Shipment.objects.filter(carrier=carrier, awb__in={event.awb for event in ordered}).values_list("awb", "pk")
    )
    seen = set(
        ShipmentEvent.objects.filter(
            carrier=carrier, carrier_event_id__in={event.event_id for event in ordered if event.event_id}
        ).values_list("carrier_event_id", flat=True)
    )
    for event in ordered:
        if not event.event_id or event.status not in Shipment.STATUSES:
            counts["refused"] += 1
        elif event.event_id in seen:
            counts["duplicate"] += 1
        elif event.awb not in shipment_ids:
            counts["unknown_awb"] += 1
        else:
            counts[_carrier_event_apply(carrier=carrier, shipment_pk=shipment_ids[event.awb], event=event)] += 1
            seen.add(event.event_id)
    return counts


def _already_recorded(*, carrier, event: TrackingEvent) -> bool:
    return ShipmentEvent.objects.filter(carrier=carrier, carrier_event_id=event.event_id).exists()


def _carrier_event_apply(*, carrier, shipment_pk: int, event: TrackingEvent) -> str:
    try:
        with transaction.atomic():
            locked, order = _locked(shipment_pk=shipment_pk)
            # A concurrent delivery of the same event waited for our lock and committed first.
            if _already_recorded(carrier=carrier, event=event):
                return "duplicate"
            note = (event.ndr_reason or event.note) if event.status == NDR else event.note
            record = {
                "shipment": locked,
                "status": event.status,
                "occurred_at": event.occurred_at,
                "source": CARRIER,
                "note": note[:300],
                "location": event.location[:120],
                "carrier": carrier,
                "carrier_event_id": event.event_id,
            }
            if locked.last_event_at is not None and event.occurred_at < locked.last_event_at:
                ShipmentEvent.objects.create(**record, applied=False)
                return "stale"
            if event.status == locked.status and event.status in SCAN_STATUSES:
                ShipmentEvent.objects.create(**record)
                Shipment.objects.filter(pk=locked.pk).update(last_event_at=event.occurred_at)
                return "applied"
            if not move_allowed(current=locked.status, to=event.status, source=CARRIER):
                ShipmentEvent.objects.create(**record, applied=False)
                return "refused"
            _apply(
                locked=locked,
                order=order,
                to=event.status,
                source=CARRIER,
                note=note,
                occurred_at=event.occurred_at,
                location=event.location,
                carrier=carrier,
                carrier_event_id=event.event_id,
            )
            return "applied"
    except IntegrityError:
        # Same event id racing in for another parcel: the unique constraint kept the first.
        if _already_recorded(carrier=carrier, event=event):
            return "duplicate"
        raise


def shipments_ndr_expire(*, now=None, progress: bool = False, log: Callable[[str], None] | None = None) -> int:
    """Apply FULFILMENT_NDR_DEFAULT_ACTION to failed deliveries nobody acted on in time.

    Each parcel is re-checked under its lock, so an ops action racing this run wins and a re-run does
    nothing twice. `log` receives one line per parcel acted on.
    """
    now = now or timezone.now()
    hours = settings.FULFILMENT_NDR_ACTION_HOURS
    cutoff = now - timedelta(hours=hours)
    action = settings.FULFILMENT_NDR_DEFAULT_ACTION
    to = RTO_INITIATED if action == "rto" else IN_TRANSIT
    if to == RTO_INITIATED:
        note = _("No action within %(hours)s hours: returned to the artisan") % {"hours": hours}
    else:
        note = _("No action within %(hours)s hours: sent out again") % {"hours": hours}
    overdue = list(
        Shipment.objects.filter(status=NDR, ndr_raised_at__lte=cutoff)
        .order_by("ndr_raised_at", "pk")
        .values_list("pk", flat=True)
    )
    done = 0
    for pk in tqdm(overdue, desc="NDR", unit="parcel", disable=not progress):
        with transaction.atomic():
            locked, order = _locked(shipment_pk=pk)
            if locked.status != NDR or locked.ndr_raised_at > cutoff:
                continue
            _apply(locked=locked, order=order, to=to, source=SYSTEM, note=note)
        done += 1
        if log is not None:
            log(f"{locked.carrier.code} {locked.awb} (order {order.number}): {note}")
    return done
