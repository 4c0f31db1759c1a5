"""Reading CSV files that people prepare by hand, so every mistake is reported with its line."""

import csv
import io
from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path


class CsvRowError(ValueError):
    """A file that cannot be loaded as it is; names the file, the line and what is wrong."""

    def __init__(self, *, source: str, line: int, reason: str) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        super().__init__(f"{source}, line {line}: {reason}")


def csv_rows(*, path: Path, required: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) with values stripped; blank lines are skipped."""
    source = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CsvRowError(source=source, line=0, reason="file not found") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CsvRowError(source=source, line=line, reason="not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise CsvRowError(source=source, line=1, reason="the file is empty") from None
    missing = [name for name in required if name not in header]
    if missing:
        raise CsvRowError(source=source, line=1, reason=f"missing column(s): {', '.join(missing)}")
    try:
        for fields in reader:
            if not any(field.strip() for field in fields):
                continue
            if len(fields) != len(header):
                raise CsvRowError(
                    source=source,
                    line=reader.line_num,
                    reason=f"expected {len(header)} fields, found {len(fields)}",
                )
            yield reader.line_num, {name: value.strip() for name, value in zip(header, fields, strict=True)}
    except csv.Error as exc:
        raise CsvRowError(source=source, line=reader.line_num, reason=f"malformed CSV: {exc}") from None


def parse_decimal(*, value: str, field: str, source: str, line: int) -> Decimal:
    """Money and rates are Decimal; '1,249.50' and '₹1249' are accepted as people write them."""
    cleaned = value.replace(",", "").replace("₹", "").strip()
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise CsvRowError(source=source, line=line, reason=f"{field} {value!r} is not a number") from None
    if not number.is_finite():
        raise CsvRowError(source=source, line=line, reason=f"{field} {value!r} is not a number")
    return number


def parse_int(*, value: str, field: str, source: str, line: int, minimum: int = 0) -> int:
    try:
        number = int(value)
    except ValueError:
        raise CsvRowError(source=source, line=line, reason=f"{field} {value!r} is not a whole number") from None
    if number < minimum:
        raise CsvRowError(source=source, line=line, reason=f"{field} must be at least {minimum}")
    return number
