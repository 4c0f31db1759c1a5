"""GSTIN validation and amounts in words (Indian system), for invoices and the artisan profile."""

import re
from decimal import Decimal

from django.utils.translation import gettext as _
from num2words import num2words

GSTIN_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# state code (2 digits), PAN (5 letters, 4 digits, 1 letter), entity number, "Z", check character
GSTIN_RE = re.compile(r"^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]Z[0-9A-Z]$")


class GstinInvalid(ValueError):
    """The message says what is wrong, for the person who typed it."""


def gstin_check_character(first14: str) -> str:
    """GSTN's check character: Luhn mod 36 over the first 14 characters."""
    total = 0
    for index, char in enumerate(first14):
        product = GSTIN_CHARS.index(char) * (2 if index % 2 else 1)
        total += product // 36 + product % 36
    return GSTIN_CHARS[(36 - total % 36) % 36]


def gstin_normalise(*, raw: str, state_gst_code: str | None) -> str:
    """Upper-cased GSTIN without spaces, or GstinInvalid with the reason."""
    value = re.sub(r"\s+", "", raw or "").upper()
    if len(value) != 15:
        raise GstinInvalid(_("A GSTIN has 15 characters; this one has %(count)d.") % {"count": len(value)})
    if not GSTIN_RE.match(value):
        raise GstinInvalid(
            _("A GSTIN is a two-digit state code, your 10-character PAN, an entity number, Z and a check character.")
        )
    if state_gst_code and value[:2] != state_gst_code:
        raise GstinInvalid(
            _("This GSTIN is registered in state code %(given)s, but your workshop is in state code %(expected)s.")
            % {"given": value[:2], "expected": state_gst_code}
        )
    if gstin_check_character(value[:14]) != value[14]:
        raise GstinInvalid(
            _("The last character of this GSTIN does not match the rest; please check for a typing mistake.")
        )
    return value


def _words(number: int) -> str:
    text = num2words(number, lang="en_IN").replace(",", "").replace(" and ", " ")
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in text.split())


def amount_in_words(amount: Decimal) -> str:
    """'Rupees Fourteen Thousand Nine Hundred Seventy and Paise Fifty-Four' (lakh and crore, as on
    Indian invoices); 'Rupees One Lakh Only' without paise."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    rupees, paise = int(amount), int((amount * 100) % 100)
    text = f"Rupees {_words(rupees)}"
    return f"{text} and Paise {_words(paise)}" if paise else f"{text} Only"
