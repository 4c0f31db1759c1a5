"""Code 128 as printed on every label: the bars must scan back to the AWB, check digit included."""

import pytest
from reportlab.graphics.barcode.code128 import Code128, _patterns

from fulfilment.carriers.code128 import (
    PATTERNS,
    QUIET_MODULES,
    code128_bars,
    code128_symbols,
    code128_total_modules,
    code128_widths,
)
from fulfilment.carriers.labels import barcode_svg

PATTERN_VALUES = {pattern: value for value, pattern in enumerate(PATTERNS)}


def scan(widths: list[int]) -> str:
    """What a scanner reads from bar/space widths: symbols, check digit verified, sets B and C."""
    assert len(widths) % 6 == 1, "symbols of 6 elements and a 7-element stop"
    symbols = [PATTERN_VALUES["".join(map(str, widths[i : i + 6]))] for i in range(0, len(widths) - 7, 6)]
    assert "".join(map(str, widths[-7:])) == PATTERNS[106]
    *data, check = symbols
    assert (data[0] + sum(i * s for i, s in enumerate(data[1:], start=1))) % 103 == check, "check digit"
    code = {104: "B", 105: "C"}[data[0]]
    text = ""
    for symbol in data[1:]:
        if symbol == 99:
            code = "C"
        elif symbol == 100:
            code = "B"
        else:
            text += f"{symbol:02d}" if code == "C" else chr(symbol + 32)
    return text


def reportlab_widths(value: str) -> list[int]:
    barcode = Code128(value)
    barcode.validate()
    barcode.encode()
    return [" abcd".index(c.lower()) for c in "".join(_patterns[s] for s in barcode.encoded)]


def test_every_symbol_is_eleven_modules_and_the_stop_thirteen():
    assert len(PATTERNS) == 107
    assert all(sum(map(int, pattern)) == 11 for pattern in PATTERNS[:106])
    assert sum(map(int, PATTERNS[106])) == 13
    assert len(set(PATTERNS)) == 107


def test_the_symbol_table_is_the_one_reportlab_prints():
    assert ["".join(str(" abcd".index(c.lower())) for c in _patterns[i]) for i in range(107)] == list(PATTERNS)


@pytest.mark.parametrize(
    ("value", "symbols"),
    [
        # Start B 104; A=33, B=34: 104 + 33×1 + 34×2 = 205 ≡ 102 (mod 103).
        ("AB", [104, 33, 34, 102]),
        # "PJJ123C" in set B: 104 + 48 + 42×2 + 42×3 + 17×4 + 18×5 + 19×6 + 35×7 = 879 ≡ 55.
        ("PJJ123C", [104, 48, 42, 42, 17, 18, 19, 35, 55]),
        # All digits, even length: set C pairs 12 34 56 78: 105 + 12 + 68 + 168 + 312 = 665 ≡ 47.
        ("12345678", [105, 12, 34, 56, 78, 47]),
        # "AB", then Code C (99) and four pairs: 104 + 33 + 34×2 + 99×3 + 12×4 + 34×5 + 56×6 + 78×7 = 1602 ≡ 57.
        ("AB12345678", [104, 33, 34, 99, 12, 34, 56, 78, 57]),
    ],
)
def test_known_check_digits(value, symbols):
    assert code128_symbols(value) == symbols


@pytest.mark.parametrize(
    "value",
    [
        "ODPAWB",
        "AWB-000123",
        "EE123456789IN",
        "123456789",
        "1234567890",
        "X1-2",
        "ABC123456DEF",
        "12",
        "9",
        "A1234",
        "RTO-99-A",
        "1-2-3-4",
        "00001234",
    ],
)
def test_bars_scan_back_to_the_awb(value):
    assert scan(code128_widths(value)) == value


@pytest.mark.parametrize("value", ["ODPAWB", "AWB-000123", "EE123456789IN", "12345678", "ABC123456DEF", "1234567"])
def test_reportlab_reads_the_same_awb_from_its_own_bars(value):
    """The PDF could use reportlab's Code128: both must say the same (encodings may pick sets differently)."""
    assert scan(reportlab_widths(value)) == scan(code128_widths(value)) == value


def test_letters_only_give_exactly_reportlabs_bars():
    assert code128_widths("ODOPAWB") == reportlab_widths("ODOPAWB")


def test_long_digit_runs_print_narrower_than_set_b():
    # 12 digits: set C needs 6 data symbols instead of 12.
    assert len(code128_symbols("123456789012")) == 1 + 6 + 1


def test_bars_start_after_the_quiet_zone_and_total_includes_both_quiet_zones():
    bars = code128_bars("AB")
    assert bars[0] == (QUIET_MODULES, 2)
    assert code128_total_modules("AB") == (4 * 11 + 13) + 2 * QUIET_MODULES


@pytest.mark.parametrize("value", ["", "AWB\n1", "₹100", "ÄBC"])
def test_what_code_128_b_cannot_hold_is_refused(value):
    with pytest.raises(ValueError):
        code128_symbols(value)


def test_svg_draws_one_rect_per_bar_and_names_the_awb():
    svg = str(barcode_svg(value="AWB-000123"))
    assert svg.startswith("<svg") and 'aria-label="AWB-000123"' in svg
    assert svg.count("<rect ") == len(code128_bars("AWB-000123")) + 1  # plus the white background
