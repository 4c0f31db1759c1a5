"""Code 128 (sets B and C) for AWB numbers, as bar/space widths any renderer can draw.

Written out rather than borrowed so the HTML label (SVG) and the PDF label draw the very same bars.
Set C packs digit pairs into one symbol, so numeric AWBs print shorter and scan more easily.
"""

# Widths of bar, space, bar, space, bar, space for symbol values 0–105 (106 is the stop: 7 elements).
PATTERNS = (
    "212222",
    "222122",
    "222221",
    "121223",
    "121322",
    "131222",
    "122213",
    "122312",
    "132212",
    "221213",
    "221312",
    "231212",
    "112232",
    "122132",
    "122231",
    "113222",
    "123122",
    "123221",
    "223211",
    "221132",
    "221231",
    "213212",
    "223112",
    "312131",
    "311222",
    "321122",
    "321221",
    "312212",
    "322112",
    "322211",
    "212123",
    "212321",
    "232121",
    "111323",
    "131123",
    "131321",
    "112313",
    "132113",
    "132311",
    "211313",
    "231113",
    "231311",
    "112133",
    "112331",
    "132131",
    "113123",
    "113321",
    "133121",
    "313121",
    "211331",
    "231131",
    "213113",
    "213311",
    "213131",
    "311123",
    "311321",
    "331121",
    "312113",
    "312311",
    "332111",
    "314111",
    "221411",
    "431111",
    "111224",
    "111422",
    "121124",
    "121421",
    "141122",
    "141221",
    "112214",
    "112412",
    "122114",
    "122411",
    "142112",
    "142211",
    "241211",
    "221114",
    "413111",
    "241112",
    "134111",
    "111242",
    "121142",
    "121241",
    "114212",
    "124112",
    "124211",
    "411212",
    "421112",
    "421211",
    "212141",
    "214121",
    "412121",
    "111143",
    "111341",
    "131141",
    "114113",
    "114311",
    "411113",
    "411311",
    "113141",
    "114131",
    "311141",
    "411131",
    "211412",
    "211214",
    "211232",
    "2331112",
)
CODE_C, CODE_B = 99, 100
START_B, START_C, STOP = 104, 105, 106
QUIET_MODULES = 10


def _digit_run(value: str, start: int) -> int:
    end = start
    while end < len(value) and value[end].isascii() and value[end].isdigit():
        end += 1
    return end - start


def code128_symbols(value: str) -> list[int]:
    """Symbol values from the start code to the check symbol (the stop is implied).

    Set C is used for runs of at least 4 digits at either end or 6 in the middle, the usual rule
    (ISO/IEC 15417 Annex E): shorter runs cost more in switching symbols than they save.
    """
    if not value:
        raise ValueError("Code 128 needs at least one character.")
    for char in value:
        if not 32 <= ord(char) <= 126:
            raise ValueError(f"Code 128 set B cannot encode {char!r}.")
    leading = _digit_run(value, 0)
    in_c = leading >= 4 or leading == len(value) == 2
    symbols = [START_C if in_c else START_B]
    i = 0
    while i < len(value):
        if in_c:
            if _digit_run(value, i) >= 2:
                symbols.append(int(value[i : i + 2]))
                i += 2
            else:
                symbols.append(CODE_B)
                in_c = False
            continue
        run = _digit_run(value, i)
        if run >= 6 or (run >= 4 and i + run == len(value)):
            if run % 2:
                symbols.append(ord(value[i]) - 32)
                i += 1
            symbols.append(CODE_C)
            in_c = True
            continue
        symbols.append(ord(value[i]) - 32)
        i += 1
    checksum = symbols[0] + sum(position * symbol for position, symbol in enumerate(symbols[1:], start=1))
    symbols.append(checksum % 103)
    return symbols


def code128_widths(value: str) -> list[int]:
    """Module widths, alternately bar and space, starting and ending with a bar (quiet zones excluded)."""
    return [int(width) for symbol in [*code128_symbols(value), STOP] for width in PATTERNS[symbol]]


def code128_bars(value: str) -> list[tuple[int, int]]:
    """(offset, width) in modules of each bar, counted from the left edge of the quiet zone."""
    bars = []
    position = QUIET_MODULES
    for index, width in enumerate(code128_widths(value)):
        if index % 2 == 0:
            bars.append((position, width))
        position += width
    return bars


def code128_total_modules(value: str) -> int:
    """Symbol width plus a quiet zone on each side."""
    return sum(code128_widths(value)) + 2 * QUIET_MODULES
