"""The two carriers we ship with: artisans' own India Post / courier bookings, and a courier aggregator.

The aggregator's tracking webhook (JSON, HMAC-SHA256 signed) and remittance file are documented in the
README ("Carriers"); a real carrier with another format is a new adapter class, nothing else.
"""

import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from fulfilment.carriers.base import (
    CarrierAdapter,
    CarrierError,
    LabelData,
    RemittanceRow,
    TrackingEvent,
    awb_canonical,
)
from fulfilment.carriers.remittance_csv import remittance_csv_parse
from fulfilment.carriers.services import awb_allocate, awb_normalise
from fulfilment.models import Shipment
from fulfilment.selectors import rate_for

SIGNATURE_HEADER = "X-Carrier-Signature"
SIGNATURE_PREFIX = "sha256="
# The signature covers "<timestamp>.<body>"; a call signed longer ago (or ahead) than this is refused, so a
# captured call cannot be replayed later (and within the window, event ids make a replay change nothing).
TIMESTAMP_HEADER = "X-Carrier-Timestamp"
SIGNATURE_TOLERANCE_SECONDS = 300

# The aggregator's status codes in our words (Shipment statuses).
AGGREGATOR_STATUSES = {
    "PICKED_UP": Shipment.PICKED_UP,
    "IN_TRANSIT": Shipment.IN_TRANSIT,
    "OUT_FOR_DELIVERY": Shipment.OUT_FOR_DELIVERY,
    "DELIVERED": Shipment.DELIVERED,
    "UNDELIVERED": Shipment.NDR,
    "RTO_INITIATED": Shipment.RTO_INITIATED,
    "RTO_DELIVERED": Shipment.RTO_DELIVERED,
}
# Free-text fields are cut to the columns that store them rather than refusing a whole batch.
LOCATION_MAX, NOTE_MAX, NDR_REASON_MAX = 120, 300, 200
# An event stamped later than this ahead of our clock would freeze the parcel: every real event after it looks stale.
CLOCK_SKEW_MAX = timedelta(days=1)


def _address_lines(address) -> list[str]:
    town = ", ".join(part for part in (address.line4, address.state) if part)
    last = " ".join(part for part in (town, address.postcode) if part)
    return [line for line in (address.line1, address.line2, address.line3, last) if line]


class RateCardAdapter(CarrierAdapter):
    """Quotes from our own rate card and labels from the order: what every carrier we ship with does."""

    def quote(self, *, shipment) -> Decimal:
        group = shipment.group
        return rate_for(zone=group.zone, grams=group.chargeable_weight_grams)

    def label_data(self, *, shipment) -> LabelData:
        """Reads only what `fulfilment.carriers.selectors.shipments_for_labels` prefetches."""
        group = shipment.group
        order = group.order
        partner = group.partner
        pickup = next(iter(partner.addresses.all()), None)
        from_lines = [partner.name, *(_address_lines(pickup) if pickup else [group.pickup_pincode])]
        profile = getattr(partner, "artisan_profile", None)
        if profile is not None and profile.phone:
            from_lines.append(_("Phone: %(phone)s") % {"phone": profile.phone})
        address = order.shipping_address
        to_lines = [address.name, *_address_lines(address)] if address else []
        if shipment.delivery_instructions:
            to_lines.append(shipment.delivery_instructions)
        phone = shipment.delivery_phone or (str(address.phone_number) if address and address.phone_number else "")
        return LabelData(
            carrier_name=shipment.carrier.name if shipment.carrier else self.carrier.name,
            awb=shipment.awb,
            order_number=order.number,
            shipment_id=shipment.pk,
            from_lines=from_lines,
            to_lines=to_lines,
            to_phone=phone,
            weight_grams=group.chargeable_weight_grams,
            cod_amount=group.cod_amount if group.cod_amount > 0 else None,
            contents=[f"{line.title} × {line.quantity}" for line in group.lines.all()],
        )


class SelfShip(RateCardAdapter):
    """The artisan books India Post or a local courier and types the tracking number they were given."""

    uses_awb_ranges = False
    supports_cod = False

    def allocate_awb(self, *, shipment, typed_number: str = "") -> str:
        number = awb_normalise(raw=typed_number)
        if Shipment.objects.filter(carrier=self.carrier, awb=number).exclude(pk=shipment.pk).exists():
            raise CarrierError(
                _("Tracking number %(number)s is already on another parcel; check the receipt and type it again.")
                % {"number": number}
            )
        return number

    def parse_tracking_webhook(self, *, body: bytes, headers) -> list[TrackingEvent]:
        raise CarrierError(_("Self-shipped parcels are tracked by hand; this carrier has no webhook."))

    def parse_remittance(self, *, data: bytes) -> list[RemittanceRow]:
        raise CarrierError(_("Self-shipped parcels are prepaid; this carrier sends no remittance files."))


