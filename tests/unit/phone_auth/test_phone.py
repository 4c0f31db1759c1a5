import pytest
from django.core.exceptions import ValidationError

from phone_auth.phone import mobile_masked, mobile_normalise


@pytest.mark.parametrize(
    "typed", ["9876543210", "98765 43210", "+91 98765-43210", "+919876543210", "919876543210", "09876543210"]
)
def test_an_indian_mobile_however_typed_becomes_ten_digits(typed):
    assert mobile_normalise(typed) == "9876543210"


@pytest.mark.parametrize(
    "typed",
    ["", "12345", "5876543210", "+44 7700 900123", "+1 415 555 0100", "98765432100", "98765abcde", "0091 98765"],
)
def test_anything_but_an_indian_mobile_is_refused_with_the_example(typed):
    with pytest.raises(ValidationError) as error:
        mobile_normalise(typed)
    assert "10-digit Indian mobile number" in error.value.messages[0]


def test_a_number_on_screen_is_masked():
    assert mobile_masked("9876543210") == "98••••••10"
