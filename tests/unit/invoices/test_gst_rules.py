from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from invoices.gst import GstinInvalid, amount_in_words, gstin_check_character, gstin_normalise
from invoices.services import financial_year_of, invoice_number_format

IST = ZoneInfo("Asia/Kolkata")


@pytest.mark.parametrize(
    "amount, words",
    [
        ("14970.54", "Rupees Fourteen Thousand Nine Hundred Seventy and Paise Fifty-Four"),
        ("100000.00", "Rupees One Lakh Only"),
        (
            "12345678.01",
            "Rupees One Crore Twenty-Three Lakh Forty-Five Thousand Six Hundred Seventy-Eight and Paise One",
        ),
        ("0.50", "Rupees Zero and Paise Fifty"),
        ("1249.00", "Rupees One Thousand Two Hundred Forty-Nine Only"),
    ],
)
def test_amounts_are_written_in_the_indian_system(amount, words):
    assert amount_in_words(Decimal(amount)) == words


def test_a_known_gstin_passes_and_is_normalised():
    assert gstin_check_character("27AAPFU0939F1Z") == "V"
    assert gstin_normalise(raw=" 27aapfu0939f1zv ", state_gst_code="27") == "27AAPFU0939F1ZV"


@pytest.mark.parametrize(
    "raw, state, message",
    [
        ("27AAPFU0939F1Z", "27", "15 characters"),
        ("27AAPFU0939F1ZVX", "27", "15 characters"),
        ("27AAPF00939F1ZV", "27", "two-digit state code"),
        ("27AAPFU0939F1AV", "27", "two-digit state code"),
        ("27AAPFU0939F1ZV", "09", "state code 27"),
        ("27AAPFU0939F1ZW", "27", "last character"),
    ],
)
def test_a_wrong_gstin_is_refused_with_a_reason_in_english_and_hindi(raw, state, message):
    with pytest.raises(GstinInvalid, match=message):
        gstin_normalise(raw=raw, state_gst_code=state)
    with translation.override("hi"), pytest.raises(GstinInvalid) as refused:
        gstin_normalise(raw=raw, state_gst_code=state)
    assert "GSTIN" in str(refused.value) and message not in str(refused.value)


@pytest.mark.parametrize(
    "moment, year",
    [
        (datetime(2026, 3, 31, 23, 59, tzinfo=IST), 2025),
        (datetime(2026, 4, 1, 0, 0, tzinfo=IST), 2026),
        (datetime(2026, 3, 31, 19, 0, tzinfo=ZoneInfo("UTC")), 2026),  # already 1 April 00:30 in India
        (datetime(2027, 1, 15, 12, 0, tzinfo=IST), 2026),
    ],
)
def test_the_financial_year_runs_april_to_march_in_indian_time(moment, year):
    assert financial_year_of(moment) == year


def test_numbers_fit_the_16_character_limit():
    assert invoice_number_format(kind="invoice", financial_year=2026, sequence=1) == "INV/2627/00001"
    assert invoice_number_format(kind="credit", financial_year=2099, sequence=42) == "CN/9900/00042"
    assert len(invoice_number_format(kind="invoice", financial_year=2026, sequence=9_999_999)) <= 16