class Aggregator(RateCardAdapter):
    """A courier aggregator: AWB numbers from pre-allocated ranges, signed tracking webhook, COD remittance."""

    uses_awb_ranges = True
    supports_cod = True

    def allocate_awb(self, *, shipment, typed_number: str = "") -> str:
        return awb_allocate(carrier=self.carrier, shipment=shipment)

    def signature_check(self, *, body: bytes, headers, now: datetime | None = None) -> None:
        """HMAC-SHA256 of "<timestamp>.<raw body>" with the carrier's secret, the timestamp (Unix seconds,
        X-Carrier-Timestamp) within 5 minutes of our clock; no secret means nobody can be trusted."""
        secret = settings.CARRIER_WEBHOOK_SECRETS.get(self.carrier.code, "").strip()
        if not secret:
            raise CarrierError(
                f"no webhook secret is configured for carrier {self.carrier.code}; every call is refused"
            )
        given = headers.get(SIGNATURE_HEADER, "").strip()
        if not given:
            raise CarrierError(f"missing {SIGNATURE_HEADER} header")
        if not given.startswith(SIGNATURE_PREFIX):
            raise CarrierError(f"{SIGNATURE_HEADER} must look like {SIGNATURE_PREFIX}<hex digest>")
        stamp = headers.get(TIMESTAMP_HEADER, "").strip()
        if not stamp:
            raise CarrierError(f"missing {TIMESTAMP_HEADER} header (Unix seconds, signed with the body)")
        if not (stamp.isascii() and stamp.isdigit() and len(stamp) <= 12):
            raise CarrierError(f"{TIMESTAMP_HEADER} must be Unix seconds, like 1767225600")
        skew = abs((now or timezone.now()).timestamp() - int(stamp))
        if skew > SIGNATURE_TOLERANCE_SECONDS:
            raise CarrierError(
                f"{TIMESTAMP_HEADER} is {int(skew)} s away from our clock (at most {SIGNATURE_TOLERANCE_SECONDS} s); "
                "sign each call when it is sent"
            )
        expected = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        # Bytes, because compare_digest refuses non-ASCII text and a forged header may carry any byte.
        digest = given[len(SIGNATURE_PREFIX) :].lower().encode("utf-8", "replace")
        if not hmac.compare_digest(expected.encode(), digest):
            raise CarrierError("signature does not match the body")

    def parse_tracking_webhook(self, *, body: bytes, headers) -> list[TrackingEvent]:
        self.signature_check(body=body, headers=headers)
        try:
            payload = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise CarrierError(f"body is not UTF-8 JSON: {exc}") from None
        if not isinstance(payload, dict) or not isinstance(payload.get("events"), list):
            raise CarrierError('body must be a JSON object with an "events" list')
        return [_event(raw=raw, index=index) for index, raw in enumerate(payload["events"])]

    def parse_remittance(self, *, data: bytes) -> list[RemittanceRow]:
        return remittance_csv_parse(data=data)


def _text(*, raw: dict, key: str, where: str, required: bool, max_length: int) -> str:
    value = raw.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise CarrierError(f"{where}: {key} must be a string")
    if "\x00" in value:
        raise CarrierError(f"{where}: {key} contains a NUL character")
    value = value.strip()
    if required and not value:
        raise CarrierError(f"{where}: {key} is empty")
    if required and len(value) > max_length:
        raise CarrierError(f"{where}: {key} is longer than {max_length} characters")
    return value[:max_length]


def _event(*, raw, index: int) -> TrackingEvent:
    where = f"events[{index}]"
    if not isinstance(raw, dict):
        raise CarrierError(f"{where}: must be a JSON object")
    code = _text(raw=raw, key="status", where=where, required=True, max_length=40)
    if code not in AGGREGATOR_STATUSES:
        raise CarrierError(f"{where}: unknown status {code!r} (expected one of {', '.join(AGGREGATOR_STATUSES)})")
    stamp = _text(raw=raw, key="occurred_at", where=where, required=True, max_length=40)
    try:
        occurred_at = datetime.fromisoformat(stamp)
    except ValueError:
        raise CarrierError(f"{where}: occurred_at {stamp!r} is not an ISO 8601 date and time") from None
    if occurred_at.tzinfo is None or occurred_at.utcoffset() is None:
        raise CarrierError(f"{where}: occurred_at {stamp!r} has no UTC offset (e.g. +05:30)")
    try:
        occurred_at = occurred_at.astimezone(UTC)
    except OverflowError:
        raise CarrierError(f"{where}: occurred_at {stamp!r} is out of range") from None
    if occurred_at > timezone.now() + CLOCK_SKEW_MAX:
        raise CarrierError(f"{where}: occurred_at {stamp!r} is in the future; check the sender's clock")
    return TrackingEvent(
        event_id=_text(raw=raw, key="event_id", where=where, required=True, max_length=80),
        awb=awb_canonical(_text(raw=raw, key="awb", where=where, required=True, max_length=40)),
        status=AGGREGATOR_STATUSES[code],
        occurred_at=occurred_at,
        location=_text(raw=raw, key="location", where=where, required=False, max_length=LOCATION_MAX),
        note=_text(raw=raw, key="remarks", where=where, required=False, max_length=NOTE_MAX),
        ndr_reason=_text(raw=raw, key="ndr_reason", where=where, required=False, max_length=NDR_REASON_MAX),
    )
