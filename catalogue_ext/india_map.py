"""The India map on /districts/: each state's shape in the vendored @svg-maps/india outline, shaded by
how much is on sale there.

The outline (static/shop/vendor/svg-maps-india/, CC BY 4.0) names its shapes by its own ids; this table
maps them to the shop's state codes. Ladakh has no shape of its own in that outline (it is drawn inside
Jammu and Kashmir), and Dadra and Nagar Haveli and Daman and Diu are two shapes of one UT.
"""

from dataclasses import dataclass

MAP_STATIC_PATH = "shop/vendor/svg-maps-india/india.svg"
MAP_VIEWBOX = "0 0 612 696"
SHAPES_BY_STATE: dict[str, tuple[str, ...]] = {
    "AN": ("an",),
    "AP": ("ap",),
    "AR": ("ar",),
    "AS": ("as",),
    "BR": ("br",),
    "CH": ("ch",),
    "CG": ("ct",),
    "DN": ("dn", "dd"),
    "DL": ("dl",),
    "GA": ("ga",),
    "GJ": ("gj",),
    "HR": ("hr",),
    "HP": ("hp",),
    "JK": ("jk",),
    "JH": ("jh",),
    "KA": ("ka",),
    "KL": ("kl",),
    "LD": ("ld",),
    "MP": ("mp",),
    "MH": ("mh",),
    "MN": ("mn",),
    "ML": ("ml",),
    "MZ": ("mz",),
    "NL": ("nl",),
    "OD": ("or",),
    "PY": ("py",),
    "PB": ("pb",),
    "RJ": ("rj",),
    "SK": ("sk",),
    "TN": ("tn",),
    "TS": ("tg",),
    "TR": ("tr",),
    "UP": ("up",),
    "UK": ("ut",),
    "WB": ("wb",),
}
SHADES = 4


@dataclass(frozen=True)
class MapState:
    state: object
    product_count: int
    shade: int  # 0 nothing on sale, 1..SHADES more and more
    shapes: tuple[str, ...]


def shade_for(count: int, *, most: int) -> int:
    """0 for nothing on sale; otherwise 1..SHADES in equal steps up to the state with most products."""
    if count <= 0 or most <= 0:
        return 0
    return min(SHADES, 1 + (count * SHADES - 1) // most)


def map_states(states, counts: dict[int, int]) -> list[MapState]:
    """Every state with its count (by state id) and shade, in the order given."""
    most = max(counts.values(), default=0)
    return [
        MapState(
            state,
            counts.get(state.pk, 0),
            shade_for(counts.get(state.pk, 0), most=most),
            SHAPES_BY_STATE.get(state.code, ()),
        )
        for state in states
    ]
