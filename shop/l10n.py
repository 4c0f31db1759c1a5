"""Dates and numbers in the Indian style, from CLDR through Babel, in the visitor's language.

`date_indian(date)` → "3 दिसंबर 2026" / "3 December 2026"; `number_indian(123456)` → "1,23,456".
Django's own |date filter gets the same CLDR month names through the Hindi catalogue (entries made
from Babel and checked against it by tests/unit/shop/test_indian_dates.py).
"""

import datetime

from babel.dates import format_date
from babel.numbers import format_decimal
from django.utils import timezone
from django.utils.translation import get_language


def babel_locale() -> str:
    return "hi_IN" if (get_language() or "").startswith("hi") else "en_IN"


def date_indian(value: datetime.date | datetime.datetime | None, *, year: bool = True) -> str:
    """A calendar date as shoppers in India write it: day, month name, year (local time for datetimes)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_date(value, "d MMMM y" if year else "d MMMM", locale=babel_locale())


def date_weekday_indian(value: datetime.date | None) -> str:
    """A near date with its weekday, for promises: "Thursday, 10 December" / "गुरुवार, 10 दिसंबर"."""
    if value is None:
        return ""
    return format_date(value, "EEEE, d MMMM", locale=babel_locale())


def number_indian(value) -> str:
    """Lakh/crore grouping: 1,23,456."""
    if value is None or value == "":
        return ""
    return format_decimal(value, locale=babel_locale())
