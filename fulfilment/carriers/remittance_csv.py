"""Reading a carrier's COD remittance CSV strictly: one wrong cell rejects the whole file.

The file is money we are told we received, so nothing is guessed. Format (the default columns):

    awb,amount,utr,remitted_on
    AGG000001234,"1,309.00",UTR2024061500123,2024-06-15

- A header row is required; names are matched ignoring case, surrounding spaces and inner spaces or
  hyphens ("Remitted On" = "remitted_on"); other columns are ignored; a UTF-8 BOM is fine.
- amount: rupees, at most two decimals, not negative; commas may group thousands the Indian way
  (1,23,456.50) or the international way (123,456.50); a leading ₹ is allowed; nothing else
  (no exponents, no spaces inside).
- remitted_on: YYYY-MM-DD, or day first as DD-MM-YYYY or DD/MM/YYYY (never month first).
- awb and utr: not empty, at most 40 characters; the AWB's case and spaces do not matter (it is
  read in the form every tracking number is stored in, `fulfilment.carriers.base.awb_canonical`).
- Every row has as many fields as the header; blank lines are skipped.

`shop.csvio.csv_rows` reads from a path with exact header names and `parse_decimal` accepts any
commas, so this module reads bytes from an upload itself, with the same line-numbered errors.
"""

import csv
import io
import re
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

from fulfilment.carriers.base import RemittanceFileError, RemittanceRow, awb_canonical

DEFAULT_COLUMNS = {"awb": "awb", "amount": "amount", "utr": "utr", "remitted_on": "remitted_on"}
MAX_REFERENCE_LENGTH = 40
# Far above any parcel (COD is capped per order); keeps a file's total within the model's digits.
MAX_AMOUNT = Decimal("999999.99")

_AMOUNT_RE = re.compile(
    r"(?:₹\s?)?(?P<rupees>\d+|\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})*,\d{3})(?:\.(?P<paise>\d{1,2}))?", re.ASCII
)
_TOO_PRECISE_RE = re.compile(r"₹?\s?[\d,]+\.\d{3,}", re.ASCII)
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_DAY_FIRST_DATE_RE = re.compile(r"(\d{1,2})([-/])(\d{1,2})\2(\d{4})", re.ASCII)
_HEADER_SPACING_RE = re.compile(r"[\s\-]+")


def _header_key(name: str) -> str:
    return _HEADER_SPACING_RE.sub("_", name.strip().lower())


def _amount(value: str, field: str, line: int) -> Decimal:
    if not value:
        raise RemittanceFileError(line=line, reason=_("%(field)s is empty") % {"field": field})
    match = _AMOUNT_RE.fullmatch(value)
    if match is None:
        if value.startswith("-"):
            raise RemittanceFileError(line=line, reason=_("amount %(value)s is negative") % {"value": repr(value)})
        if _TOO_PRECISE_RE.fullmatch(value):
            raise RemittanceFileError(
                line=line, reason=_("amount %(value)s has more than two decimals") % {"value": repr(value)}
            )
        raise RemittanceFileError(
            line=line, reason=_("amount %(value)s is not an amount in rupees") % {"value": repr(value)}
        )
    paise = match["paise"] or ""
    amount = Decimal(f"{match['rupees'].replace(',', '')}.{paise:0<2}")
    if amount > MAX_AMOUNT:
        raise RemittanceFileError(
            line=line,
            reason=_("amount %(value)s is more than %(max)s for one parcel")
            % {"value": repr(value), "max": currency(MAX_AMOUNT)},
        )
    return amount


