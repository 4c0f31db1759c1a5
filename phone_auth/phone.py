"""Indian mobile numbers as people type them: "+91 98765 43210", "098765-43210", "9876543210"."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NOT_INDIAN_MOBILE = _("Enter a 10-digit Indian mobile number, e.g. 9876543210.")
_SEPARATORS = re.compile(r"[\s\-().]")
_MOBILE = re.compile(r"^[6-9]\d{9}$")


def mobile_normalise(raw: str) -> str:
    """The ten digits of an Indian mobile number, or a ValidationError saying what we expect."""
    digits = _SEPARATORS.sub("", raw or "")
    if digits.startswith("+"):
        if not digits.startswith("+91"):
            raise ValidationError(NOT_INDIAN_MOBILE, code="not_indian")
        digits = digits[3:]
    elif len(digits) == 12 and digits.startswith("91"):
        digits = digits[2:]
    elif len(digits) == 11 and digits.startswith("0"):
        digits = digits[1:]
    if not _MOBILE.match(digits):
        raise ValidationError(NOT_INDIAN_MOBILE, code="not_indian")
    return digits


def mobile_masked(phone: str) -> str:
    """98••••••10: enough for a person to recognise their own number on screen."""
    return f"{phone[:2]}••••••{phone[-2:]}" if len(phone) == 10 else phone
