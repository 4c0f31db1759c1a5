"""The parcel's status pipeline as data: which move each source may make, and the order status it implies.

Pure rules (no database), so the table is read and tested in one place; services enforce it.
"""

from django.utils.translation import gettext as _

from fulfilment.models import Shipment, ShipmentEvent

PENDING, ACCEPTED, PACKED, MANIFESTED = Shipment.PENDING, Shipment.ACCEPTED, Shipment.PACKED, Shipment.MANIFESTED
PICKED_UP, IN_TRANSIT, OUT_FOR_DELIVERY = Shipment.PICKED_UP, Shipment.IN_TRANSIT, Shipment.OUT_FOR_DELIVERY
DELIVERED, NDR, RTO_INITIATED = Shipment.DELIVERED, Shipment.NDR, Shipment.RTO_INITIATED
RTO_DELIVERED, CANCELLED = Shipment.RTO_DELIVERED, Shipment.CANCELLED

OPS, ARTISAN = ShipmentEvent.SOURCE_OPS, ShipmentEvent.SOURCE_ARTISAN
CARRIER, SYSTEM = ShipmentEvent.SOURCE_CARRIER, ShipmentEvent.SOURCE_SYSTEM
SOURCES = frozenset({OPS, ARTISAN, CARRIER, SYSTEM})

MAIN_PATH = [PENDING, ACCEPTED, PACKED, MANIFESTED, PICKED_UP, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED]
# From here on the carrier has the parcel's number, so carrier reports (and ops reading them) may skip steps.
SKIP_FROM = MAIN_PATH.index(MANIFESTED)
SKIP_SOURCES = frozenset({CARRIER, OPS})

_HANDS = frozenset({OPS, ARTISAN})
_CARRIER_OR_OPS = frozenset({CARRIER, OPS})

# (from, to) → who may make the move. Skipping forward along MAIN_PATH is added by `move_allowed`.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (PENDING, ACCEPTED): _HANDS,
    (ACCEPTED, PACKED): _HANDS,
    (PACKED, MANIFESTED): _HANDS,
    # SYSTEM: a typed counter receipt (self-ship) means the parcel is already with the carrier.
    (MANIFESTED, PICKED_UP): frozenset({CARRIER, OPS, SYSTEM}),
    (PICKED_UP, IN_TRANSIT): _CARRIER_OR_OPS,
    (IN_TRANSIT, OUT_FOR_DELIVERY): _CARRIER_OR_OPS,
    (OUT_FOR_DELIVERY, DELIVERED): _CARRIER_OR_OPS,
    (IN_TRANSIT, NDR): _CARRIER_OR_OPS,
    (OUT_FOR_DELIVERY, NDR): _CARRIER_OR_OPS,
    # Another failed attempt reported while the first is still open.
    (NDR, NDR): _CARRIER_OR_OPS,
    # Reattempt: ops (or the automatic default) send it back to the hub; the carrier may go straight out again.
    (NDR, IN_TRANSIT): frozenset({CARRIER, OPS, SYSTEM}),
    (NDR, OUT_FOR_DELIVERY): _CARRIER_OR_OPS,
    (NDR, DELIVERED): _CARRIER_OR_OPS,
    (NDR, RTO_INITIATED): frozenset({CARRIER, OPS, SYSTEM}),
    # A shopper who refuses the parcel at the door: carriers return it without a failed-attempt report.
    (IN_TRANSIT, RTO_INITIATED): _CARRIER_OR_OPS,
    (OUT_FOR_DELIVERY, RTO_INITIATED): _CARRIER_OR_OPS,
    (RTO_INITIATED, RTO_DELIVERED): _CARRIER_OR_OPS,
    (PENDING, CANCELLED): frozenset({OPS}),
    (ACCEPTED, CANCELLED): frozenset({OPS}),
    (PACKED, CANCELLED): frozenset({OPS}),
    (MANIFESTED, CANCELLED): frozenset({OPS}),
}
# Statuses in which a carrier's repeated report (a scan at another hub) is news, not a move.
SCAN_STATUSES = frozenset({PICKED_UP, IN_TRANSIT, OUT_FOR_DELIVERY, RTO_INITIATED})
FINAL = frozenset({DELIVERED, RTO_DELIVERED, CANCELLED})


class ShipmentTransitionError(ValueError):
    """A move the pipeline refuses; the message is for the person who asked."""


def status_label(status: str) -> str:
    return str(dict(Shipment.STATUS_CHOICES).get(status, status))


def move_allowed(*, current: str, to: str, source: str) -> bool:
    if source in TRANSITIONS.get((current, to), ()):
        return True
    if source in SKIP_SOURCES and current in MAIN_PATH and to in MAIN_PATH:
        return SKIP_FROM <= MAIN_PATH.index(current) < MAIN_PATH.index(to)
    return False


def move_check(*, current: str, to: str, source: str) -> None:
    """Raise ShipmentTransitionError saying why, in the shop's words."""
    if source not in SOURCES:
        raise ShipmentTransitionError(_("Unknown source of a parcel update: %(source)s.") % {"source": source})
    if to not in Shipment.STATUSES:
        raise ShipmentTransitionError(_("Unknown parcel status: %(status)s.") % {"status": to})
    if move_allowed(current=current, to=to, source=source):
        return
    labels = {"current": status_label(current), "to": status_label(to)}
    if current in FINAL:
        raise ShipmentTransitionError(_("This parcel is already “%(current)s”; it cannot change any more.") % labels)
    if any(move_allowed(current=current, to=to, source=other) for other in SOURCES):
        raise ShipmentTransitionError(
            _("You cannot move this parcel from “%(current)s” to “%(to)s”; that step is not yours to record.") % labels
        )
    raise ShipmentTransitionError(_("A parcel that is “%(current)s” cannot become “%(to)s”.") % labels)


def moves_from(*, current: str, source: str) -> list[str]:
    """The statuses `source` may move a parcel to now, in pipeline order (the buttons on a page)."""
    return [status for status in Shipment.STATUSES if move_allowed(current=current, to=status, source=source)]


# Order statuses (OSCAR_ORDER_STATUS_PIPELINE) as the shopper reads them.
ORDER_PENDING = "Pending"
ORDER_PROCESSING = "Being processed"
ORDER_PARTIALLY_SHIPPED = "Partially shipped"
ORDER_SHIPPED = "Shipped"
ORDER_DELIVERED = "Delivered"
ORDER_RETURNED = "Returned"
ORDER_CANCELLED = "Cancelled"

BEFORE_DISPATCH = frozenset({PENDING, ACCEPTED, PACKED, MANIFESTED})
RETURNING = frozenset({RTO_INITIATED, RTO_DELIVERED})


def order_status_from_shipments(*, statuses: list[str], current: str) -> str:
    """What the shopper's order says, given its parcels; cancelled parcels only count when all are.

    Some delivered and the rest returned reads "Delivered": the shopper received something.
    """
    if not statuses:
        return current
    live = [status for status in statuses if status != CANCELLED]
    if not live:
        return ORDER_CANCELLED
    if all(status == DELIVERED for status in live):
        return ORDER_DELIVERED
    if all(status in RETURNING for status in live):
        return ORDER_RETURNED
    if all(status == DELIVERED or status in RETURNING for status in live):
        return ORDER_DELIVERED
    dispatched = [status for status in live if status not in BEFORE_DISPATCH]
    if not dispatched:
        return ORDER_PENDING if all(status == PENDING for status in live) else ORDER_PROCESSING
    if len(dispatched) < len(live):
        return ORDER_PARTIALLY_SHIPPED
    return ORDER_SHIPPED
