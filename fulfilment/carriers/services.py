"""AWB numbers: ranges ops import per carrier, and handing each number to exactly one parcel, forever."""

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from fulfilment.carriers.base import CarrierError, awb_canonical, carrier_adapter
from fulfilment.models import AwbNumber, Shipment

AWB_RE = re.compile(r"^[A-Z0-9-]{6,40}$")
AWB_IMPORT_MAX = 100_000
# A first line naming the column, as spreadsheets export it, is not a number.
AWB_HEADER_NAMES = {"awb", "awb number", "awb_number", "number", "tracking number"}
BATCH = 2_000


class AwbImportError(CarrierError):
    """An import that cannot be loaded as it is; nothing of it was written."""

    def __init__(self, *, line: int, reason: str):
        self.line = line
        self.reason = reason
        super().__init__(_("Line %(line)s: %(reason)s") % {"line": line, "reason": reason} if line else reason)


def awb_normalise(*, raw: str) -> str:
    """Numbers are typed from receipts and pasted from spreadsheets: spaces and case do not matter."""
    number = awb_canonical(raw)
    if not AWB_RE.match(number):
        raise CarrierError(
            _("%(number)s is not a tracking number: use 6 to 40 letters, digits or hyphens.") % {"number": repr(raw)}
        )
    return number


def awb_lines(*, text: str) -> list[str]:
    """The lines of a pasted or uploaded list, a header line blanked so line numbers stay those of the file."""
    lines = text.splitlines()
    if lines and lines[0].strip().lower() in AWB_HEADER_NAMES:
        lines[0] = ""
    return lines


def _ranges_used(*, carrier) -> None:
    if not carrier_adapter(carrier=carrier).uses_awb_ranges:
        raise CarrierError(_("%(carrier)s does not use AWB ranges.") % {"carrier": carrier.name})


def awb_range_import(*, carrier, numbers: list[str], progress: bool = False) -> int:
    """Load a carrier's pre-allocated numbers, all or nothing; returns how many were added.

    `numbers` are lines as read (blank lines are not numbers and are passed over), so an error names the
    line ops see in their file. A number twice in the import, or imported before, stops the import.
    """
    _ranges_used(carrier=carrier)
    first_line = _awb_import_lines(numbers=numbers)
    _awb_import_refuse_known(carrier=carrier, first_line=first_line)
    wanted = list(first_line)
    try:
        with transaction.atomic(), tqdm(total=len(wanted), disable=not progress, unit="number") as bar:
            for start in range(0, len(wanted), BATCH):
                chunk = wanted[start : start + BATCH]
                AwbNumber.objects.bulk_create([AwbNumber(carrier=carrier, number=number) for number in chunk])
                bar.update(len(chunk))
    except IntegrityError:
        raise AwbImportError(
            line=0, reason=_("Some of these numbers were imported by someone else meanwhile; nothing was added.")
        ) from None
    return len(wanted)


def _awb_import_lines(*, numbers: list[str]) -> dict[str, int]:
    """Each normalised number of an import with the line it is first on; refuses bad, repeated or too many."""
    first_line: dict[str, int] = {}
    for line, raw in enumerate(numbers, start=1):
        if not raw.strip():
            continue
        try:
            number = awb_normalise(raw=raw)
        except CarrierError as exc:
            raise AwbImportError(line=line, reason=str(exc)) from None
        if number in first_line:
            raise AwbImportError(
                line=line,
                reason=_("%(number)s appears twice in this import (first on line %(first)s).")
                % {"number": number, "first": first_line[number]},
            )
        first_line[number] = line
    if not first_line:
        raise AwbImportError(line=0, reason=_("There are no AWB numbers to import."))
    if len(first_line) > AWB_IMPORT_MAX:
        raise AwbImportError(
            line=0, reason=_("At most %(max)s numbers can be imported at once.") % {"max": AWB_IMPORT_MAX}
        )
    return first_line


def _awb_import_refuse_known(*, carrier, first_line: dict[str, int]) -> None:
    """Refuses an import any of whose numbers the carrier already has, naming the earliest such line."""
    wanted = list(first_line)
    known: list[str] = []
    for start in range(0, len(wanted), BATCH):
        known += AwbNumber.objects.filter(carrier=carrier, number__in=wanted[start : start + BATCH]).values_list(
            "number", flat=True
        )
    if known:
        number = min(known, key=first_line.__getitem__)
        raise AwbImportError(
            line=first_line[number],
            reason=_(
                "%(number)s was already imported for %(carrier)s; in all %(count)s numbers of this import already exist."
            )
            % {"number": number, "carrier": carrier.name, "count": len(known)},
        )


def awb_range_numbers(*, prefix: str, first: int, last: int, width: int = 0) -> list[str]:
    """PREFIX + each number from first to last, zero-padded to `width` digits, as carriers hand them out."""
    if first < 0 or last < first:
        raise AwbImportError(line=0, reason=_("The range must run from a number to a larger or equal one."))
    if last - first + 1 > AWB_IMPORT_MAX:
        raise AwbImportError(
            line=0, reason=_("At most %(max)s numbers can be imported at once.") % {"max": AWB_IMPORT_MAX}
        )
    if not 0 <= width <= 30:
        raise AwbImportError(line=0, reason=_("The number of digits must be between 0 and 30."))
    return [f"{prefix.strip()}{number:0{width}d}" for number in range(first, last + 1)]


def awb_range_import_sequence(
    *, carrier, prefix: str, first: int, last: int, width: int = 0, progress: bool = False
) -> int:
    return awb_range_import(
        carrier=carrier,
        numbers=awb_range_numbers(prefix=prefix, first=first, last=last, width=width),
        progress=progress,
    )


@transaction.atomic
def awb_allocate(*, carrier, shipment) -> str:
    """The oldest free number of the carrier, tied to the shipment for good (even if it is cancelled later).

    Rows are claimed with SKIP LOCKED on PostgreSQL so parallel manifests take different numbers without
    waiting; the conditional update makes the claim safe on databases without row locks too.
    """
    Shipment.objects.select_for_update().filter(pk=shipment.pk).first()
    held = AwbNumber.objects.filter(shipment=shipment).select_related("carrier").first()
    if held is not None:
        if held.carrier_id != carrier.pk:
            raise CarrierError(
                _("This parcel already has AWB %(number)s from %(carrier)s.")
                % {"number": held.number, "carrier": held.carrier.name}
            )
        return held.number
    while True:
        free = (
            AwbNumber.objects.select_for_update(skip_locked=True)
            .filter(carrier=carrier, shipment__isnull=True)
            .order_by("id")
            .first()
        )
        if free is None:
            raise CarrierError(
                _("AWB numbers for %(carrier)s are used up; import a new range.") % {"carrier": carrier.name}
            )
        claimed = AwbNumber.objects.filter(pk=free.pk, shipment__isnull=True).update(
            shipment=shipment, allocated_at=timezone.now()
        )
        if claimed:
            return free.number
