"""Writes for fulfilment: loading pincodes and editing the rate card."""

from decimal import Decimal
from pathlib import Path

from django.db import transaction
from tqdm import tqdm

from catalogue_ext.models import State
from fulfilment.models import DeliveryHoliday, Pincode, ShippingRate, ZoneTransit
from fulfilment.selectors import PINCODE_RE
from shop.csvio import CsvRowError, csv_rows

PINCODE_COLUMNS = ("pincode", "district", "state_code", "serviceable", "cod_allowed", "metro")
_YES = {"1", "y", "yes", "true"}
_NO = {"0", "n", "no", "false"}


def _flag(*, value: str, field: str, source: str, line: int) -> bool:
    lowered = value.strip().lower()
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    raise CsvRowError(source=source, line=line, reason=f"{field} must be yes or no, got {value!r}")


def pincode_import(*, path: Path, progress: bool = False) -> int:
    """Create or update every row of the file; one bad row stops the load with its line, nothing written.

    Re-running the same file is safe: rows are matched on the pincode.
    """
    states = {state.code: state for state in State.objects.all()}
    parsed: dict[str, dict] = {}
    for line, row in csv_rows(path=path, required=PINCODE_COLUMNS):
        code = row["pincode"].replace(" ", "")
        if not PINCODE_RE.match(code):
            raise CsvRowError(source=path.name, line=line, reason=f"pincode {row['pincode']!r} is not six digits")
        if code in parsed:
            raise CsvRowError(source=path.name, line=line, reason=f"pincode {code} appears twice")
        state = states.get(row["state_code"].upper())
        if state is None:
            raise CsvRowError(source=path.name, line=line, reason=f"unknown state code {row['state_code']!r}")
        if not row["district"]:
            raise CsvRowError(source=path.name, line=line, reason="district is empty")
        parsed[code] = {
            "district": row["district"],
            "state": state,
            "serviceable": _flag(value=row["serviceable"], field="serviceable", source=path.name, line=line),
            "cod_allowed": _flag(value=row["cod_allowed"], field="cod_allowed", source=path.name, line=line),
            "is_metro": _flag(value=row["metro"], field="metro", source=path.name, line=line),
        }
    with transaction.atomic():
        for code, values in tqdm(parsed.items(), disable=not progress, unit="pincode"):
            Pincode.objects.update_or_create(code=code, defaults=values)
    return len(parsed)


@transaction.atomic
def shipping_rate_set(*, zone: str, up_to_grams: int, charge: Decimal) -> ShippingRate:
    rate, _created = ShippingRate.objects.update_or_create(
        zone=zone, up_to_grams=up_to_grams, defaults={"charge": charge}
    )
    return rate


@transaction.atomic
def zone_transit_set(*, zone: str, transit_days: int) -> ZoneTransit:
    transit, _created = ZoneTransit.objects.update_or_create(zone=zone, defaults={"transit_days": transit_days})
    return transit


@transaction.atomic
def delivery_holiday_set(*, date, name: str) -> DeliveryHoliday:
    """Add a holiday (or rename the one on that date); promises made from now on skip it."""
    holiday, _created = DeliveryHoliday.objects.update_or_create(date=date, defaults={"name": name})
    return holiday


@transaction.atomic
def delivery_holiday_remove(*, date) -> int:
    deleted, _by_model = DeliveryHoliday.objects.filter(date=date).delete()
    return deleted