def _date(value: str, field: str, line: int) -> date:
    if not value:
        raise RemittanceFileError(line=line, reason=_("%(field)s is empty") % {"field": field})
    iso = _ISO_DATE_RE.fullmatch(value)
    if iso is not None:
        year, month, day = iso.groups()
    else:
        day_first = _DAY_FIRST_DATE_RE.fullmatch(value)
        if day_first is None:
            raise RemittanceFileError(
                line=line,
                reason=_("date %(value)s is not YYYY-MM-DD, DD-MM-YYYY or DD/MM/YYYY") % {"value": repr(value)},
            )
        day, _sep, month, year = day_first.groups()
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise RemittanceFileError(
            line=line, reason=_("date %(value)s does not exist") % {"value": repr(value)}
        ) from None


def _reference(value: str, field: str, line: int) -> str:
    if not value:
        raise RemittanceFileError(line=line, reason=_("%(field)s is empty") % {"field": field})
    if len(value) > MAX_REFERENCE_LENGTH:
        raise RemittanceFileError(
            line=line,
            reason=_("%(field)s is longer than %(max)s characters") % {"field": field, "max": MAX_REFERENCE_LENGTH},
        )
    return value


def _text(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RemittanceFileError(
            line=data[: exc.start].count(b"\n") + 1, reason=_("the file is not UTF-8 text")
        ) from None
    if not text.strip():
        raise RemittanceFileError(line=1, reason=_("the file is empty"))
    return text


def _positions(header: list[str], columns: dict[str, str]) -> tuple[int, int, int, int]:
    keys = [_header_key(name) for name in header]
    positions = []
    for field in DEFAULT_COLUMNS:
        wanted = _header_key(columns[field])
        found = [index for index, key in enumerate(keys) if key == wanted]
        if not found:
            raise RemittanceFileError(
                line=1,
                reason=_("the header has no %(column)s column (expected: %(columns)s)")
                % {"column": columns[field], "columns": ", ".join(columns.values())},
            )
        if len(found) > 1:
            raise RemittanceFileError(line=1, reason=_("the header has %(column)s twice") % {"column": columns[field]})
        positions.append(found[0])
    return tuple(positions)


def remittance_csv_parse(*, data: bytes, columns: dict[str, str] | None = None) -> list[RemittanceRow]:
    """Every row of the file, or RemittanceFileError naming the first bad line and what is wrong.

    `columns` maps our fields (awb, amount, utr, remitted_on) to a carrier's own header names;
    fields it leaves out keep their default name.
    """
    unknown = set(columns or {}) - set(DEFAULT_COLUMNS)
    if unknown:
        raise ValueError(f"Unknown remittance fields: {', '.join(sorted(unknown))}")
    names = {**DEFAULT_COLUMNS, **(columns or {})}
    reader = csv.reader(io.StringIO(_text(data), newline=""), strict=True)
    rows: list[RemittanceRow] = []
    dates: dict[str, date] = {}
    try:
        header = next(reader)
        awb_at, amount_at, utr_at, date_at = _positions(header, names)
        width = len(header)
        for fields in reader:
            line = reader.line_num
            if len(fields) != width:
                if not any(field.strip() for field in fields):
                    continue
                raise RemittanceFileError(
                    line=line,
                    reason=_("expected %(expected)s fields like the header, found %(found)s")
                    % {"expected": width, "found": len(fields)},
                )
            awb = _reference(awb_canonical(fields[awb_at]), names["awb"], line)
            amount = _amount(fields[amount_at].strip(), names["amount"], line)
            utr = _reference(fields[utr_at].strip(), names["utr"], line)
            remitted_text = fields[date_at].strip()
            remitted_on = dates.get(remitted_text)
            if remitted_on is None:
                remitted_on = dates[remitted_text] = _date(remitted_text, names["remitted_on"], line)
            rows.append(RemittanceRow(line_number=line, awb=awb, amount=amount, utr=utr, remitted_on=remitted_on))
    except csv.Error as exc:
        raise RemittanceFileError(line=reader.line_num, reason=_("malformed CSV: %(error)s") % {"error": exc}) from None
    if not rows:
        raise RemittanceFileError(line=2, reason=_("the file has a header but no rows"))
    return rows
