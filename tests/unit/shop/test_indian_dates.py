"""Dates and numbers follow CLDR (through Babel) in Hindi and English, in our filters and Django's |date."""

import datetime

import pytest
from babel.dates import get_month_names
from django.template import Context, Template
from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_ALT, MONTHS_AP

from shop.l10n import date_indian, number_indian


def test_our_filters_write_indian_dates_and_numbers_in_the_visitors_language():
    day = datetime.date(2026, 12, 3)
    with translation.override("hi"):
        assert date_indian(day) == "3 दिसंबर 2026"
        assert date_indian(day, year=False) == "3 दिसंबर"
        assert number_indian(123456) == "1,23,456"
        html = Template("{% load indian_format %}{{ day|indian_day }} · {{ n|indian_number }}").render(
            Context({"day": day, "n": 12345678})
        )
        assert html == "3 दिसंबर · 1,23,45,678"
    with translation.override("en"):
        assert date_indian(day) == "3 December 2026"


@pytest.mark.parametrize("month", range(1, 13))
def test_djangos_date_filter_uses_the_cldr_month_names_in_hindi(month):
    wide = get_month_names("wide", locale="hi")[month]
    with translation.override("hi"):
        assert str(MONTHS[month]) == wide
        assert str(MONTHS_ALT[month]) == wide
        assert str(MONTHS_AP[month]) == get_month_names("abbreviated", locale="hi")[month]
        assert Template("{{ d|date:'j F' }}").render(Context({"d": datetime.date(2026, month, 3)})) == f"3 {wide}"
