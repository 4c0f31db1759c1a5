"""The one interface every carrier adapter implements, like Oscar's payment facades.

Services talk to carriers only through these methods and dataclasses, so a real carrier API is a new
adapter class (named in FULFILMENT_CARRIER_ADAPTERS) plus a Carrier row, nothing else.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils.module_loading import import_string


def awb_canonical(raw: str) -> str:
    """The one written form of a tracking number, wherever it comes from (typed, pasted, a carrier's
    file or webhook): no spaces, capitals. Validation is the caller's."""
    return "".join((raw or "").split()).upper()


class CarrierError(ValueError):
    """A carrier refused or could not do what was asked; the message is safe to show."""


class RemittanceFileError(ValueError):
    """A malformed remittance file: nothing of it is written."""

    def __init__(self, *, line: int, reason: str):
        self.line = line
        self.reason = reason
        super().__init__(f"line {line}: {reason}")


@dataclass(frozen=True)
class TrackingEvent:
    """A carrier's status report in our words (a Shipment status), keyed by the carrier's event id."""

    event_id: str
    awb: str
    status: str
    occurred_at: datetime
    location: str = ""
    note: str = ""
    ndr_reason: str = ""


@dataclass(frozen=True)
class RemittanceRow:
    line_number: int
    awb: str
    amount: Decimal
    utr: str
    remitted_on: date


@dataclass(frozen=True)
class LabelData:
    """Everything printed on a 4×6 inch label."""

    carrier_name: str
    awb: str
    order_number: str
    shipment_id: int
    from_lines: list[str]
    to_lines: list[str]
    to_phone: str
    weight_grams: int
    cod_amount: Decimal | None
    contents: list[str] = field(default_factory=list)


class CarrierAdapter:
    """Base adapter; subclasses say how they number, label, track and remit."""

    uses_awb_ranges: bool = False
    supports_cod: bool = False

    def __init__(self, carrier):
        self.carrier = carrier

    def quote(self, *, shipment) -> Decimal:
        raise NotImplementedError

    def allocate_awb(self, *, shipment, typed_number: str = "") -> str:
        raise NotImplementedError

    def label_data(self, *, shipment) -> LabelData:
        raise NotImplementedError

    def parse_tracking_webhook(self, *, body: bytes, headers) -> list[TrackingEvent]:
        """Verify the request and turn it into events; raise CarrierError (→ 400) if it is not genuine."""
        raise NotImplementedError

    def parse_remittance(self, *, data: bytes) -> list[RemittanceRow]:
        """Raise RemittanceFileError for the first malformed line."""
        raise NotImplementedError


def carrier_adapter(*, carrier) -> CarrierAdapter:
    try:
        path = settings.FULFILMENT_CARRIER_ADAPTERS[carrier.adapter]
    except KeyError:
        raise CarrierError(f"Carrier {carrier.code} names an unknown adapter {carrier.adapter!r}.") from None
    return import_string(path)(carrier)
