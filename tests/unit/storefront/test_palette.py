"""Every text colour of the palette meets WCAG AA (4.5:1) on the background it is used on."""

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[3] / "static/shop/css/shop.css").read_text()


def _luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(c * 2 for c in hex_colour)
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def var(name: str) -> str:
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{3,6}})", CSS).group(1)


@pytest.mark.parametrize(
    "text, background",
    [
        ("ink", "paper"),
        ("indigo", "paper"),
        ("indigo", "card"),
        ("terracotta", "paper"),
        ("leaf", "paper"),
        ("muted", "paper"),
        ("muted", "card"),
        ("danger", "err-bg"),
        ("ink", "warn-bg"),
        ("ink", "brass"),  # the search button and the basket count
    ],
)
def test_text_colours_meet_aa(text, background):
    assert contrast(var(text), var(background)) >= 4.5


@pytest.mark.parametrize("background", ["terracotta", "leaf", "indigo", "ink"])
def test_white_on_badges_and_buttons_meets_aa(background):
    assert contrast("#ffffff", var(background)) >= 4.5
