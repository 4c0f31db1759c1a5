"""Deterministic, craft-flavoured product images for the ODOP demo catalogue.

Why this exists: demo and seed data need thousands of product photos that look
like the craft they describe (a brass lota, a brocade, a Warli painting...)
without shipping binary assets or calling an image service.  Everything is
drawn with cheap Pillow primitives (no per-pixel Python loops), so one 800 px
JPEG costs a few milliseconds, and every random choice comes from a
``random.Random`` seeded with ``zlib.crc32`` of the slugs plus the caller's seed.
That makes the bytes reproducible across processes, unlike ``hash()``, which
is salted per process.

Public API: :func:`craft_image_jpeg`.  Everything else is private.
"""

from __future__ import annotations

import colorsys
import io
import math
import random
import zlib
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

__all__ = ["FAMILIES", "craft_image_jpeg"]

RGB = tuple[int, int, int]
Pt = tuple[float, float]

#: Top-level craft families that get a dedicated drawing. Anything else falls
#: back to a generic rangoli/mandala motif.
FAMILIES: tuple[str, ...] = (
    "metal-craft",
    "textiles",
    "pottery",
    "wood-craft",
    "natural-fibre",
    "stone-craft",
    "leather",
    "food",
    "fragrance",
    "glass",
    "art-paper",
    "toys",
    "devotional-adornment",
    "instruments-sports",
    "engineering",
    "tribal-heritage",
)

_MIN_WORK = 96  # smaller requests are drawn at this size, then downscaled
_TAU = math.tau

_BILINEAR = Image.Resampling.BILINEAR
_NEAREST = Image.Resampling.NEAREST
_LANCZOS = Image.Resampling.LANCZOS


# --------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------


def craft_image_jpeg(*, family: str, craft: str, seed: int, size: int = 800, label: str = "") -> bytes:
    """Return RGB JPEG bytes (size x size) showing a motif for ``family``.

    ``craft`` and ``seed`` vary palette and layout so sibling products differ,
    while identical arguments always give identical bytes (stable crc32
    seeding). Unknown families get a generic geometric motif; this never
    raises for odd input, because a bulk seeding job must not die on one row.
    """
    size = max(1, int(size))
    fam = str(family or "").strip().lower()
    cr = str(craft or "").strip().lower()
    work = max(size, _MIN_WORK)
    painter = _PAINTERS.get(fam, _paint_generic)
    img = painter(_rng(fam, cr, seed), work, cr)
    if work != size:
        img = img.resize((size, size), _LANCZOS)
    if label:
        _draw_label(img, str(label))
    buf = io.BytesIO()
    if img.mode != "RGB":
        img = img.convert("RGB")
    img.save(buf, "JPEG", quality=85, optimize=True)
    return buf.getvalue()


# --------------------------------------------------------------------------
# Seeding and colour helpers
# --------------------------------------------------------------------------


def _rng(family: str, craft: str, seed: int) -> random.Random:
    """Seed from crc32 (stable across processes), never from hash()."""
    key = zlib.crc32(f"{family}\x1f{craft}".encode())
    try:
        sd = int(seed)
    except (TypeError, ValueError):
        sd = zlib.crc32(str(seed).encode("utf-8"))
    return random.Random((key << 64) ^ (sd & 0xFFFFFFFFFFFFFFFF))


def _has(craft: str, *words: str) -> bool:
    """Keyword test on the craft slug, so related slugs share a look."""
    return any(w in craft for w in words)


def _c(v: float) -> int:
    return 0 if v < 0 else 255 if v > 255 else int(v + 0.5)


def _mix(a: Sequence[int], b: Sequence[int], t: float) -> RGB:
    return (_c(a[0] + (b[0] - a[0]) * t), _c(a[1] + (b[1] - a[1]) * t), _c(a[2] + (b[2] - a[2]) * t))


def _dark(c: Sequence[int], f: float) -> RGB:
    return _mix(c, (0, 0, 0), f)


def _light(c: Sequence[int], f: float) -> RGB:
    return _mix(c, (255, 255, 255), f)


def _jit(rng: random.Random, c: Sequence[int], dh: float = 0.02, ds: float = 0.08, dv: float = 0.08) -> RGB:
    """Nudge a colour in HSV so siblings of one craft are not identical."""
    h, s, v = colorsys.rgb_to_hsv(c[0] / 255, c[1] / 255, c[2] / 255)
    h = (h + rng.uniform(-dh, dh)) % 1.0
    s = min(1.0, max(0.0, s + rng.uniform(-ds, ds)))
    v = min(1.0, max(0.0, v + rng.uniform(-dv, dv)))
    r, g, b = colorsys.hsv_to_rgb(h, s, v)
    return (_c(r * 255), _c(g * 255), _c(b * 255))


def _ramp(stops: Sequence[Sequence[int]], n: int) -> list[RGB]:
    """n colours evenly interpolated through ``stops``."""
    if n <= 1:
        return [tuple(stops[0])]  # type: ignore[list-item]
    out = []
    for i in range(n):
        t = i / (n - 1) * (len(stops) - 1)
        k = min(int(t), len(stops) - 2)
        out.append(_mix(stops[k], stops[k + 1], t - k))
    return out


# --------------------------------------------------------------------------
# Geometry helpers
# --------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _unit(n: int) -> tuple[tuple[float, float], ...]:
    return tuple((math.cos(_TAU * i / n), math.sin(_TAU * i / n)) for i in range(n))


def _ell(cx: float, cy: float, rx: float, ry: float, ang: float = 0.0, n: int = 20) -> list[Pt]:
    """Polygon for a rotated ellipse (ImageDraw cannot rotate ellipses)."""
    ca, sa = math.cos(ang), math.sin(ang)
    return [(cx + rx * c * ca - ry * s * sa, cy + rx * c * sa + ry * s * ca) for c, s in _unit(n)]


def _rot(pts: Iterable[Pt], ang: float, ox: float, oy: float) -> list[Pt]:
    ca, sa = math.cos(ang), math.sin(ang)
    return [(ox + (x - ox) * ca - (y - oy) * sa, oy + (x - ox) * sa + (y - oy) * ca) for x, y in pts]


def _box(cx: float, cy: float, rx: float, ry: float | None = None) -> tuple[float, float, float, float]:
    ry = rx if ry is None else ry
    return (cx - rx, cy - ry, cx + rx, cy + ry)


def _star(cx: float, cy: float, r1: float, r2: float, n: int, ang: float = 0.0) -> list[Pt]:
    pts = []
    for i in range(2 * n):
        r = r1 if i % 2 == 0 else r2
        a = ang + math.pi * i / n
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def _smooth_profile(ctrl: Sequence[tuple[float, float]], y0: float, y1: float, n: int = 40) -> list[Pt]:
    """(y, r) samples of a lathe profile through control points (t, r), t in 0..1."""
    out = []
    for i in range(n + 1):
        t = i / n
        k = 0
        while k < len(ctrl) - 2 and ctrl[k + 1][0] < t:
            k += 1
        (ta, ra), (tb, rb) = ctrl[k], ctrl[k + 1]
        u = 0.0 if tb == ta else min(1.0, max(0.0, (t - ta) / (tb - ta)))
        u = u * u * (3 - 2 * u)  # smoothstep -> soft shoulders
        out.append((y0 + (y1 - y0) * t, ra + (rb - ra) * u))
    return out


@lru_cache(maxsize=64)
def _spline(pts: tuple[Pt, ...], closed: bool = True, n: int = 6) -> tuple[Pt, ...]:
    """Catmull-Rom through control points: smooth outlines from a short list.
    Cached, so call it on normalised constants and scale the result."""
    m = len(pts)
    out: list[Pt] = []
    segs = m if closed else m - 1
    for i in range(segs):
        p0 = pts[(i - 1) % m] if closed or i > 0 else pts[0]
        p1, p2 = pts[i], pts[(i + 1) % m]
        p3 = pts[(i + 2) % m] if closed or i + 2 < m else pts[-1]
        for k in range(n):
            t = k / n
            t2, t3 = t * t, t * t * t
            out.append(
                tuple(
                    0.5
                    * (
                        2 * p1[j]
                        + (-p0[j] + p2[j]) * t
                        + (2 * p0[j] - 5 * p1[j] + 4 * p2[j] - p3[j]) * t2
                        + (-p0[j] + 3 * p1[j] - 3 * p2[j] + p3[j]) * t3
                    )
                    for j in (0, 1)
                )
            )  # type: ignore[misc]
    if not closed:
        out.append(tuple(pts[-1]))  # type: ignore[arg-type]
    return tuple(out)


# --------------------------------------------------------------------------
# Painting helpers (all C-level Pillow calls)
# --------------------------------------------------------------------------

Shape = tuple  # ("p", pts, fill) | ("e", box, fill) | ("r", box, fill)


def _aa_mask(shapes: Sequence[Shape], ss: int = 2) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """Draw shapes at ss x into an L mask and box-reduce: cheap antialiasing."""
    xs: list[float] = []
    ys: list[float] = []
    for kind, geom, _ in shapes:
        if kind == "p":
            xs.extend(p[0] for p in geom)
            ys.extend(p[1] for p in geom)
        else:
            xs.extend((geom[0], geom[2]))
            ys.extend((geom[1], geom[3]))
    x0, y0 = int(math.floor(min(xs))) - 1, int(math.floor(min(ys))) - 1
    x1, y1 = int(math.ceil(max(xs))) + 2, int(math.ceil(max(ys))) + 2
    w, h = max(1, x1 - x0), max(1, y1 - y0)
    m = Image.new("L", (w * ss, h * ss), 0)
    md = ImageDraw.Draw(m)
    for kind, geom, val in shapes:
        if kind == "p":
            md.polygon([((x - x0) * ss, (y - y0) * ss) for x, y in geom], fill=val)
        elif kind == "e":
            md.ellipse(((geom[0] - x0) * ss, (geom[1] - y0) * ss, (geom[2] - x0) * ss, (geom[3] - y0) * ss), fill=val)
        else:
            md.rectangle(((geom[0] - x0) * ss, (geom[1] - y0) * ss, (geom[2] - x0) * ss, (geom[3] - y0) * ss), fill=val)
    if ss > 1:
        m = m.reduce(ss)
    return m, (x0, y0, x0 + w, y0 + h)


def _fill(img: Image.Image, shapes: Sequence[Shape], color: Sequence[int] | Image.Image) -> None:
    """Fill a union of shapes with a colour or a texture image, with soft edges.

    Solid colours are drawn directly and edged with a 1px colour halfway to the
    backdrop (near-free antialiasing); textures and shapes with holes go
    through a 2x supersampled mask, the only way to clip a texture in Pillow."""
    if not isinstance(color, Image.Image) and all(v == 255 for _, _, v in shapes):
        col = tuple(color)
        x, y = shapes[0][1][0] if shapes[0][0] == "p" else shapes[0][1][:2]
        bx = min(img.size[0] - 1, max(0, int(x) - 2))
        by = min(img.size[1] - 1, max(0, int(y) - 2))
        edge = _mix(col, img.getpixel((bx, by)), 0.5)
        d = ImageDraw.Draw(img)
        for kind, geom, _ in shapes:  # 1px halo straddling the outline
            if kind == "p":
                d.line(list(geom) + [geom[0]], fill=edge, width=2)
            elif kind == "e":
                d.ellipse((geom[0] - 0.7, geom[1] - 0.7, geom[2] + 0.7, geom[3] + 0.7), fill=edge)
        for kind, geom, _ in shapes:
            if kind == "p":
                d.polygon(geom, fill=col)
            elif kind == "e":
                d.ellipse(geom, fill=col)
            else:
                d.rectangle(geom, fill=col)
        return
    m, box = _aa_mask(shapes)
    if isinstance(color, Image.Image):
        tex = color
        if tex.size[0] < m.size[0] or tex.size[1] < m.size[1]:
            tex = tex.resize(m.size, _NEAREST)
        elif tex.size != m.size:
            tex = tex.crop((0, 0) + m.size)
        img.paste(tex, box[:2], m)
    else:
        img.paste(Image.new("RGB", m.size, tuple(color)), box[:2], m)


def _hgrad(w: int, h: int, stops: Sequence[Sequence[int]]) -> Image.Image:
    """Horizontal gradient image: tiny strip, bilinear upscale in x only."""
    strip = Image.new("RGB", (len(stops), 1))
    strip.putdata([tuple(c) for c in stops])
    return strip.resize((max(1, w), 1), _BILINEAR).resize((max(1, w), max(1, h)), _NEAREST)


def _background(
    s: int, top: Sequence[int], bottom: Sequence[int], rng: random.Random, glow: float = 0.22
) -> Image.Image:
    """Soft studio backdrop: vertical gradient + off-centre glow + vignette."""
    n = 6
    gx, gy = rng.uniform(0.3, 0.7) * (n - 1), rng.uniform(0.15, 0.4) * (n - 1)
    px = []
    for y in range(n):
        base = _mix(top, bottom, y / (n - 1))
        for x in range(n):
            d = math.hypot(x - gx, y - gy) / (n - 1)
            c = _light(base, max(0.0, glow * (1 - d * 1.4)))
            edge = max(abs(x / (n - 1) - 0.5), abs(y / (n - 1) - 0.5))
            px.append(_dark(c, max(0.0, edge - 0.3) * 0.22))
    small = Image.new("RGB", (n, n))
    small.putdata(px)
    mid = max(8, s // 6)
    return small.resize((mid, mid), _BILINEAR).resize((s, s), _BILINEAR if s <= 240 else _NEAREST)


def _soft_bg(rng: random.Random, s: int, hue_hint: Sequence[int] | None = None) -> Image.Image:
    """Warm light backdrop, optionally tinted toward the product colour."""
    top = _jit(rng, (246, 240, 230), 0.03, 0.05, 0.02)
    bottom = _jit(rng, (222, 210, 192), 0.03, 0.05, 0.04)
    if hue_hint is not None:
        top = _mix(top, _light(hue_hint, 0.82), 0.45)
        bottom = _mix(bottom, _light(hue_hint, 0.6), 0.35)
    return _background(s, top, bottom, rng)


def _shadow(
    img: Image.Image, d: ImageDraw.ImageDraw, cx: float, cy: float, rx: float, ry: float, strength: float = 0.33
) -> None:
    """Fake soft contact shadow: concentric ellipses darkening inward."""
    x = min(img.size[0] - 1, max(0, int(cx)))
    y = min(img.size[1] - 1, max(0, int(cy)))
    bg = img.getpixel((x, y))
    steps = 7
    for i in range(steps):
        t = i / (steps - 1)
        k = 1.0 - 0.55 * t
        d.ellipse(_box(cx, cy, rx * k, ry * k), fill=_dark(bg, strength * (0.12 + 0.88 * t * t)))


def _lathe(img: Image.Image, cx: float, prof: Sequence[Pt], ramp: Sequence[Sequence[int]], shift: float = 0.38) -> None:
    """Shade a turned object (vessel, bottle) with nested, left-shifted copies
    of its silhouette: reads as a cylinder lit from the left, costs a few polygons."""
    outer = [(cx - r, y) for y, r in prof] + [(cx + r, y) for y, r in reversed(prof)]
    _fill(img, [("p", outer, 255)], ramp[0])
    d = ImageDraw.Draw(img)
    n = len(ramp)
    for i in range(1, n):
        k = 1.0 - 0.88 * i / n
        sh = (1.0 - k) * shift
        pts = [(cx - r * (k + sh), y) for y, r in prof] + [(cx + r * (k - sh), y) for y, r in reversed(prof)]
        d.polygon(pts, fill=tuple(ramp[i]))


def _ellipsoid(
    d: ImageDraw.ImageDraw,
    cx: float,
    cy: float,
    rx: float,
    ry: float,
    color: Sequence[int],
    steps: int = 6,
    gloss: bool = True,
) -> None:
    """Shaded ball/bead/disc from concentric ellipses drifting to the light."""
    lo, hi = _dark(color, 0.42), _light(color, 0.35)
    for i in range(steps):
        t = i / max(1, steps - 1)
        k = 1.0 - 0.72 * t
        ox, oy = cx - rx * 0.28 * t, cy - ry * 0.28 * t
        col = _mix(lo, color, min(1.0, t * 2)) if t < 0.5 else _mix(color, hi, (t - 0.5) * 2)
        d.ellipse(_box(ox, oy, rx * k, ry * k), fill=col)
    if gloss and rx > 3:
        d.ellipse(_box(cx - rx * 0.38, cy - ry * 0.42, rx * 0.16, ry * 0.11), fill=_light(color, 0.8))


@lru_cache(maxsize=32)
def _dim_lut(f: float) -> tuple[int, ...]:
    return tuple(int(v * f) for v in range(256)) * 3


def _dim(img: Image.Image, f: float) -> Image.Image:
    """Darkened copy of an RGB texture via a cached lookup table."""
    return img.point(list(_dim_lut(round(f, 3))))


def _tile_fill(img: Image.Image, tile: Image.Image, box: tuple[int, int, int, int], stagger: bool = False) -> None:
    """Cover ``box`` with repeated pastes of a small tile (fast repeat pattern)."""
    tw, th = tile.size
    x0, y0, x1, y1 = box
    row = 0
    y = y0
    while y < y1:
        off = (tw // 2) if (stagger and row % 2) else 0
        x = x0 - off
        while x < x1:
            img.paste(tile, (x, y))
            x += tw
        y += th
        row += 1


def _texture(w: int, h: int, tile: Image.Image, stagger: bool = False) -> Image.Image:
    tex = Image.new("RGB", (max(1, w), max(1, h)))
    _tile_fill(tex, tile, (0, 0, w, h), stagger)
    return tex


# --------------------------------------------------------------------------
# Label
# --------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _font(px: int) -> ImageFont.ImageFont:
    """Pillow's scalable default font (Pillow >= 10.1, as pyproject requires)."""
    return ImageFont.load_default(size=px)


def _text_w(d: ImageDraw.ImageDraw, text: str, font: ImageFont.ImageFont) -> float:
    return d.textlength(text, font=font)


def _draw_label(img: Image.Image, label: str) -> None:
    """Small caption strip at the bottom; Latin-1 only so bitmap fonts cope."""
    s = img.size[0]
    text = " ".join(label.split()).encode("latin-1", "replace").decode("latin-1")
    if not text:
        return
    px = max(10, s // 30)
    font = _font(px)
    d = ImageDraw.Draw(img)
    maxw = s * 0.9
    if _text_w(d, text, font) > maxw:
        while len(text) > 1 and _text_w(d, text + "...", font) > maxw:
            text = text[:-1]
        text = text.rstrip() + "..."
    bb = d.textbbox((0, 0), text, font=font)
    th = bb[3] - bb[1]
    top_off = bb[1]
    tw = _text_w(d, text, font)
    pad = max(3, px // 2)
    y1 = s - max(2, s // 40)
    y0 = y1 - th - 2 * pad
    x0 = (s - tw) / 2 - pad * 1.5
    x1 = (s + tw) / 2 + pad * 1.5
    d.rounded_rectangle((x0, y0, x1, y1), radius=pad, fill=(250, 247, 240), outline=(200, 190, 175))
    d.text(((s - tw) / 2, y0 + pad - top_off), text, fill=(60, 45, 35), font=font)


# --------------------------------------------------------------------------
# Family painters: each takes (rng, size, craft) and returns an RGB image
# --------------------------------------------------------------------------

Painter = Callable[[random.Random, int, str], Image.Image]

_METALS: dict[str, tuple[RGB, ...]] = {
    "brass": ((92, 58, 10), (168, 118, 30), (222, 176, 72), (248, 218, 130), (255, 246, 205)),
    "copper": ((78, 30, 12), (150, 70, 38), (205, 118, 78), (240, 170, 130), (255, 225, 205)),
    "silver": ((82, 84, 92), (140, 143, 152), (190, 193, 200), (225, 228, 233), (252, 252, 253)),
    "bidri": ((10, 10, 12), (26, 27, 30), (44, 45, 50), (66, 68, 74), (110, 112, 120)),
    "bronze": ((62, 36, 14), (120, 76, 36), (168, 118, 64), (205, 160, 102), (240, 210, 165)),
}


def _metal_for(craft: str) -> str:
    if _has(craft, "copper", "tamba"):
        return "copper"
    if _has(craft, "bidri"):
        return "bidri"
    if _has(craft, "silver", "filigree", "tarkashi", "tarakasi", "chandi"):
        return "silver"
    if _has(craft, "dhokra", "dokra", "bronze", "bell", "kansa", "panchaloha", "idol"):
        return "bronze"
    return "brass"


def _paint_metal(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Polished lota / surahi / thali with engraved bands."""
    metal = _metal_for(craft)
    stops = [_jit(rng, c, 0.012, 0.05, 0.04) for c in _METALS[metal]]
    engr = (214, 216, 222) if metal == "bidri" else _dark(stops[1], 0.35)
    img = _soft_bg(rng, s, stops[2] if metal != "bidri" else (120, 120, 130))
    d = ImageDraw.Draw(img)
    kind = rng.choice(("lota", "lota", "surahi", "thali"))
    lw = max(1, s // 260)
    cx = s * rng.uniform(0.47, 0.53)
    if kind == "thali":
        cy, rx = s * 0.52, s * rng.uniform(0.36, 0.41)
        ry = rx * rng.uniform(0.5, 0.62)
        _shadow(img, d, cx + s * 0.02, cy + ry * 0.22, rx * 1.08, ry * 1.02)
        ring = _ramp(stops[:4], 5)
        for i, col in enumerate(ring):
            k = 1.0 - 0.03 * i
            d.ellipse(_box(cx - rx * 0.02 * i, cy - ry * 0.02 * i, rx * k, ry * k), fill=col)
        _fill(img, [("e", _box(cx, cy, rx * 0.86, ry * 0.86), 255)], stops[1])
        well = _ramp([stops[1], stops[2], stops[3], stops[4]], 6)
        for i, col in enumerate(well):
            k = 0.84 - 0.1 * i
            d.ellipse(_box(cx + rx * 0.04 * i, cy + ry * 0.04 * i, rx * k, ry * k), fill=col)
        for k in (0.93, 0.78, 0.6, 0.3):
            d.ellipse(_box(cx, cy, rx * k, ry * k), outline=engr, width=lw)
        npet = rng.choice((12, 16, 20))
        for i in range(npet):
            a = _TAU * i / npet
            px, py = cx + math.cos(a) * rx * 0.69, cy + math.sin(a) * ry * 0.69
            d.polygon(_ell(px, py, rx * 0.07, ry * 0.03, a, 10), outline=engr)
        for i in range(8):
            a = _TAU * i / 8
            d.line((cx, cy, cx + math.cos(a) * rx * 0.28, cy + math.sin(a) * ry * 0.28), fill=engr, width=lw)
        d.ellipse(_box(cx, cy, rx * 0.08, ry * 0.08), outline=engr, width=lw)
        return img

    # lota / surahi: one lathe profile (y, r) from rim to foot
    body_r = s * rng.uniform(0.2, 0.25) * (0.88 if kind == "surahi" else 1.0)
    neck_r = body_r * (rng.uniform(0.26, 0.32) if kind == "surahi" else rng.uniform(0.38, 0.48))
    neck_len = s * (rng.uniform(0.17, 0.22) if kind == "surahi" else rng.uniform(0.06, 0.09))
    rim_r = neck_r * (1.25 if kind == "surahi" else rng.uniform(1.35, 1.6))
    top = s * 0.15
    body_top = top + s * 0.04 + neck_len
    body_h = body_r * rng.uniform(1.75, 1.95)
    body_bot = body_top + body_h
    foot_h = s * 0.035
    prof: list[Pt] = [(top, rim_r), (top + s * 0.02, rim_r * 0.98), (top + s * 0.04, neck_r * 1.05)]
    for i in range(1, 5):
        t = i / 5
        prof.append((top + s * 0.04 + neck_len * t, neck_r * (1 - 0.08 * math.sin(math.pi * t))))
    cy = body_top + body_h / 2
    for i in range(1, 24):
        a = -math.pi / 2 + math.pi * i / 24
        y = cy + math.sin(a) * body_h / 2
        r = max(neck_r if a < 0 else body_r * 0.42, body_r * math.cos(a))
        prof.append((y, r))
    prof += [
        (body_bot - s * 0.004, body_r * 0.42),
        (body_bot + foot_h * 0.3, body_r * 0.38),
        (body_bot + foot_h, body_r * 0.46),
    ]
    _shadow(img, d, cx + s * 0.02, body_bot + foot_h, body_r * 1.25, s * 0.035)
    _lathe(img, cx, prof, _ramp(stops, 9))
    d = ImageDraw.Draw(img)
    # rim opening
    d.ellipse(_box(cx, top + s * 0.004, rim_r * 0.9, s * 0.012), fill=stops[0], outline=stops[3], width=lw)

    def r_at(y: float) -> float:
        return max(0.0, body_r * math.cos(math.asin(max(-1.0, min(1.0, (y - cy) / (body_h / 2))))))

    # engraved bands with a motif row between two of them
    fr = sorted(rng.sample((-0.62, -0.5, -0.3, 0.18, 0.34, 0.55), 4))
    for f in fr:
        y = cy + f * body_h / 2
        r = r_at(y) * 0.985
        d.arc(_box(cx, y, r, r * 0.16), 0, 180, fill=engr, width=lw)
    y_a, y_b = cy + fr[0] * body_h / 2, cy + fr[1] * body_h / 2
    ym = (y_a + y_b) / 2
    rm = r_at(ym)
    motif = rng.choice(("leaf", "dot", "zig"))
    n = 13
    prev = None
    for i in range(n + 1):
        th = math.pi * (i + 0.5) / (n + 1)
        x = cx + math.cos(th) * rm * 0.95
        y = ym + math.sin(th) * rm * 0.16
        hh = (y_b - y_a) * 0.3 * math.sin(th) ** 0.5
        if motif == "leaf":
            d.polygon(_ell(x, y, max(1.0, rm * 0.045 * math.sin(th)), hh, 0.0, 8), outline=engr)
        elif motif == "dot":
            rr = max(1.0, rm * 0.025 * math.sin(th))
            d.ellipse(_box(x, y, rr), fill=engr)
        else:
            p = (x, y + (hh if i % 2 else -hh))
            if prev:
                d.line((prev, p), fill=engr, width=lw)
            prev = p
    # medallion on the belly
    mx, my = cx + rng.uniform(-0.12, 0.12) * body_r, cy + body_h * rng.uniform(0.0, 0.08)
    mr = body_r * rng.uniform(0.18, 0.26)
    d.ellipse(_box(mx, my, mr, mr * 0.9), outline=engr, width=lw)
    for i in range(8):
        a = _TAU * i / 8
        d.polygon(
            _ell(mx + math.cos(a) * mr * 0.55, my + math.sin(a) * mr * 0.5, mr * 0.3, mr * 0.12, a, 10), outline=engr
        )
    return img


_TEXTILE_BASES: tuple[RGB, ...] = (
    (128, 18, 36),
    (160, 24, 42),
    (32, 40, 104),
    (12, 92, 64),
    (148, 20, 92),
    (96, 28, 84),
    (20, 80, 110),
    (170, 70, 20),
)


def _paint_textiles(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Woven repeat: buti/bandhani/ikat/block-print motif tile plus zari border."""
    if _has(craft, "bandhani", "bandhej", "leheriya", "tie-dye", "bandha"):
        style = "bandhani"
    elif _has(craft, "ikat", "patola", "pochampally", "sambalpuri"):
        style = "ikat"
    elif _has(craft, "block", "print", "ajrakh", "kalamkari", "bagru", "sanganer", "dabu", "bagh"):
        style = "block"
    elif _has(craft, "chikan", "lucknow"):
        style = "chikan"
    elif _has(craft, "zari", "zardozi", "banaras", "brocade", "kanjee", "kanchi", "paithani", "silk", "saree", "sari"):
        style = "buti"
    else:
        style = rng.choice(("buti", "buti", "bandhani", "ikat", "block", "chikan"))

    base = _jit(rng, rng.choice(_TEXTILE_BASES), 0.02, 0.08, 0.06)
    gold = _jit(rng, (222, 178, 74), 0.015, 0.08, 0.05)
    accent = _jit(
        rng,
        rng.choice(((236, 190, 60), (30, 120, 90), (214, 60, 70), (240, 240, 230), (60, 140, 200))),
        0.02,
        0.08,
        0.05,
    )
    motif = gold
    if style == "block":
        base = _jit(rng, rng.choice(((236, 226, 204), (32, 44, 96), (150, 36, 30))), 0.02, 0.05, 0.04)
        light_base = sum(base) > 450
        motif = (150, 36, 30) if light_base else (236, 226, 204)
        accent = (32, 44, 96) if light_base else (214, 150, 60)
    elif style == "chikan":
        base = _jit(
            rng, rng.choice(((238, 200, 205), (200, 226, 214), (206, 216, 238), (246, 232, 196))), 0.02, 0.05, 0.03
        )
        motif = (252, 250, 246)
        gold = _dark(base, 0.18)
        accent = _dark(base, 0.1)
    elif style == "bandhani":
        motif = (250, 244, 226)

    t = max(24, (s // rng.choice((5, 6, 7))) // 12 * 12)
    tile = Image.new("RGB", (t, t), base)
    td = ImageDraw.Draw(tile)
    weft = _dark(base, 0.07)
    warp = _light(base, 0.05)
    for y in range(0, t, 3):
        td.line((0, y, t, y), fill=weft)
    for x in range(0, t, 4):
        td.line((x, 0, x, t), fill=warp)
    c = t / 2
    if style == "buti":
        if rng.random() < 0.5:  # flower buti
            for i in range(6):
                a = _TAU * i / 6 + 0.3
                td.polygon(
                    _ell(c + math.cos(a) * t * 0.14, c + math.sin(a) * t * 0.14, t * 0.13, t * 0.06, a, 12), fill=motif
                )
            td.ellipse(_box(c, c, t * 0.07), fill=accent)
            for dx in (-1, 1):
                td.polygon(_ell(c + dx * t * 0.2, c + t * 0.3, t * 0.1, t * 0.035, dx * 0.6, 10), fill=motif)
        else:  # paisley (kalka) buti
            pr = t * 0.15
            pts = [
                (c + math.cos(math.pi - math.pi * i / 14) * pr, c + t * 0.1 + math.sin(math.pi - math.pi * i / 14) * pr)
                for i in range(15)
            ]
            tip = (c + pr * 1.1, c - t * 0.32)
            for i in range(1, 8):  # right side up to the curled tip
                u = i / 8
                pts.append((c + pr * (1 - u) + (tip[0] - c) * u * u, c + t * 0.1 + (tip[1] - c - t * 0.1) * u))
            for i in range(1, 8):  # back down the left side
                u = i / 8
                pts.append((tip[0] + (c - pr - tip[0]) * u, tip[1] + (c + t * 0.1 - tip[1]) * math.sqrt(u)))
            td.polygon(pts, fill=motif)
            td.ellipse(_box(c, c + t * 0.1, pr * 0.45), fill=accent)
            td.ellipse(_box(c, c + t * 0.1, pr * 0.18), fill=motif)
        td.ellipse(_box(0, 0, t * 0.04), fill=motif)
        td.ellipse(_box(t, 0, t * 0.04), fill=motif)
        td.ellipse(_box(0, t, t * 0.04), fill=motif)
        td.ellipse(_box(t, t, t * 0.04), fill=motif)
    elif style == "bandhani":
        dr = t * 0.04
        for i in range(8):
            a = _TAU * i / 8
            x, y = c + math.cos(a) * t * 0.2, c + math.sin(a) * t * 0.2
            td.ellipse(_box(x, y, dr), fill=motif)
            td.ellipse(_box(x, y, dr * 0.35), fill=_dark(base, 0.25))
        td.ellipse(_box(c, c, dr * 1.3), fill=accent)
        for x, y in ((0, 0), (t, 0), (0, t), (t, t), (c, 0), (0, c), (t, c), (c, t)):
            td.ellipse(_box(x, y, dr * 0.8), fill=motif)
    elif style == "ikat":
        for k, col in ((0.44, motif), (0.3, accent), (0.16, motif), (0.06, base)):
            td.polygon([(c, c - t * k), (c + t * k * 0.8, c), (c, c + t * k), (c - t * k * 0.8, c)], fill=col)
        # feathered (resist-dyed) edges: short streaks crossing the outline
        for y in range(int(c - t * 0.46), int(c + t * 0.46), 3):
            dx = (t * 0.44 - abs(y - c)) * 0.8
            j = rng.uniform(-t * 0.04, t * 0.04)
            td.line((c - dx + j - t * 0.03, y, c - dx + j + t * 0.02, y), fill=motif if j > 0 else base)
            td.line((c + dx - j - t * 0.02, y, c + dx - j + t * 0.03, y), fill=motif if j > 0 else base)
    elif style == "block":
        td.polygon(_star(c, c, t * 0.3, t * 0.16, 8, rng.uniform(0, 0.4)), fill=motif)
        td.ellipse(_box(c, c, t * 0.11), fill=accent)
        td.ellipse(_box(c, c, t * 0.045), fill=base)
        for x, y in ((0, 0), (t, 0), (0, t), (t, t)):
            td.polygon(_star(x, y, t * 0.13, t * 0.06, 4, math.pi / 4), fill=accent)
    else:  # chikan: white shadow-work flower outlines
        lw = max(1, t // 60)
        for i in range(5):
            a = _TAU * i / 5 - math.pi / 2
            td.polygon(
                _ell(c + math.cos(a) * t * 0.13, c + math.sin(a) * t * 0.13, t * 0.11, t * 0.055, a, 14), outline=motif
            )
        td.ellipse(_box(c, c, t * 0.035), fill=motif)
        td.arc(_box(c - t * 0.18, c + t * 0.25, t * 0.16), 200, 340, fill=motif, width=lw)
        for i in range(5):
            td.ellipse(_box(c + t * (0.22 + 0.05 * i), c + t * (0.3 - 0.02 * i), t * 0.012), fill=motif)

    img = Image.new("RGB", (s, s), base)
    _tile_fill(img, tile, (0, 0, s, s), stagger=True)
    d = ImageDraw.Draw(img)

    # border (pallu) with zari stripes and a temple / triangle row
    by0 = int(s * rng.uniform(0.64, 0.72))
    bh = int(s * 0.065)
    tri = int(s * rng.uniform(0.035, 0.05))
    d.rectangle((0, by0 - tri - s * 0.012, s, s), fill=base)
    for y in range(int(by0 - tri - s * 0.012), s, 3):
        d.line((0, y, s, y), fill=weft)
    d.line((0, by0 - tri - s * 0.014, s, by0 - tri - s * 0.014), fill=gold, width=max(1, s // 200))
    for x in range(0, s + tri, tri):
        d.polygon([(x, by0), (x + tri / 2, by0 - tri), (x + tri, by0)], fill=gold)
        d.polygon([(x + tri * 0.3, by0), (x + tri / 2, by0 - tri * 0.45), (x + tri * 0.7, by0)], fill=accent)
    d.rectangle((0, by0, s, by0 + bh), fill=gold)
    zl = _dark(gold, 0.18)
    for y in range(by0 + 2, by0 + bh, 3):
        d.line((0, y, s, y), fill=zl)
    dm = bh * 0.32
    for x in range(int(dm), s + int(dm), int(dm * 2.6)):
        d.polygon(
            [(x, by0 + bh / 2 - dm), (x + dm, by0 + bh / 2), (x, by0 + bh / 2 + dm), (x - dm, by0 + bh / 2)],
            fill=accent,
        )
        d.ellipse(_box(x, by0 + bh / 2, dm * 0.3), fill=gold)
    y2 = by0 + bh + s * 0.03
    d.rectangle((0, y2, s, y2 + s * 0.022), fill=accent)
    d.line((0, y2 - s * 0.008, s, y2 - s * 0.008), fill=gold, width=max(1, s // 260))
    d.line((0, y2 + s * 0.03, s, y2 + s * 0.03), fill=gold, width=max(1, s // 260))
    for x in range(0, s, max(4, s // 40)):
        d.ellipse(_box(x + s / 80, y2 + s * 0.011, s * 0.004), fill=gold)
    # narrow selvedge stripes at the top
    d.rectangle((0, 0, s, s * 0.035), fill=gold)
    d.line((0, s * 0.045, s, s * 0.045), fill=gold, width=max(1, s // 260))
    # fringe
    fy = s * 0.955
    d.rectangle((0, fy, s, s), fill=_light(img.getpixel((1, 1)), 0.75))
    for x in range(0, s, max(3, s // 110)):
        d.line((x, fy - s * 0.01, x + s * 0.003, s), fill=gold if (x // 7) % 2 else base, width=max(1, s // 400))
    return img


def _paint_pottery(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Turned vase: black+silver, terracotta, or blue-pottery glaze."""
    if _has(craft, "black"):
        style = "black"
    elif _has(craft, "blue"):
        style = "blue"
    elif _has(craft, "terracotta", "clay", "matka", "kulhad", "earthen", "molela"):
        style = "terracotta"
    else:
        style = rng.choice(("terracotta", "glazed", "blue", "black"))
    if style == "black":
        stops = [(6, 6, 8), (16, 16, 18), (30, 30, 34), (56, 56, 62), (110, 110, 118)]
        deco, deco2 = (205, 205, 212), (170, 170, 180)
    elif style == "blue":
        stops = [(150, 165, 185), (200, 212, 226), (228, 236, 244), (243, 247, 251), (255, 255, 255)]
        deco, deco2 = _jit(rng, (24, 56, 150), 0.02, 0.05, 0.05), _jit(rng, (36, 168, 190), 0.02, 0.08, 0.05)
    elif style == "terracotta":
        t = _jit(rng, (182, 84, 46), 0.02, 0.08, 0.06)
        stops = [_dark(t, 0.5), _dark(t, 0.25), t, _light(t, 0.2), _light(t, 0.42)]
        deco, deco2 = (246, 236, 214), (40, 26, 20)
    else:
        g = _jit(rng, rng.choice(((40, 110, 90), (170, 120, 40), (110, 60, 40), (60, 90, 150))), 0.03, 0.06, 0.06)
        stops = [_dark(g, 0.55), _dark(g, 0.25), g, _light(g, 0.25), _light(g, 0.6)]
        deco, deco2 = (240, 230, 200), _light(g, 0.45)
    bg_hint = (200, 200, 205) if style == "black" else stops[2]
    img = _soft_bg(rng, s, bg_hint)
    d = ImageDraw.Draw(img)
    shapes = {
        "vase": [(0, 0.11), (0.07, 0.085), (0.2, 0.075), (0.42, 0.2), (0.6, 0.24), (0.85, 0.16), (1, 0.12)],
        "surahi": [(0, 0.06), (0.05, 0.05), (0.3, 0.042), (0.46, 0.17), (0.66, 0.24), (0.88, 0.17), (1, 0.1)],
        "matka": [(0, 0.15), (0.05, 0.13), (0.14, 0.17), (0.46, 0.31), (0.76, 0.27), (1, 0.12)],
        "jar": [(0, 0.13), (0.05, 0.12), (0.16, 0.2), (0.5, 0.23), (0.86, 0.2), (1, 0.15)],
    }
    name = rng.choice(tuple(shapes))
    scale = rng.uniform(0.92, 1.05)
    ctrl = [(t, r * s * scale) for t, r in shapes[name]]
    top = s * (0.13 if name != "matka" else 0.22) * rng.uniform(0.95, 1.05)
    bot = s * 0.86
    cx = s * rng.uniform(0.47, 0.53)
    prof = _smooth_profile(ctrl, top, bot, 44)
    _shadow(img, d, cx + s * 0.02, bot, ctrl[-1][1] * 1.9, s * 0.035)
    _lathe(img, cx, prof, _ramp(stops, 8))
    d = ImageDraw.Draw(img)
    lw = max(1, s // 220)
    r0 = prof[0][1]
    d.ellipse(_box(cx, top, r0, r0 * 0.16), fill=stops[3], outline=stops[1])
    d.ellipse(_box(cx, top + r0 * 0.02, r0 * 0.82, r0 * 0.11), fill=stops[0])

    def r_at(y: float) -> float:
        i = int((y - top) / (bot - top) * (len(prof) - 1))
        return prof[max(0, min(len(prof) - 1, i))][1]

    widest = max(range(len(prof)), key=lambda i: prof[i][1])
    yb = prof[widest][0]
    bands = sorted({yb - s * 0.11, yb + s * 0.1, top + (bot - top) * rng.uniform(0.88, 0.92), top + (bot - top) * 0.12})
    for y in bands:
        r = r_at(y) * 0.97
        d.arc(_box(cx, y, r, r * 0.14), 0, 180, fill=deco, width=lw * (2 if style != "black" else 1))
    # zigzag / triangle band on the shoulder
    ya, yz = yb - s * 0.11, yb - s * 0.05
    r = r_at((ya + yz) / 2) * 0.96
    n = rng.choice((9, 11, 13))
    pts = []
    for i in range(n * 2 + 1):
        th = math.pi * i / (n * 2)
        x = cx + math.cos(th) * r
        yy = (ya if i % 2 else yz) + math.sin(th) * r * 0.14
        pts.append((x, yy))
    if style == "terracotta":
        for i in range(1, len(pts) - 1, 2):
            d.polygon([pts[i - 1], pts[i], pts[i + 1]], fill=deco2 if i % 4 == 1 else deco)
    else:
        d.line(pts, fill=deco, width=lw)
    # central flower / leaf scroll on the belly
    fy = yb + s * 0.02
    fr = r_at(fy) * 0.22
    fx = cx - r_at(fy) * rng.uniform(0.0, 0.12)
    npet = rng.choice((6, 8))
    for i in range(npet):
        a = _TAU * i / npet
        pp = _ell(fx + math.cos(a) * fr * 0.55, fy + math.sin(a) * fr * 0.5, fr * 0.48, fr * 0.2, a, 12)
        if style == "black":
            d.polygon(pp, outline=deco)
        else:
            d.polygon(pp, fill=deco if i % 2 == 0 else deco2, outline=_dark(deco2, 0.3))
    d.ellipse(_box(fx, fy, fr * 0.18), fill=deco2)
    for sgn in (-1, 1):  # vine with leaves either side
        vx = fx + sgn * fr * 1.1
        pts = [(vx + sgn * fr * 1.6 * i / 6, fy + math.sin(i * 1.1) * fr * 0.35) for i in range(7)]
        d.line(pts, fill=deco, width=lw)
        for i in (1, 3, 5):
            x, y = pts[i]
            d.polygon(
                _ell(x, y - fr * 0.18 * (1 if i % 4 == 1 else -1), fr * 0.22, fr * 0.09, sgn * 0.8, 10),
                outline=deco,
                fill=None if style == "black" else deco2,
            )
    return img


_WOODS: dict[str, RGB] = {
    "rosewood": (104, 50, 34),
    "sheesham": (132, 76, 42),
    "teak": (150, 96, 52),
    "sandal": (196, 154, 104),
    "walnut": (96, 66, 42),
    "mango": (170, 122, 74),
    "red-sanders": (120, 36, 28),
    "ebony": (44, 34, 30),
}


def _wood_color(rng: random.Random, craft: str) -> RGB:
    for k, v in _WOODS.items():
        if k.split("-")[0] in craft:
            return _jit(rng, v, 0.01, 0.05, 0.04)
    return _jit(rng, rng.choice(tuple(_WOODS.values())[:6]), 0.01, 0.06, 0.05)


def _grain(rng: random.Random, w: int, h: int, base: Sequence[int]) -> Image.Image:
    """Wood grain: wavy 1px lines bending around a knot (per-x terms precomputed)."""
    img = Image.new("RGB", (max(1, w), max(1, h)), tuple(base))
    d = ImageDraw.Draw(img)
    kx, ky = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
    ph = rng.uniform(0, 6)
    step = max(6, w // 18)
    xs = list(range(-step, w + 2 * step, step))
    wave = [math.sin(x * 0.012 + ph) * h * 0.012 for x in xs]
    bump = [math.exp(-(((x - kx) / (w * 0.09)) ** 2)) * h * 0.06 for x in xs]
    n = max(10, h // 7)
    dark, light = _dark(base, 0.18), _light(base, 0.08)
    for i in range(n):
        y0 = (i + rng.random() * 0.5) * h / n
        sg = 1.0 if y0 > ky else -1.0
        tilt = (i % 5) * 0.15
        pts = [(x, y0 + wv * (1 + tilt) + sg * bp) for x, wv, bp in zip(xs, wave, bump, strict=True)]
        d.line(pts, fill=dark if i % 3 else light, width=1)
    rk = w * 0.035
    for j in range(4):
        d.ellipse(_box(kx, ky, rk * (1 - j * 0.22), rk * 0.45 * (1 - j * 0.22)), outline=dark)
    return img


def _paint_wood(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Carved wooden jaali panel with grain texture and bevelled holes."""
    if _has(craft, "lacquer", "toy"):
        return _paint_toys(rng, s, craft)
    wood = _wood_color(rng, craft)
    img = _soft_bg(rng, s, wood)
    d = ImageDraw.Draw(img)
    shape = rng.choice(("arch", "rect", "round"))
    x0, x1 = s * 0.2, s * 0.8
    y0, y1 = s * 0.1, s * 0.86
    if shape == "round":
        x0, x1, y0, y1 = s * 0.14, s * 0.86, s * 0.1, s * 0.82
    cxp = (x0 + x1) / 2
    _shadow(img, d, cxp + s * 0.02, y1, (x1 - x0) * 0.58, s * 0.03)
    d = ImageDraw.Draw(img)

    def outline_shapes(inset: float) -> list[Shape]:
        a0, a1, b0, b1 = x0 + inset, x1 - inset, y0 + inset, y1 - inset
        if shape == "rect":
            return [("r", (a0, b0, a1, b1), 255)]
        if shape == "round":
            return [("e", (a0, b0, a1, b1), 255)]
        rr = (a1 - a0) / 2
        return [("r", (a0, b0 + rr, a1, b1), 255), ("e", (a0, b0, a1, b0 + 2 * rr), 255)]

    tex = _grain(rng, int(x1 - x0) + 4, int(y1 - y0) + 4, wood)
    # depth edge, then the face with grain
    _fill(img, [(k, tuple(v + s * 0.012 for v in g), f) for k, g, f in outline_shapes(0)], _dark(wood, 0.55))
    _fill(img, outline_shapes(0), tex)
    inset = s * 0.055
    hole_bg = _dark(wood, 0.72)

    def outline_pts(ins: float) -> list[Pt]:
        a0, a1, b0, b1 = x0 + ins, x1 - ins, y0 + ins, y1 - ins
        if shape == "rect":
            return [(a0, b0), (a1, b0), (a1, b1), (a0, b1)]
        if shape == "round":
            return _ell((a0 + a1) / 2, (b0 + b1) / 2, (a1 - a0) / 2, (b1 - b0) / 2, 0.0, 48)
        rr = (a1 - a0) / 2
        arc = [
            ((a0 + a1) / 2 - math.cos(math.pi * i / 24) * rr, b0 + rr - math.sin(math.pi * i / 24) * rr)
            for i in range(25)
        ]
        return [(a0, b1)] + arc + [(a1, b1)]

    d = ImageDraw.Draw(img)
    gw = max(2, s // 130)
    for off, col in ((s * 0.004, _light(wood, 0.25)), (0.0, _dark(wood, 0.45))):  # carved groove
        pts = [(x + off, y + off) for x, y in outline_pts(inset - s * 0.004)]
        d.line(pts + [pts[0]], fill=col, width=gw)
    ix0, ix1, iy0, iy1 = x0 + inset, x1 - inset, y0 + inset, y1 - inset

    def inside(px: float, py: float, margin: float) -> bool:
        if shape == "rect":
            return ix0 + margin < px < ix1 - margin and iy0 + margin < py < iy1 - margin
        if shape == "round":
            rx, ry = (ix1 - ix0) / 2 - margin, (iy1 - iy0) / 2 - margin
            return ((px - cxp) / rx) ** 2 + ((py - (iy0 + iy1) / 2) / ry) ** 2 < 1
        rr = (ix1 - ix0) / 2
        if py > iy0 + rr:
            return ix0 + margin < px < ix1 - margin and py < iy1 - margin
        return math.hypot(px - cxp, py - (iy0 + rr)) < rr - margin

    hole = rng.choice(("quatrefoil", "star", "diamond", "circle"))
    cols = rng.choice((5, 6, 7))
    pitch = (ix1 - ix0) / cols
    hr = pitch * 0.36
    lit = _light(wood, 0.3)
    y = iy0 + pitch / 2
    while y < iy1:
        x = ix0 + pitch / 2
        while x < ix1:
            if inside(x, y, hr * 1.1):
                for col, off in ((lit, hr * 0.12), (hole_bg, 0.0)):
                    cxh, cyh = x + off, y + off
                    if hole == "quatrefoil":
                        for a in (0, 1.5708, 3.1416, 4.7124):
                            d.ellipse(
                                _box(cxh + math.cos(a) * hr * 0.45, cyh + math.sin(a) * hr * 0.45, hr * 0.5), fill=col
                            )
                    elif hole == "star":
                        d.polygon(_star(cxh, cyh, hr * 1.05, hr * 0.5, 8, 0.0), fill=col)
                    elif hole == "diamond":
                        d.polygon(
                            [(cxh, cyh - hr), (cxh + hr * 0.8, cyh), (cxh, cyh + hr), (cxh - hr * 0.8, cyh)], fill=col
                        )
                    else:
                        d.ellipse(_box(cxh, cyh, hr * 0.9), fill=col)
                if hole == "circle":
                    d.ellipse(_box(x, y, hr * 0.3), fill=wood)
            x += pitch
        y += pitch
    # carved rosettes where the lattice meets (only for square grids)
    if hole in ("circle", "diamond"):
        y = iy0 + pitch
        while y < iy1:
            x = ix0 + pitch
            while x < ix1:
                if inside(x, y, hr * 0.4):
                    d.ellipse(_box(x, y, hr * 0.22), fill=_dark(wood, 0.3))
                x += pitch
            y += pitch
    return img


_FIBRES: dict[str, RGB] = {
    "jute": (196, 158, 98),
    "bamboo": (206, 176, 108),
    "cane": (214, 182, 124),
    "coir": (134, 88, 48),
    "sabai": (212, 186, 120),
    "grass": (206, 178, 96),
    "kauna": (170, 140, 82),
    "palm": (200, 170, 110),
    "moonj": (216, 190, 128),
    "sikki": (222, 184, 84),
    "banana": (168, 132, 80),
}


def _weave_tile(c: int, fibre: Sequence[int], dye: Sequence[int] | None) -> Image.Image:
    """2x2 basket-weave cell: two strands each way, shaded so they read as over/under."""
    t = Image.new("RGB", (2 * c, 2 * c), _dark(fibre, 0.45))
    d = ImageDraw.Draw(t)
    strand = c // 2
    col = tuple(dye) if dye is not None else tuple(fibre)
    for qx in (0, 1):
        for qy in (0, 1):
            ox, oy = qx * c, qy * c
            horiz = (qx + qy) % 2 == 0
            for k in range(2):
                if horiz:
                    b = (ox, oy + k * strand + 1, ox + c - 1, oy + (k + 1) * strand - 1)
                else:
                    b = (ox + k * strand + 1, oy, ox + (k + 1) * strand - 1, oy + c - 1)
                d.rectangle(b, fill=col)
                if horiz:
                    d.line((b[0], b[1] + 1, b[2], b[1] + 1), fill=_light(col, 0.25))
                    d.line((b[0], b[3], b[2], b[3]), fill=_dark(col, 0.25))
                    d.line((b[0], b[1], b[0], b[3]), fill=_dark(col, 0.3))
                else:
                    d.line((b[0] + 1, b[1], b[0] + 1, b[3]), fill=_light(col, 0.25))
                    d.line((b[2], b[1], b[2], b[3]), fill=_dark(col, 0.25))
                    d.line((b[0], b[1], b[2], b[1]), fill=_dark(col, 0.3))
    return t


def _paint_fibre(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Woven basket (side view), coiled tray, or flat mat."""
    fibre = None
    for k, v in _FIBRES.items():
        if k in craft:
            fibre = v
            break
    fibre = _jit(rng, fibre or rng.choice(tuple(_FIBRES.values())), 0.015, 0.06, 0.05)
    dye = _jit(
        rng, rng.choice(((180, 40, 60), (40, 110, 80), (200, 120, 30), (50, 70, 150), (150, 40, 120))), 0.02, 0.05, 0.05
    )
    if _has(craft, "mat", "chatai", "rug"):
        kind = "mat"
    elif _has(craft, "coil", "sabai", "moonj", "sikki", "golden-grass"):
        kind = "coil"
    else:
        kind = rng.choice(("basket", "basket", "coil", "mat"))
    img = _soft_bg(rng, s, fibre)
    d = ImageDraw.Draw(img)
    c = max(6, s // rng.choice((20, 24, 28)))
    plain = _weave_tile(c, fibre, None)
    dyed = _weave_tile(c, fibre, dye)
    lw = max(1, s // 300)

    def woven(w: int, h: int) -> Image.Image:
        tex = Image.new("RGB", (max(1, w), max(1, h)))
        row, y = 0, 0
        every = rng.choice((3, 4, 5))
        while y < h:
            tile = dyed if row % every == every - 1 else plain
            for x in range(0, w, 2 * c):
                tex.paste(tile, (x, y))
            y += 2 * c
            row += 1
        return tex

    cx = s * 0.5
    if kind == "coil":
        cy, r = s * 0.5, s * rng.uniform(0.36, 0.41)
        ry = r * rng.uniform(0.62, 0.75)
        _shadow(img, d, cx + s * 0.02, cy + ry * 0.25, r * 1.07, ry * 1.05)
        d.ellipse(_box(cx, cy + s * 0.02, r, ry), fill=_dark(fibre, 0.45))
        rings = int(r / max(4, s * 0.022))
        for i in range(rings):
            k = 1 - i / rings
            col = dye if (i % 5 in (2, 3) and i > 1) else fibre
            d.ellipse(
                _box(cx, cy, r * k, ry * k), fill=_dark(col, 0.2 * (1 - k) + 0.05), outline=_dark(col, 0.35), width=lw
            )
            d.ellipse(
                _box(cx - r * k * 0.01, cy - ry * k * 0.04, r * k * 0.98, ry * k * 0.9),
                outline=_light(col, 0.25),
                width=lw,
            )
            nst = max(10, int(40 * k))
            for j in range(nst):
                a = _TAU * (j + (i % 2) * 0.5) / nst
                px, py = cx + math.cos(a) * r * k, cy + math.sin(a) * ry * k
                d.line(
                    (px, py, px + math.cos(a) * r * 0.025, py + math.sin(a) * ry * 0.025),
                    fill=_dark(col, 0.4),
                    width=lw,
                )
        d.ellipse(_box(cx, cy, r * 0.06, ry * 0.06), fill=_dark(fibre, 0.3))
        return img
    if kind == "mat":
        x0, y0, x1, y1 = s * 0.12, s * 0.16, s * 0.88, s * 0.84
        _shadow(img, d, cx + s * 0.02, y1 - s * 0.02, (x1 - x0) * 0.56, s * 0.05)
        d.rectangle((x0, y0, x1, y1), fill=_dark(fibre, 0.4))
        img.paste(woven(int(x1 - x0), int(y1 - y0)), (int(x0), int(y0)))
        d.rectangle((x0, y0, x1, y1), outline=dye, width=max(2, s // 60))
        for x in range(int(x0), int(x1), max(3, s // 100)):
            d.line((x, y1, x + rng.uniform(-2, 2), y1 + s * 0.05), fill=fibre, width=lw)
            d.line((x, y0, x + rng.uniform(-2, 2), y0 - s * 0.05), fill=fibre, width=lw)
        return img
    # basket, side view
    top, bot = s * 0.36, s * 0.84
    rt, rb = s * rng.uniform(0.3, 0.34), s * rng.uniform(0.21, 0.25)
    rim_ry = s * 0.075
    _shadow(img, d, cx + s * 0.02, bot, rb * 1.45, s * 0.04)
    d = ImageDraw.Draw(img)
    if rng.random() < 0.7:  # handle
        hw = max(3, s // 40)
        hb = _box(cx, top, rt * 0.8, s * 0.26)
        d.arc(hb, 180, 360, fill=_dark(fibre, 0.35), width=hw + 2)
        d.arc(hb, 180, 360, fill=fibre, width=hw)
        for i in range(1, 18):
            a = math.pi + math.pi * i / 18
            px, py = cx + math.cos(a) * rt * 0.8, top + math.sin(a) * s * 0.26
            d.line((px - hw * 0.5, py - hw * 0.5, px + hw * 0.5, py + hw * 0.5), fill=_dark(fibre, 0.3), width=lw)
    tex = woven(int(2 * rt) + 4, int(bot - top + rim_ry) + 4)
    inner = _dim(tex, 0.55)
    _fill(img, [("e", _box(cx, top, rt, rim_ry), 255)], inner)
    body = [(cx - rt, top)] + [
        (cx + math.cos(math.pi - math.pi * i / 16) * rt, top + math.sin(math.pi * i / 16) * rim_ry) for i in range(17)
    ]
    body += [(cx + rt, top), (cx + rb, bot - s * 0.04)]
    body += [
        (cx + math.cos(math.pi * i / 12) * rb, bot - s * 0.04 + math.sin(math.pi * i / 12) * s * 0.04)
        for i in range(13)
    ]
    body += [(cx - rb, bot - s * 0.04)]
    _fill(img, [("p", body, 255)], tex)
    d = ImageDraw.Draw(img)
    # side shading: darker strip on the right flank
    for k, f in ((0.9, 0.22), (0.96, 0.35)):
        pts = [
            (cx + rt * k, top + rim_ry * 0.6),
            (cx + rt, top),
            (cx + rb, bot - s * 0.04),
            (cx + rb * k, bot - s * 0.035),
        ]
        d.line(pts, fill=_dark(fibre, f), width=max(2, s // 90))
    # rim coil
    rw = max(4, s // 36)
    d.ellipse(_box(cx, top, rt, rim_ry), outline=_dark(fibre, 0.3), width=rw + 2)
    d.ellipse(_box(cx, top, rt, rim_ry), outline=fibre, width=rw)
    for i in range(36):
        a = _TAU * i / 36
        px, py = cx + math.cos(a) * rt, top + math.sin(a) * rim_ry
        d.line((px - rw * 0.4, py - rw * 0.5, px + rw * 0.4, py + rw * 0.5), fill=_dark(fibre, 0.35), width=lw)
    return img


_INLAY: tuple[RGB, ...] = ((186, 52, 38), (36, 70, 160), (52, 160, 160), (36, 122, 68), (220, 168, 48), (120, 40, 100))


def _marble(rng: random.Random, w: int, h: int, base: Sequence[int], vein: Sequence[int]) -> Image.Image:
    """Marble slab: base colour plus meandering random-walk veins."""
    img = Image.new("RGB", (max(1, w), max(1, h)), tuple(base))
    d = ImageDraw.Draw(img)
    for v in range(rng.randint(7, 11)):
        x, y = rng.uniform(-0.1, 0.6) * w, rng.uniform(0, 1) * h
        ang = rng.uniform(-0.6, 0.6)
        pts = [(x, y)]
        for _ in range(26):
            ang += rng.uniform(-0.45, 0.45)
            x += math.cos(ang) * w * 0.045
            y += math.sin(ang) * w * 0.045
            pts.append((x, y))
        col = _mix(base, vein, rng.uniform(0.25, 0.7) if v % 3 else 0.18)
        d.line(pts, fill=col, width=1 if v % 3 else max(2, w // 90))
    return img


def _paint_stone(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Marble plate / tile with pietra-dura inlay flower (tone-on-tone for soapstone/sandstone)."""
    if _has(craft, "soap", "gorara"):
        base, vein = _jit(rng, (186, 190, 178), 0.02, 0.04, 0.04), (120, 126, 118)
        inlay = [_dark(base, 0.25), _light(base, 0.25), _dark(base, 0.4)]
    elif _has(craft, "sandstone", "red-stone", "redstone"):
        base, vein = _jit(rng, (196, 120, 96), 0.02, 0.05, 0.04), (150, 80, 62)
        inlay = [_dark(base, 0.2), _light(base, 0.2), _dark(base, 0.35)]
    else:
        base, vein = _jit(rng, (242, 240, 234), 0.02, 0.03, 0.01), (150, 150, 158)
        inlay = list(rng.sample(_INLAY, 4))
    img = _soft_bg(rng, s, (170, 170, 170) if sum(base) > 690 else base)
    d = ImageDraw.Draw(img)
    kind = rng.choice(("plate", "plate", "tile", "octagon"))
    cx, cy = s * 0.5, s * 0.49
    r = s * rng.uniform(0.36, 0.41)
    if kind == "plate":
        geom: list[Shape] = [("e", _box(cx, cy, r), 255)]
        edge: list[Shape] = [("e", _box(cx + s * 0.012, cy + s * 0.018, r), 255)]
    elif kind == "tile":
        geom = [("r", _box(cx, cy, r * 0.95), 255)]
        edge = [("r", _box(cx + s * 0.012, cy + s * 0.018, r * 0.95), 255)]
    else:
        octa = [
            (cx + math.cos(a) * r * 1.02, cy + math.sin(a) * r * 1.02)
            for a in (math.pi / 8 + _TAU * i / 8 for i in range(8))
        ]
        geom = [("p", octa, 255)]
        edge = [("p", [(x + s * 0.012, y + s * 0.018) for x, y in octa], 255)]
    _shadow(img, d, cx + s * 0.03, cy + r * 0.92, r * 0.95, s * 0.05)
    _fill(img, edge, _dark(base, 0.3))
    _fill(img, geom, _marble(rng, int(2 * r) + 4, int(2 * r) + 4, base, vein))
    d = ImageDraw.Draw(img)
    lw = max(1, s // 300)
    joint = _dark(base, 0.55)
    # border ring of small inlaid diamonds
    nb = rng.choice((20, 24, 28))
    rb = r * 0.84
    for i in range(nb):
        a = _TAU * i / nb
        px, py = cx + math.cos(a) * rb, cy + math.sin(a) * rb
        d.polygon(_ell(px, py, r * 0.06, r * 0.025, a + math.pi / 2, 4), fill=inlay[i % 2], outline=joint)
    d.ellipse(_box(cx, cy, r * 0.76), outline=inlay[2 % len(inlay)], width=max(1, s // 160))
    # vine and leaves
    leaf = (40, 120, 64) if len(inlay) > 3 else inlay[0]
    for i in range(rng.choice((6, 8))):
        a = _TAU * (i + 0.5) / 8 + rng.uniform(-0.1, 0.1)
        lr = r * 0.55
        px, py = cx + math.cos(a) * lr, cy + math.sin(a) * lr
        d.line((cx + math.cos(a) * r * 0.3, cy + math.sin(a) * r * 0.3, px, py), fill=leaf, width=max(1, s // 250))
        d.polygon(_ell(px, py, r * 0.1, r * 0.04, a + 0.5, 12), fill=leaf, outline=joint)
        bud = inlay[(i + 1) % len(inlay)]
        d.polygon(
            _ell(cx + math.cos(a) * r * 0.66, cy + math.sin(a) * r * 0.66, r * 0.05, r * 0.035, a, 10),
            fill=bud,
            outline=joint,
        )
    # central flower
    npet = rng.choice((6, 8, 10))
    for ring, (rad, ln, wd) in enumerate(((0.22, 0.19, 0.075), (0.13, 0.12, 0.05))):
        for i in range(npet):
            a = _TAU * (i + 0.5 * ring) / npet
            col = inlay[(i + ring) % 2] if ring == 0 else inlay[2 % len(inlay)]
            d.polygon(
                _ell(cx + math.cos(a) * r * rad, cy + math.sin(a) * r * rad, r * ln, r * wd, a, 14),
                fill=col,
                outline=joint,
            )
    d.ellipse(_box(cx, cy, r * 0.06), fill=inlay[-1], outline=joint)
    # bevel highlights
    if kind == "plate":
        d.arc(_box(cx, cy, r - lw), 150, 300, fill=_light(base, 0.6), width=max(1, s // 200))
    return img


def _leather_tile(rng: random.Random, t: int, base: Sequence[int]) -> Image.Image:
    tile = Image.new("RGB", (t, t), tuple(base))
    d = ImageDraw.Draw(tile)
    for _ in range(t // 2):
        x, y = rng.uniform(0, t), rng.uniform(0, t)
        r = rng.uniform(0.5, 1.6)
        d.ellipse(_box(x, y, r), fill=_dark(base, rng.uniform(0.08, 0.2)) if rng.random() < 0.7 else _light(base, 0.08))
    for _ in range(3):
        x, y = rng.uniform(0, t), rng.uniform(0, t)
        d.line((x, y, x + rng.uniform(-t / 4, t / 4), y + rng.uniform(-t / 8, t / 8)), fill=_dark(base, 0.12))
    return tile


def _paint_leather(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Embroidered mojari pair, or a stitched leather bag."""
    base = _jit(
        rng, rng.choice(((120, 66, 34), (150, 90, 46), (88, 44, 26), (170, 118, 70), (120, 26, 30))), 0.02, 0.06, 0.05
    )
    thread = _jit(rng, rng.choice(((230, 186, 80), (240, 230, 210), (200, 40, 60), (40, 140, 110))), 0.02, 0.05, 0.04)
    if _has(craft, "mojari", "jutti", "juti", "foot", "chappal", "kolhapuri", "shoe", "sandal"):
        kind = "mojari"
    elif _has(craft, "bag", "purse", "wallet", "pouch", "belt"):
        kind = "bag"
    else:
        kind = rng.choice(("mojari", "mojari", "bag"))
    img = _soft_bg(rng, s, base)
    d = ImageDraw.Draw(img)
    tex = _texture(int(s * 0.7), int(s * 0.52), _leather_tile(rng, max(32, s // 4), base))
    lw = max(1, s // 260)
    if kind == "bag":
        x0, y0, x1, y1 = s * 0.17, s * 0.34, s * 0.83, s * 0.84
        _shadow(img, d, s * 0.52, y1, (x1 - x0) * 0.58, s * 0.035)
        d = ImageDraw.Draw(img)
        sw = max(3, s // 45)
        d.arc((s * 0.3, s * 0.1, s * 0.7, s * 0.6), 180, 360, fill=_dark(base, 0.35), width=sw + 2)
        d.arc((s * 0.3, s * 0.1, s * 0.7, s * 0.6), 180, 360, fill=base, width=sw)
        m = Image.new("L", (int(x1 - x0), int(y1 - y0)), 0)
        ImageDraw.Draw(m).rounded_rectangle((0, 0, m.size[0] - 1, m.size[1] - 1), radius=int(s * 0.05), fill=255)
        img.paste(tex.crop((0, 0) + m.size), (int(x0), int(y0)), m)
        d = ImageDraw.Draw(img)
        dash = max(3, s // 80)
        ins = s * 0.02
        for x in range(int(x0 + ins), int(x1 - ins), dash * 2):
            d.line((x, y1 - ins, x + dash, y1 - ins), fill=thread, width=lw)
        for y in range(int(y0 + ins), int(y1 - ins), dash * 2):
            d.line((x0 + ins, y, x0 + ins, y + dash), fill=thread, width=lw)
            d.line((x1 - ins, y, x1 - ins, y + dash), fill=thread, width=lw)
        flap = [
            (x0, y0 + s * 0.01),
            (x1, y0 + s * 0.01),
            (x1, y0 + s * 0.2),
            (s * 0.5, y0 + s * 0.3),
            (x0, y0 + s * 0.2),
        ]
        _fill(img, [("p", [(x + s * 0.006, y + s * 0.012) for x, y in flap], 255)], _dark(base, 0.4))
        _fill(img, [("p", flap, 255)], _light(base, 0.08))
        d = ImageDraw.Draw(img)
        inner = [
            (x0 + ins, y0 + ins),
            (x1 - ins, y0 + ins),
            (x1 - ins, y0 + s * 0.19),
            (s * 0.5, y0 + s * 0.275),
            (x0 + ins, y0 + s * 0.19),
            (x0 + ins, y0 + ins),
        ]
        for (ax, ay), (bx, by) in zip(inner, inner[1:], strict=False):
            seg = math.hypot(bx - ax, by - ay)
            n = max(1, int(seg / (dash * 2)))
            for i in range(n):
                u0, u1 = i / n, (i + 0.5) / n
                d.line(
                    (ax + (bx - ax) * u0, ay + (by - ay) * u0, ax + (bx - ax) * u1, ay + (by - ay) * u1),
                    fill=thread,
                    width=lw,
                )
        d.ellipse(_box(s * 0.5, y0 + s * 0.27, s * 0.028), fill=(214, 174, 80), outline=(120, 90, 30), width=lw)
        for i in range(7):  # tooled motif on the body
            a = _TAU * i / 7
            d.polygon(
                _ell(s * 0.5 + math.cos(a) * s * 0.045, s * 0.66 + math.sin(a) * s * 0.045, s * 0.04, s * 0.016, a, 10),
                outline=_dark(base, 0.35),
            )
        return img

    # mojari pair (side view, toe to the right, curled-up tip)
    lining = _jit(rng, rng.choice(((196, 40, 48), (226, 196, 150), (40, 110, 90))), 0.02, 0.05, 0.05)
    far = [
        (0.03, 0.30),
        (0.22, 0.34),
        (0.42, 0.30),
        (0.56, 0.20),
        (0.74, 0.30),
        (0.88, 0.44),
        (0.97, 0.42),
        (1.02, 0.22),
        (1.06, 0.08),
        (1.1, 0.12),
        (1.07, 0.44),
        (1.0, 0.72),
        (0.86, 0.86),
        (0.55, 0.93),
        (0.22, 0.94),
        (0.05, 0.89),
        (0.0, 0.64),
    ]
    near = [(0.03, 0.40), (0.22, 0.50), (0.42, 0.46), (0.56, 0.20)] + far[4:]
    bottom = [(0.0, 0.7), (0.05, 0.89), (0.22, 0.94), (0.55, 0.93), (0.86, 0.86), (1.0, 0.72), (1.05, 0.56)]
    vamp = [
        (0.56, 0.24),
        (0.72, 0.33),
        (0.86, 0.47),
        (0.98, 0.5),
        (1.03, 0.6),
        (0.98, 0.72),
        (0.84, 0.79),
        (0.66, 0.76),
        (0.55, 0.6),
        (0.5, 0.45),
    ]

    def one(ox: float, oy: float, w: float, shade: float) -> None:
        hgt = w * 0.42

        def T(pts: Sequence[Pt], closed: bool = True) -> list[Pt]:
            return [(ox + x * w, oy + y * hgt) for x, y in _spline(tuple(pts), closed)]

        skin = _dim(tex, 1 - shade) if shade else tex
        sole_top = T(bottom, False)
        sole = sole_top + [(x + w * 0.01, y + hgt * 0.07) for x, y in reversed(sole_top)]
        _fill(img, [("p", sole, 255)], _dark(base, 0.6 + shade * 0.2))
        _fill(img, [("p", T(far), 255)], _dark(lining, shade))
        _fill(img, [("p", T(near), 255)], skin)
        dd = ImageDraw.Draw(img)
        vp = T(vamp)
        emb = _dark(thread, 0.35 + shade)
        dd.polygon(vp, fill=_mix(emb, base, 0.35), outline=_dark(thread, shade))
        x0, y0 = min(p[0] for p in vp), min(p[1] for p in vp)
        x1, y1 = max(p[0] for p in vp), max(p[1] for p in vp)
        step = w * 0.035
        yy = y0 + step / 2
        row = 0
        while yy < y1:  # dotted zari work, kept inside the vamp by a bbox-ratio test
            xx = x0 + step / 2 + (row % 2) * step / 2
            while xx < x1:
                u, v = (xx - ox) / w, (yy - oy) / hgt
                if (
                    v > 0.62 - (u - 0.55) * 0.6 + 0.08
                    and v < 0.76
                    and u < 1.0
                    or (u > 0.6 and 0.3 + (u - 0.6) * 0.45 < v < 0.74 and u < 0.98)
                ):
                    dd.ellipse(_box(xx, yy, w * 0.006), fill=_dark(thread, shade))
                xx += step
            yy += step * 0.8
            row += 1
        fx, fy = ox + 0.8 * w, oy + 0.6 * hgt
        for i in range(8):
            a = _TAU * i / 8
            dd.polygon(
                _ell(fx + math.cos(a) * w * 0.03, fy + math.sin(a) * w * 0.03, w * 0.028, w * 0.012, a, 8),
                fill=_dark(thread, shade),
                outline=_dark(emb, 0.3),
            )
        dd.ellipse(_box(fx, fy, w * 0.014), fill=_dark(lining, shade))
        # piping on the opening and a stitch line along the welt
        dd.line(T(near[:4], False), fill=_dark(thread, shade), width=max(2, lw * 2))
        st = [(x, y - hgt * 0.04) for x, y in sole_top[2:-3]]
        for i in range(0, len(st) - 1, 2):
            dd.line((st[i], st[i + 1]), fill=_dark(thread, shade), width=lw)

    w = s * 0.6
    _shadow(img, d, s * 0.52, s * 0.755, s * 0.42, s * 0.045)
    one(s * 0.25, s * 0.37, w, 0.3)
    one(s * 0.1, s * 0.5, w, 0.0)
    return img


def _grain_tile(
    rng: random.Random, t: int, kind: str, base: Sequence[int], cols: Sequence[Sequence[int]], s: int
) -> Image.Image:
    tile = Image.new("RGB", (t, t), tuple(base))
    d = ImageDraw.Draw(tile)
    if kind == "powder":
        for _ in range(t * 2):
            x, y = rng.uniform(0, t), rng.uniform(0, t)
            d.point((x, y), fill=tuple(rng.choice(cols)))
        return tile
    g = s * 0.011
    n = {"rice": 150, "lentil": 90, "bean": 28, "millet": 220, "tea": 90, "puff": 14, "block": 10}[kind]
    for _ in range(n):
        x, y = rng.uniform(0, t), rng.uniform(0, t)
        col = tuple(rng.choice(cols))
        a = rng.uniform(0, math.pi)
        if kind == "rice":
            d.polygon(_ell(x, y, g * 1.05, g * 0.38, a, 10), fill=col, outline=_dark(col, 0.08))
        elif kind == "lentil":
            d.ellipse(_box(x, y, g * 0.7, g * 0.6), fill=col, outline=_dark(col, 0.18))
            d.ellipse(_box(x - g * 0.2, y - g * 0.2, g * 0.2), fill=_light(col, 0.3))
        elif kind == "bean":
            d.polygon(_ell(x, y, g * 1.3, g * 0.9, a, 14), fill=col, outline=_dark(col, 0.3))
            d.line(
                (x - math.cos(a) * g, y - math.sin(a) * g, x + math.cos(a) * g, y + math.sin(a) * g),
                fill=_dark(col, 0.45),
            )
        elif kind == "millet":
            d.ellipse(_box(x, y, g * 0.33), fill=col)
        elif kind == "tea":
            d.line((x, y, x + math.cos(a) * g * 1.4, y + math.sin(a) * g * 1.4), fill=col, width=max(1, int(g * 0.45)))
        elif kind == "puff":
            d.ellipse(_box(x, y, g * 2.4, g * 2.1), fill=col, outline=_dark(col, 0.15))
            d.ellipse(_box(x + g * 0.6, y + g * 0.5, g * 0.6), fill=(170, 120, 80))
        else:  # jaggery blocks
            d.polygon(_ell(x, y, g * 2.6, g * 2.2, a, 6), fill=col, outline=_dark(col, 0.3))
    return tile


_CHILLI = ((180, 38, 22), [(200, 52, 30), (150, 28, 16), (214, 70, 40)])
_TURMERIC = ((222, 160, 20), [(236, 180, 40), (200, 140, 14), (246, 196, 70)])
_MASALA = ((130, 80, 40), [(150, 96, 52), (110, 66, 32), (170, 112, 60)])


def _paint_food(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Heaped bowl of grain/spice, or a jar with cloth-tied lid for pickles/honey."""
    jar_words = ("pickle", "achar", "honey", "ghee", "jam", "murabba", "sauce", "oil", "preserve", "chutney", "syrup")
    if _has(craft, *jar_words):
        kind = "jar"
    elif _has(craft, "rice", "basmati", "joha", "kalanamak", "chak-hao", "poha"):
        kind = "rice"
    elif _has(craft, "coffee"):
        kind = "bean"
    elif _has(craft, "tea"):
        kind = "tea"
    elif _has(craft, "millet", "ragi", "bajra", "jowar", "quinoa", "sesame", "mustard"):
        kind = "millet"
    elif _has(craft, "makhana", "fox-nut", "lotus-seed"):
        kind = "puff"
    elif _has(craft, "jaggery", "gur", "sugar", "sweet", "mithai"):
        kind = "block"
    elif _has(
        craft,
        "spice",
        "chilli",
        "chili",
        "turmeric",
        "haldi",
        "masala",
        "powder",
        "saffron",
        "pepper",
        "ginger",
        "cardamom",
        "kumkum",
    ):
        kind = "powder"
    elif _has(craft, "dal", "lentil", "pulse", "rajma", "gram", "bean", "pea"):
        kind = "lentil"
    else:
        kind = rng.choice(("rice", "lentil", "powder", "jar", "millet", "bean"))

    palettes: dict[str, tuple[RGB, list[RGB]]] = {
        "rice": ((226, 218, 196), [(246, 242, 230), (238, 232, 214), (252, 250, 244), (230, 222, 200)]),
        "lentil": rng.choice(
            (
                ((196, 110, 40), [(232, 140, 60), (220, 126, 48), (240, 156, 72)]),
                ((200, 160, 40), [(236, 196, 70), (226, 184, 56), (244, 206, 90)]),
                ((90, 110, 40), [(120, 150, 60), (110, 140, 50), (140, 166, 70)]),
                ((96, 24, 24), [(140, 34, 34), (120, 28, 30), (156, 48, 44)]),
            )
        ),
        "bean": ((60, 34, 20), [(110, 66, 38), (96, 56, 30), (126, 78, 44)]),
        "tea": ((52, 40, 26), [(82, 66, 40), (70, 80, 40), (100, 76, 46), (40, 34, 22)]),
        "millet": rng.choice(
            (
                ((170, 130, 90), [(196, 156, 110), (180, 140, 96), (210, 170, 120)]),
                ((120, 90, 80), [(150, 110, 96), (136, 100, 88), (168, 124, 104)]),
            )
        ),
        "puff": ((226, 216, 196), [(246, 240, 228), (240, 232, 216), (250, 246, 238)]),
        "block": ((150, 90, 30), [(196, 130, 50), (180, 116, 40), (210, 150, 66)]),
        "powder": rng.choice((_CHILLI, _TURMERIC, _MASALA)),
    }
    if kind == "powder":
        if _has(craft, "turmeric", "haldi", "ginger", "saffron"):
            palettes["powder"] = _TURMERIC
        elif _has(craft, "chilli", "chili", "kumkum"):
            palettes["powder"] = _CHILLI
        elif _has(craft, "masala", "pepper", "garam", "cardamom"):
            palettes["powder"] = _MASALA
    img = _soft_bg(rng, s, (200, 170, 130))
    d = ImageDraw.Draw(img)
    cx = s * rng.uniform(0.47, 0.53)
    if kind == "jar":
        fill = _jit(rng, rng.choice(((200, 70, 30), (210, 140, 30), (230, 190, 80), (120, 30, 40))), 0.02, 0.06, 0.05)
        top, bot, r = s * 0.3, s * 0.84, s * rng.uniform(0.2, 0.24)
        _shadow(img, d, cx + s * 0.02, bot, r * 1.35, s * 0.035)
        prof = _smooth_profile([(0, r * 0.75), (0.06, r * 0.98), (0.14, r), (0.92, r), (1, r * 0.9)], top, bot, 24)
        _lathe(img, cx, prof, _ramp([_dark(fill, 0.5), fill, _light(fill, 0.35), _light(fill, 0.75)], 7), shift=0.5)
        d = ImageDraw.Draw(img)
        for _ in range(10):  # chunks in the pickle / comb in honey
            x, y = cx + rng.uniform(-0.7, 0.7) * r, rng.uniform(top + r * 0.4, bot - r * 0.2)
            d.polygon(_ell(x, y, r * 0.09, r * 0.06, rng.uniform(0, 3), 7), fill=_dark(fill, 0.25))
        # label
        ly0, ly1 = top + (bot - top) * 0.42, top + (bot - top) * 0.72
        d.rectangle((cx - r * 0.95, ly0, cx + r * 0.95, ly1), fill=(244, 236, 214))
        d.rectangle((cx - r * 0.95, ly0, cx + r * 0.95, ly0 + (ly1 - ly0) * 0.16), fill=_dark(fill, 0.2))
        d.rectangle((cx - r * 0.95, ly1 - (ly1 - ly0) * 0.16, cx + r * 0.95, ly1), fill=_dark(fill, 0.2))
        for k in range(3):
            yy = ly0 + (ly1 - ly0) * (0.35 + 0.15 * k)
            d.line(
                (cx - r * (0.6 - 0.15 * k), yy, cx + r * (0.6 - 0.15 * k), yy),
                fill=(110, 80, 60),
                width=max(1, s // 200),
            )
        # lid + checked cloth cover tied with string
        cloth = _jit(rng, rng.choice(((200, 40, 50), (40, 90, 170), (40, 130, 80))), 0.02, 0.05, 0.05)
        lr = r * 0.9
        cover = [(cx - lr * 1.05, top - s * 0.07)]
        for i in range(13):
            u = i / 12
            cover.append((cx - lr * 1.25 + lr * 2.5 * u, top + s * 0.05 + (s * 0.015 if i % 2 else 0)))
        cover.append((cx + lr * 1.05, top - s * 0.07))
        _fill(img, [("p", cover, 255), ("e", _box(cx, top - s * 0.07, lr * 1.05, s * 0.045), 255)], cloth)
        d = ImageDraw.Draw(img)
        for k in range(-4, 5):
            x = cx + k * lr * 0.22
            d.line(
                (x, top - s * 0.1, x * 1.0 + k * lr * 0.03, top + s * 0.05),
                fill=(245, 240, 232),
                width=max(1, s // 200),
            )
        for k in range(4):
            y = top - s * 0.09 + k * s * 0.04
            d.line((cx - lr * 1.1, y, cx + lr * 1.1, y), fill=_light(cloth, 0.5), width=max(1, s // 250))
        d.line(
            (cx - lr * 0.98, top - s * 0.005, cx + lr * 0.98, top - s * 0.005),
            fill=(150, 110, 60),
            width=max(2, s // 110),
        )
        return img

    base, cols = palettes[kind]
    base = _jit(rng, base, 0.01, 0.04, 0.03)
    bowl = rng.choice(("brass", "terracotta", "wood"))
    bstops = {
        "brass": _METALS["brass"],
        "terracotta": ((90, 38, 20), (150, 66, 36), (190, 96, 58), (220, 140, 96)),
        "wood": ((60, 34, 18), (110, 66, 36), (150, 98, 56), (190, 140, 90)),
    }[bowl]
    rim_y, rx = s * 0.5, s * rng.uniform(0.3, 0.36)
    rim_ry = rx * 0.24
    bot = rim_y + rx * rng.uniform(0.7, 0.82)
    _shadow(img, d, cx + s * 0.02, bot, rx * 1.05, s * 0.04)
    prof = [(rim_y, rx)]
    for i in range(1, 17):
        a = math.pi / 2 * i / 16
        prof.append((rim_y + (bot - rim_y - s * 0.02) * math.sin(a), max(rx * 0.42, rx * math.cos(a))))
    prof += [(bot - s * 0.02, rx * 0.4), (bot, rx * 0.44)]
    _lathe(img, cx, prof, _ramp(bstops, 7))
    # heap: dome above the rim filled with a tiled grain texture
    hh = rx * rng.uniform(0.42, 0.58)
    t = max(24, s // 7)
    tile = _grain_tile(rng, t, kind, base, cols, s)
    tex = _texture(int(2 * rx) + 4, int(hh + rim_ry * 2) + 4, tile, stagger=True)
    dome: list[Pt] = []
    for i in range(25):
        a = math.pi + math.pi * i / 24
        dome.append(
            (cx + math.cos(a) * rx * 0.96, rim_y + math.sin(a) * hh * (0.75 + 0.25 * math.sin(math.pi * i / 24)))
        )
    heap: list[Shape] = [("p", dome, 255), ("e", _box(cx, rim_y, rx * 0.96, rim_ry * 0.9), 255)]
    _fill(img, heap, tex)
    # shade the right flank: darker texture through a crescent-shaped mask
    off = rx * 0.12
    crescent = heap + [
        ("p", [(x - off, y - off * 0.5) for x, y in dome], 0),
        ("e", _box(cx - off, rim_y - off * 0.5, rx * 0.96, rim_ry * 0.9), 0),
    ]
    _fill(img, crescent, _dim(tex, 0.8))
    d = ImageDraw.Draw(img)
    # front rim lip over the heap
    rim_col = bstops[-1] if bowl == "brass" else _light(bstops[-1], 0.1)
    d.arc(_box(cx, rim_y, rx, rim_ry), 0, 180, fill=rim_col, width=max(2, s // 90))
    # a few stray grains on the table
    gs = s * 0.011
    for _ in range(rng.randint(5, 10)):
        x = cx + rng.uniform(-1.2, 1.2) * rx
        y = bot + rng.uniform(-0.01, 0.07) * s
        if abs(x - cx) < rx * 0.5 and y < bot + s * 0.02:
            continue
        col = tuple(rng.choice(cols))
        if kind == "rice":
            d.polygon(_ell(x, y, gs * 1.05, gs * 0.38, rng.uniform(0, 3), 10), fill=col, outline=_dark(col, 0.2))
        elif kind == "powder":
            d.ellipse(_box(x, y, gs * 0.35), fill=col)
        else:
            d.ellipse(_box(x, y, gs * 0.7, gs * 0.6), fill=col, outline=_dark(col, 0.2))
    return img


_GEMS: tuple[RGB, ...] = ((170, 20, 40), (20, 120, 80), (30, 60, 170), (200, 130, 20), (110, 40, 140), (200, 60, 110))


def _paint_fragrance(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Cut-glass attar bottles with gold necks and long dauber stoppers."""
    img = _soft_bg(rng, s, (200, 170, 150))
    d = ImageDraw.Draw(img)
    gold = _jit(rng, (214, 170, 70), 0.015, 0.06, 0.04)
    n = rng.choice((1, 2, 3, 3))
    slots = {1: [(0.5, 1.0)], 2: [(0.38, 1.0), (0.68, 0.78)], 3: [(0.5, 1.0), (0.24, 0.72), (0.77, 0.8)]}[n]
    slots = sorted(slots, key=lambda p: p[1])
    if rng.random() < 0.5 or _has(craft, "rose", "gulab"):
        for _ in range(rng.randint(6, 12)):  # rose petals
            x, y = rng.uniform(0.08, 0.92) * s, rng.uniform(0.8, 0.95) * s
            col = _jit(rng, (200, 40, 70), 0.03, 0.1, 0.1)
            d.polygon(_ell(x, y, s * 0.03, s * 0.018, rng.uniform(0, 3), 12), fill=col, outline=_dark(col, 0.25))
    for fx, sc in slots:
        cx = s * fx
        gem = _jit(rng, rng.choice(_GEMS), 0.02, 0.08, 0.06)
        br = s * 0.13 * sc
        base_y = s * 0.82
        bcy = base_y - br * 1.05
        _shadow(img, d, cx + s * 0.015, base_y, br * 1.05, s * 0.025)
        d = ImageDraw.Draw(img)
        body = rng.choice(("facet", "bulb", "tear"))
        if body == "facet":
            nf = rng.choice((6, 8))
            poly = [
                (cx + math.cos(a) * br, bcy + math.sin(a) * br * 1.05)
                for a in (_TAU * i / nf + math.pi / nf for i in range(nf))
            ]
            _fill(img, [("p", poly, 255)], gem)
            d = ImageDraw.Draw(img)
            ir = 0.5
            inner = [(cx + (x - cx) * ir, bcy + (y - bcy) * ir) for x, y in poly]
            for i in range(nf):
                a = _TAU * (i + 0.5) / nf + math.pi / nf
                lit = 0.5 + 0.5 * math.cos(a - 3.6)
                col = _light(gem, 0.45 * lit) if lit > 0.5 else _dark(gem, 0.45 * (1 - lit))
                d.polygon(
                    [poly[i], poly[(i + 1) % nf], inner[(i + 1) % nf], inner[i]], fill=col, outline=_light(gem, 0.3)
                )
            d.polygon(inner, fill=_light(gem, 0.15), outline=_light(gem, 0.5))
            top_y = bcy - br * 1.05 * math.sin(math.pi / 2 - math.pi / nf) - br * 0.05
        else:
            ry = br * (1.0 if body == "bulb" else 1.35)
            prof = []
            for i in range(22):
                a = -math.pi / 2 + math.pi * i / 21
                r = br * math.cos(a)
                if body == "tear":
                    r *= 0.55 + 0.45 * (1 + math.sin(a)) / 2
                prof.append((bcy + math.sin(a) * ry - (ry - br), max(br * 0.18, r)))
            _lathe(img, cx, prof, _ramp([_dark(gem, 0.5), gem, _light(gem, 0.35), _light(gem, 0.8)], 7))
            d = ImageDraw.Draw(img)
            top_y = prof[0][0]
            for k in range(1, 4):  # cut lines
                d.arc(_box(cx, bcy, br * (0.3 * k), br * 0.9), 100, 260, fill=_light(gem, 0.35), width=max(1, s // 300))
        # gold collar, neck, stopper
        nw = br * 0.24
        d.rectangle((cx - nw, top_y - br * 0.28, cx + nw, top_y + br * 0.06), fill=gold, outline=_dark(gold, 0.35))
        d.rectangle(
            (cx - nw * 1.35, top_y - br * 0.33, cx + nw * 1.35, top_y - br * 0.22),
            fill=_light(gold, 0.2),
            outline=_dark(gold, 0.35),
        )
        for i in range(5):
            d.ellipse(_box(cx - nw + nw * 0.5 * i, top_y - br * 0.1, max(1, br * 0.03)), fill=_dark(gold, 0.3))
        stop_h = br * rng.uniform(0.9, 1.4)
        sy = top_y - br * 0.33
        d.polygon(
            [(cx - nw * 0.45, sy), (cx + nw * 0.45, sy), (cx + nw * 0.25, sy - stop_h), (cx - nw * 0.25, sy - stop_h)],
            fill=_light(gem, 0.2),
            outline=_dark(gem, 0.2),
        )
        tip = sy - stop_h
        finial = rng.choice(("drop", "ball", "dome"))
        if finial == "drop":
            d.polygon(
                [(cx, tip - br * 0.5)]
                + [
                    (cx + math.cos(a) * br * 0.16, tip - br * 0.12 + math.sin(a) * br * 0.16)
                    for a in (math.pi * i / 10 for i in range(11))
                ],
                fill=gold,
                outline=_dark(gold, 0.35),
            )
        elif finial == "ball":
            _ellipsoid(d, cx, tip - br * 0.12, br * 0.15, br * 0.15, gem, 4)
        else:
            d.pieslice(_box(cx, tip, br * 0.2), 180, 360, fill=gold, outline=_dark(gold, 0.35))
        d.line(
            (cx - br * 0.55, bcy - br * 0.5, cx - br * 0.42, bcy + br * 0.3),
            fill=_light(gem, 0.85),
            width=max(1, s // 180),
        )
    return img


_BANGLE: tuple[RGB, ...] = (
    (200, 20, 40),
    (230, 170, 30),
    (20, 120, 70),
    (30, 70, 170),
    (200, 60, 140),
    (240, 110, 20),
    (110, 30, 130),
    (20, 150, 170),
)


def _paint_glass(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Stacked glass bangles, scattered bangle rings, or glass baubles."""
    img = _soft_bg(rng, s, (180, 160, 200))
    d = ImageDraw.Draw(img)
    pal = rng.sample(_BANGLE, 4)
    gold = (226, 184, 80)
    if _has(craft, "bangle", "choodi", "chudi", "lac"):
        kind = rng.choice(("stack", "stack", "scatter"))
    elif _has(craft, "bead", "marble", "ball", "bauble"):
        kind = "orbs"
    else:
        kind = rng.choice(("stack", "scatter", "orbs"))
    if kind == "stack":
        n = rng.randint(8, 12)
        rx, ry = s * rng.uniform(0.25, 0.29), s * rng.uniform(0.09, 0.11)
        w = max(3, int(s * 0.022))
        gap = w * 1.25
        cx = s * 0.5
        y_top = s * 0.42 - n * gap * 0.5
        y_bot = y_top + (n - 1) * gap
        cols = [gold if i % 4 == 1 else _jit(rng, pal[i % len(pal)], 0.01, 0.05, 0.05) for i in range(n)]
        _shadow(img, d, cx + s * 0.02, y_bot + ry * 0.35, rx * 1.2, ry * 1.15)
        d = ImageDraw.Draw(img)
        d.ellipse(_box(cx, y_bot, rx * 0.95, ry * 0.9), fill=_dark(img.getpixel((int(cx), int(y_bot))), 0.3))
        for i in reversed(range(n)):  # far halves first: the inside of the stack, in shade
            y = y_top + i * gap
            d.arc(_box(cx, y, rx, ry), 180, 360, fill=_dark(cols[i], 0.45), width=w)
        for i in reversed(range(n)):  # near halves, lit, with gold flecks
            y = y_top + i * gap
            col = cols[i]
            d.arc(_box(cx, y, rx, ry), 0, 180, fill=_dark(col, 0.3), width=w)
            d.arc(_box(cx, y - 1, rx - 1, ry - 1), 0, 180, fill=col, width=max(1, w - 2))
            d.arc(_box(cx, y - w * 0.25, rx * 0.98, ry), 35, 145, fill=_light(col, 0.6), width=max(1, w // 4))
            if col != gold:
                for j in range(9):
                    a = math.pi * (j + 0.5) / 9
                    d.ellipse(_box(cx + math.cos(a) * rx, y + math.sin(a) * ry - w * 0.3, max(1, w * 0.16)), fill=gold)
        for k in range(2):  # two loose bangles in front
            bx, by = cx + (k * 2 - 1) * s * 0.2 + rng.uniform(-0.03, 0.03) * s, s * 0.8
            col = cols[(k * 3 + 1) % n]
            br = s * 0.1
            d.ellipse(
                _box(bx + s * 0.01, by + s * 0.012, br, br * 0.45),
                outline=_dark(img.getpixel((int(bx), int(by))), 0.22),
                width=w,
            )
            d.ellipse(_box(bx, by, br, br * 0.45), outline=_dark(col, 0.3), width=w)
            d.arc(_box(bx, by - 1, br - 1, br * 0.45 - 1), 0, 360, fill=col, width=max(1, w - 2))
            d.arc(_box(bx, by - w * 0.2, br, br * 0.45), 200, 300, fill=_light(col, 0.6), width=max(1, w // 4))
        return img
    if kind == "scatter":
        for i in range(rng.randint(5, 8)):
            x, y = rng.uniform(0.25, 0.75) * s, rng.uniform(0.25, 0.72) * s
            r = s * rng.uniform(0.12, 0.17)
            w = max(3, int(s * rng.uniform(0.02, 0.035)))
            col = _jit(rng, pal[i % len(pal)], 0.01, 0.05, 0.05)
            d.ellipse(
                _box(x + s * 0.012, y + s * 0.016, r),
                outline=_dark(img.getpixel((int(x), int(min(s - 1, y + r)))), 0.25),
                width=w,
            )
            d.ellipse(_box(x, y, r), outline=_dark(col, 0.3), width=w)
            d.ellipse(_box(x, y, r - w * 0.2), outline=col, width=max(1, int(w * 0.6)))
            d.arc(_box(x, y, r - w * 0.35), 200, 290, fill=_light(col, 0.7), width=max(1, w // 4))
            if rng.random() < 0.5:
                for j in range(16):
                    a = _TAU * j / 16
                    d.ellipse(
                        _box(x + math.cos(a) * (r - w * 0.3), y + math.sin(a) * (r - w * 0.3), max(1, w * 0.15)),
                        fill=gold,
                    )
        return img
    for i in range(rng.randint(6, 10)):
        x, y = rng.uniform(0.2, 0.8) * s, rng.uniform(0.3, 0.78) * s
        r = s * rng.uniform(0.07, 0.13)
        col = _jit(rng, pal[i % len(pal)], 0.01, 0.05, 0.05)
        _shadow(img, d, x + r * 0.3, y + r * 0.8, r * 0.9, r * 0.3, 0.25)
        _ellipsoid(d, x, y, r, r, col, 7)
        d.arc(_box(x, y, r * 0.8), 20, 110, fill=_light(col, 0.5), width=max(1, s // 250))
    return img


def _fish(
    d: ImageDraw.ImageDraw, cx: float, cy: float, L: float, facing: int, body: RGB, fin: RGB, ink: RGB, lw: int
) -> None:
    """Madhubani fish: almond body, scale arcs, fan tail, big eye."""
    H = L * 0.22
    top, bot = [], []
    for i in range(17):
        t = i / 16
        h = H * math.sin(math.pi * min(1.0, t * 1.0 + 0.02)) ** 0.75 * (1 - 0.35 * t)
        x = cx + facing * (L / 2 - t * L * 0.82)
        top.append((x, cy - h))
        bot.append((x, cy + h))
    tail_x = cx + facing * (L / 2 - L * 0.82)
    tail = [
        (tail_x, cy),
        (tail_x - facing * L * 0.2, cy - H * 1.1),
        (tail_x - facing * L * 0.14, cy),
        (tail_x - facing * L * 0.2, cy + H * 1.1),
    ]
    d.polygon(tail, fill=fin, outline=ink)
    for k in range(1, 4):
        d.line((tail_x, cy, tail_x - facing * L * 0.17, cy + H * (k - 2) * 0.8), fill=ink, width=lw)
    d.polygon(top + bot[::-1], fill=body, outline=ink)
    d.polygon(top[:-2] + bot[:-2][::-1], outline=ink)  # double outline
    fx = cx + facing * L * 0.05
    d.polygon(
        [(fx, cy - H * 0.9), (fx - facing * L * 0.18, cy - H * 1.5), (fx - facing * L * 0.22, cy - H * 0.8)],
        fill=fin,
        outline=ink,
    )
    # scales
    sr = H * 0.22
    for col in range(5):
        x = cx + facing * (L * 0.18 - col * sr * 1.6)
        for row in range(-2, 3):
            y = cy + row * sr * 1.4 + (col % 2) * sr * 0.7
            if abs(y - cy) < H * 0.7:
                d.arc(
                    _box(x, y, sr),
                    90 - facing * 90 - 80 if facing > 0 else -80,
                    90 - facing * 90 + 80 if facing > 0 else 80,
                    fill=ink,
                    width=lw,
                )
    gx = cx + facing * L * 0.3
    d.arc(_box(gx, cy, H * 0.5, H * 0.8), -70 if facing > 0 else 110, 70 if facing > 0 else 250, fill=ink, width=lw)
    ex = cx + facing * L * 0.39
    d.ellipse(_box(ex, cy - H * 0.25, H * 0.2), fill=(250, 244, 228), outline=ink, width=lw)
    d.ellipse(_box(ex, cy - H * 0.25, H * 0.08), fill=ink)


def _peacock(d: ImageDraw.ImageDraw, cx: float, cy: float, sz: float, cols: Sequence[RGB], ink: RGB, lw: int) -> None:
    """Madhubani peacock: teardrop body, crested head, fanned eye-feathers."""
    blue, green, yellow, red = cols
    for i in range(7):  # tail feathers fan to the lower left
        a = math.pi * 0.55 + i * 0.16
        ex, ey = cx + math.cos(a) * sz * 0.95, cy + math.sin(a) * sz * 0.75
        d.line((cx, cy + sz * 0.1, ex, ey), fill=ink, width=lw)
        for k in range(1, 6):
            u = k / 6
            px, py = cx + (ex - cx) * u, cy + sz * 0.1 + (ey - cy - sz * 0.1) * u
            d.line((px, py, px + math.cos(a + 1.2) * sz * 0.05, py + math.sin(a + 1.2) * sz * 0.05), fill=ink, width=lw)
            d.line((px, py, px + math.cos(a - 1.2) * sz * 0.05, py + math.sin(a - 1.2) * sz * 0.05), fill=ink, width=lw)
        d.polygon(_ell(ex, ey, sz * 0.11, sz * 0.075, a, 14), fill=green, outline=ink)
        d.polygon(_ell(ex, ey, sz * 0.065, sz * 0.045, a, 12), fill=yellow, outline=ink)
        d.ellipse(_box(ex, ey, sz * 0.03), fill=blue, outline=ink)
    body = _ell(cx + sz * 0.08, cy, sz * 0.28, sz * 0.18, -0.35, 24)
    d.polygon(body, fill=blue, outline=ink)
    for k in range(1, 4):
        d.arc(_box(cx + sz * 0.1, cy + sz * 0.02, sz * 0.07 * k, sz * 0.05 * k), 200, 340, fill=ink, width=lw)
    neck = [
        (cx + sz * 0.22, cy - sz * 0.05),
        (cx + sz * 0.32, cy - sz * 0.3),
        (cx + sz * 0.3, cy - sz * 0.5),
        (cx + sz * 0.38, cy - sz * 0.5),
        (cx + sz * 0.42, cy - sz * 0.28),
        (cx + sz * 0.34, cy - sz * 0.02),
    ]
    d.polygon(neck, fill=blue, outline=ink)
    hx, hy = cx + sz * 0.35, cy - sz * 0.55
    d.ellipse(_box(hx, hy, sz * 0.07), fill=blue, outline=ink)
    d.polygon(
        [(hx + sz * 0.06, hy - sz * 0.01), (hx + sz * 0.16, hy + sz * 0.02), (hx + sz * 0.06, hy + sz * 0.04)],
        fill=yellow,
        outline=ink,
    )
    d.ellipse(_box(hx + sz * 0.02, hy - sz * 0.01, sz * 0.018), fill=(250, 244, 228), outline=ink)
    for k in (-1, 0, 1):
        tx, ty = hx + k * sz * 0.05, hy - sz * 0.2
        d.line((hx, hy - sz * 0.06, tx, ty), fill=ink, width=lw)
        d.ellipse(_box(tx, ty, sz * 0.022), fill=red, outline=ink)
    for k in (0, 1):
        lx = cx + sz * (0.02 + 0.12 * k)
        d.line((lx, cy + sz * 0.15, lx - sz * 0.02, cy + sz * 0.4), fill=ink, width=lw * 2)
        d.line((lx - sz * 0.02, cy + sz * 0.4, lx + sz * 0.06, cy + sz * 0.42), fill=ink, width=lw)


def _paint_art(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Madhubani-style painting: patterned double border, fish pair or peacock."""
    paper = _jit(rng, (240, 226, 190), 0.02, 0.06, 0.03)
    img = _background(s, _light(paper, 0.2), paper, rng, glow=0.08)
    d = ImageDraw.Draw(img)
    ink = (28, 20, 18)
    red, yellow, green, blue = (200, 40, 40), (240, 186, 40), (40, 140, 70), (40, 80, 170)
    red, yellow, green, blue = (_jit(rng, c, 0.02, 0.06, 0.05) for c in (red, yellow, green, blue))
    lw = max(1, s // 240)
    for _ in range(s // 8):  # handmade-paper fibres
        x, y = rng.uniform(0, s), rng.uniform(0, s)
        d.line((x, y, x + rng.uniform(-6, 6), y + rng.uniform(-3, 3)), fill=_dark(paper, 0.08))
    m, b = s * 0.04, s * rng.uniform(0.07, 0.09)
    d.rectangle((m, m, s - m, s - m), outline=ink, width=lw * 2)
    d.rectangle((m + b, m + b, s - m - b, s - m - b), outline=ink, width=lw * 2)
    pattern = rng.choice(("triangles", "hatch", "leaves", "scallop"))
    step = b * 0.8
    fills = (red, yellow, green, blue)

    def band(x0: float, y0: float, x1: float, y1: float, horiz: bool) -> None:
        length = (x1 - x0) if horiz else (y1 - y0)
        n = max(1, int(length / step))
        st = length / n
        for i in range(n):
            if horiz:
                a0, a1, c0, c1 = x0 + i * st, x0 + (i + 1) * st, y0, y1
            else:
                a0, a1, c0, c1 = y0 + i * st, y0 + (i + 1) * st, x0, x1

            def P(u: float, v: float) -> Pt:
                return (u, v) if horiz else (v, u)

            col = fills[i % 4]
            if pattern == "triangles":
                d.polygon([P(a0, c1), P((a0 + a1) / 2, c0), P(a1, c1)], fill=col, outline=ink)
            elif pattern == "hatch":
                d.line([P(a0, c0), P(a1, c1)], fill=ink, width=lw)
                if i < n - 1:
                    d.line([P(a0 + st / 2, c0), P(a1 + st / 2, c1)], fill=col, width=max(1, lw * 3))
            elif pattern == "leaves":
                mu, mv = (a0 + a1) / 2, (c0 + c1) / 2
                d.polygon(
                    [
                        P(a0 + st * 0.1, mv),
                        P(mu, c0 + (c1 - c0) * 0.15),
                        P(a1 - st * 0.1, mv),
                        P(mu, c1 - (c1 - c0) * 0.15),
                    ],
                    fill=col,
                    outline=ink,
                )
                d.line([P(a0 + st * 0.1, mv), P(a1 - st * 0.1, mv)], fill=ink, width=lw)
            else:
                mu = (a0 + a1) / 2
                bb = (
                    min(P(a0, c0)[0], P(a1, c1)[0]),
                    min(P(a0, c0)[1], P(a1, c1)[1]),
                    max(P(a0, c0)[0], P(a1, c1)[0]),
                    max(P(a0, c0)[1], P(a1, c1)[1]),
                )
                d.ellipse(bb, fill=col, outline=ink)
                d.ellipse(_box(*P(mu, (c0 + c1) / 2), st * 0.12), fill=ink)

    band(m + b, m, s - m - b, m + b, True)
    band(m + b, s - m - b, s - m - b, s - m, True)
    band(m, m, m + b, s - m, False)
    band(s - m - b, m, s - m, s - m, False)
    for x, y in ((m, m), (s - m - b, m), (m, s - m - b), (s - m - b, s - m - b)):  # corner lotus squares
        d.rectangle((x, y, x + b, y + b), fill=paper, outline=ink, width=lw)
        for i in range(4):
            a = math.pi / 4 + i * math.pi / 2
            d.polygon(
                _ell(x + b / 2 + math.cos(a) * b * 0.2, y + b / 2 + math.sin(a) * b * 0.2, b * 0.2, b * 0.09, a, 10),
                fill=red,
                outline=ink,
            )
        d.ellipse(_box(x + b / 2, y + b / 2, b * 0.08), fill=yellow, outline=ink)
    inner0, inner1 = m + b, s - m - b
    if _has(craft, "peacock", "mor"):
        subject = "peacock"
    elif _has(craft, "fish", "machh"):
        subject = "fish"
    else:
        subject = rng.choice(("fish", "peacock"))
    cxm = s / 2
    if subject == "fish":
        L = (inner1 - inner0) * rng.uniform(0.58, 0.66)
        _fish(d, cxm, s * 0.4, L, 1, red, yellow, ink, lw)
        _fish(d, cxm, s * 0.63, L, -1, green, blue if rng.random() < 0.5 else yellow, ink, lw)
    else:
        _peacock(d, cxm + s * 0.05, s * 0.5, (inner1 - inner0) * 0.5, (blue, green, yellow, red), ink, lw)
    # filler: sun disc and small flowers in the empty corners of the field
    fr = s * 0.028
    for x, y in (
        (inner0 + fr * 2, inner0 + fr * 2),
        (inner1 - fr * 2, inner0 + fr * 2),
        (inner0 + fr * 2, inner1 - fr * 2),
        (inner1 - fr * 2, inner1 - fr * 2),
    ):
        for i in range(6):
            a = _TAU * i / 6
            d.polygon(
                _ell(x + math.cos(a) * fr * 0.9, y + math.sin(a) * fr * 0.9, fr * 0.7, fr * 0.32, a, 10),
                fill=yellow,
                outline=ink,
            )
        d.ellipse(_box(x, y, fr * 0.45), fill=red, outline=ink)
    return img


_LACQUER: tuple[RGB, ...] = (
    (214, 36, 40),
    (246, 190, 30),
    (30, 150, 70),
    (36, 90, 196),
    (240, 110, 30),
    (220, 60, 140),
    (120, 40, 150),
)


def _paint_toys(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Channapatna-style lacquered toys: ring stacker, spinning top, roly-poly doll."""
    img = _soft_bg(rng, s, (230, 200, 150))
    d = ImageDraw.Draw(img)
    pal = rng.sample(_LACQUER, 5)
    wood = (222, 186, 130)
    items = rng.sample(("stacker", "top", "doll", "rattle"), rng.choice((2, 3)))
    if _has(craft, "top", "lattu"):
        items = ["top"] + [i for i in items if i != "top"][:1]
    xs = {2: (0.33, 0.7), 3: (0.2, 0.5, 0.8)}[len(items)]
    ground = s * 0.8
    sc = 1.0 if len(items) == 2 else 0.8
    for it, fx in zip(items, xs, strict=True):
        cx = s * fx
        _shadow(img, d, cx + s * 0.02, ground, s * 0.13 * sc, s * 0.03)
        d = ImageDraw.Draw(img)
        if it == "stacker":
            d.rectangle(
                (cx - s * 0.015, ground - s * 0.5 * sc, cx + s * 0.015, ground), fill=wood, outline=_dark(wood, 0.3)
            )
            _ellipsoid(d, cx, ground - s * 0.03 * sc, s * 0.14 * sc, s * 0.035 * sc, wood, 4, False)
            y = ground - s * 0.065 * sc
            for i in range(5):
                rx = s * (0.125 - 0.018 * i) * sc
                ry = s * 0.04 * sc
                _ellipsoid(d, cx, y, rx, ry, pal[i % len(pal)], 5)
                y -= ry * 1.6
            _ellipsoid(d, cx, y - s * 0.02 * sc, s * 0.05 * sc, s * 0.05 * sc, pal[0], 6)
        elif it == "top":
            r = s * 0.13 * sc
            cy = ground - r * 1.3
            prof = []
            for i in range(20):
                a = -math.pi / 2 + math.pi * 0.5 * i / 19
                prof.append((cy + math.sin(a) * r * 0.75, r * math.cos(a)))
            for i in range(1, 12):
                u = i / 11
                prof.append((cy + r * 1.2 * u, r * (1 - u) ** 1.3 + r * 0.03))
            col = pal[1]
            d.rectangle(
                (cx - r * 0.08, cy - r * 1.2, cx + r * 0.08, cy - r * 0.6), fill=pal[2], outline=_dark(pal[2], 0.4)
            )
            _lathe(img, cx, prof, _ramp([_dark(col, 0.5), col, _light(col, 0.4), _light(col, 0.8)], 7))
            d = ImageDraw.Draw(img)
            for k, f in enumerate((-0.35, 0.05, 0.4)):
                yy = cy + f * r
                rr = r * (math.cos(math.asin(max(-1, min(1, f / 0.75)))) if f < 0 else (1 - f / 1.2) ** 1.3)
                d.arc(
                    _box(cx, yy, rr * 0.98, rr * 0.2),
                    0,
                    180,
                    fill=pal[(k + 2) % len(pal)],
                    width=max(2, int(s * 0.012)),
                )
            d.ellipse(_box(cx, cy + r * 1.24, r * 0.04), fill=(60, 40, 30))
        elif it == "doll":
            r = s * 0.11 * sc
            by = ground - r
            _ellipsoid(d, cx, by, r, r * 1.02, pal[3], 7)
            d.arc(_box(cx, by, r * 0.8), 20, 160, fill=pal[1], width=max(2, int(s * 0.012)))
            hy = by - r * 1.55
            _ellipsoid(d, cx, hy, r * 0.62, r * 0.62, (240, 208, 170), 5, False)
            d.pieslice(_box(cx, hy, r * 0.64), 180, 360, fill=(30, 24, 20))
            for ex in (-1, 1):
                d.ellipse(_box(cx + ex * r * 0.2, hy + r * 0.1, r * 0.06), fill=(30, 24, 20))
            d.ellipse(_box(cx, hy + r * 0.32, r * 0.07, r * 0.04), fill=(200, 40, 40))
            d.polygon(
                [(cx - r * 0.5, hy - r * 0.45), (cx, hy - r * 1.3), (cx + r * 0.5, hy - r * 0.45)],
                fill=pal[0],
                outline=_dark(pal[0], 0.4),
            )
            d.ellipse(_box(cx, hy - r * 1.3, r * 0.1), fill=pal[1])
        else:  # rattle / dumbbell
            r = s * 0.08 * sc
            cy1, cy2 = ground - r, ground - r * 4.2
            d.rectangle((cx - r * 0.22, cy2, cx + r * 0.22, cy1), fill=pal[4], outline=_dark(pal[4], 0.4))
            for k in range(4):
                y = cy2 + (cy1 - cy2) * (k + 1) / 5
                d.line((cx - r * 0.22, y, cx + r * 0.22, y), fill=pal[0], width=max(2, int(r * 0.15)))
            _ellipsoid(d, cx, cy1, r, r, pal[2], 6)
            _ellipsoid(d, cx, cy2, r, r, pal[3], 6)
    return img


def _paint_devotional(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Prayer mala with guru bead and tassel, a card of bindis, or a lit diya."""
    if _has(craft, "bindi"):
        kind = "bindi"
    elif _has(craft, "mala", "rudraksha", "bead", "rosary", "tulsi", "japa"):
        kind = "mala"
    elif _has(craft, "diya", "lamp", "deepam"):
        kind = "diya"
    elif _has(craft, "kumkum", "sindoor", "gulal", "roli"):
        kind = "bindi"
    else:
        kind = rng.choice(("mala", "mala", "bindi", "diya"))
    img = _soft_bg(rng, s, (220, 150, 120))
    d = ImageDraw.Draw(img)
    if kind == "mala":
        bead_types = {
            "rudraksha": (112, 56, 32),
            "tulsi": (196, 160, 100),
            "pearl": (238, 232, 220),
            "sandal": (200, 160, 112),
            "coral": (208, 70, 60),
            "crystal": (210, 222, 236),
            "lotus": (80, 60, 50),
        }
        key = next((k for k in bead_types if k in craft), None) or rng.choice(tuple(bead_types))
        bead = _jit(rng, bead_types[key], 0.01, 0.05, 0.05)
        cx, cy = s * 0.5, s * 0.38
        R = s * rng.uniform(0.25, 0.28)
        n = rng.choice((28, 32, 36))
        pts = []
        for i in range(n):
            a = math.pi / 2 + _TAU * (i + 0.5) / n
            pinch = 1 - 0.35 * math.exp(-(((a - math.pi / 2 - math.pi) % _TAU - math.pi) ** 2) * 2.5)  # noqa
            pts.append((cx + math.cos(a) * R * pinch, cy + math.sin(a) * R * 0.95))
        thread = _jit(rng, (200, 40, 30), 0.02, 0.05, 0.05)
        d.line(pts + [pts[0]], fill=thread, width=max(1, s // 200))
        br = math.pi * R / n * 0.95
        for i, (x, y) in enumerate(pts):
            _shadow(img, d, x + br * 0.3, y + br * 0.6, br * 0.9, br * 0.4, 0.22) if i % 4 == 0 else None
        for x, y in pts:
            _ellipsoid(d, x, y, br, br, bead, 5)
            if key == "rudraksha":
                d.arc(_box(x, y, br * 0.6), 200, 340, fill=_dark(bead, 0.5))
                d.arc(_box(x, y, br * 0.6), 20, 160, fill=_dark(bead, 0.5))
        gx, gy = cx, cy + R * 0.95 + br * 2.2
        gold = (214, 170, 70)
        d.line((cx, cy + R * 0.95, gx, gy), fill=thread, width=max(1, s // 200))
        _ellipsoid(d, gx, gy, br * 1.5, br * 1.5, bead, 6)
        ty = gy + br * 1.5
        d.rectangle((gx - br * 0.7, ty, gx + br * 0.7, ty + br * 1.2), fill=gold, outline=_dark(gold, 0.4))
        tl = s * 0.1
        for i in range(15):
            u = (i - 7) / 7
            d.line(
                (gx + u * br * 0.5, ty + br * 1.2, gx + u * br * 1.8, ty + br * 1.2 + tl * (1 - 0.1 * abs(u))),
                fill=thread if i % 3 else _light(thread, 0.3),
                width=max(1, s // 300),
            )
        return img
    if kind == "bindi":
        card = _jit(rng, rng.choice(((150, 20, 40), (30, 30, 36), (240, 228, 210), (20, 70, 60))), 0.01, 0.05, 0.04)
        x0, y0, x1, y1 = s * 0.16, s * 0.12, s * 0.84, s * 0.86
        _shadow(img, d, s * 0.52, y1 - s * 0.01, s * 0.38, s * 0.04)
        d = ImageDraw.Draw(img)
        d.rectangle(
            (x0 + s * 0.01, y0 + s * 0.012, x1 + s * 0.01, y1 + s * 0.012),
            fill=_dark(img.getpixel((int(x1), int(y1))), 0.25),
        )
        d.rectangle((x0, y0, x1, y1), fill=card)
        d.rectangle(
            (x0 + s * 0.02, y0 + s * 0.02, x1 - s * 0.02, y1 - s * 0.02), outline=(214, 170, 70), width=max(1, s // 200)
        )
        light_card = sum(card) > 500
        cols = (
            [(170, 10, 30), (120, 10, 40), (20, 20, 24), (20, 110, 70)]
            if light_card
            else [(200, 20, 40), (240, 200, 80), (250, 250, 250), (40, 150, 90), (230, 90, 150)]
        )
        rows = rng.choice((5, 6, 7))
        per = rng.choice((5, 6))
        gold = (226, 184, 80)
        for r in range(rows):
            shape = rng.choice(("dot", "drop", "long", "jewel"))
            col = cols[r % len(cols)]
            y = y0 + (r + 0.7) * (y1 - y0) / (rows + 0.4)
            sz = (x1 - x0) / per * rng.uniform(0.18, 0.28)
            for k in range(per):
                x = x0 + (k + 0.5) * (x1 - x0) / per
                if shape == "dot":
                    d.ellipse(_box(x, y, sz), fill=col)
                    d.ellipse(_box(x - sz * 0.3, y - sz * 0.3, sz * 0.2), fill=_light(col, 0.4))
                elif shape == "drop":
                    d.polygon(
                        [(x, y - sz * 1.5)]
                        + [
                            (x + math.cos(a) * sz * 0.8, y + math.sin(a) * sz * 0.8)
                            for a in (math.pi * i / 10 for i in range(-1, 12))
                        ],
                        fill=col,
                    )
                elif shape == "long":
                    d.polygon(_ell(x, y, sz * 0.35, sz * 1.4, 0, 14), fill=col, outline=gold)
                    d.ellipse(_box(x, y - sz * 1.7, sz * 0.22), fill=gold)
                else:
                    d.ellipse(_box(x, y, sz * 0.9), fill=gold)
                    d.ellipse(_box(x, y, sz * 0.6), fill=col)
                    d.ellipse(_box(x - sz * 0.15, y - sz * 0.15, sz * 0.18), fill=(255, 255, 255))
        return img
    # diya
    clay = _jit(rng, _METALS["brass"][2] if _has(craft, "brass", "metal") else (176, 80, 40), 0.02, 0.06, 0.05)
    n = rng.choice((1, 3))
    spots = [(0.44, 1.35, 0.62)] if n == 1 else [(0.22, 0.8, 0.5), (0.7, 0.8, 0.5), (0.44, 1.1, 0.7)]
    for fx, sc, fyr in spots:
        cx, rim = s * fx, s * fyr
        rx, ry = s * 0.22 * sc, s * 0.05 * sc
        _shadow(img, d, cx + s * 0.02, rim + s * 0.1 * sc, rx * 1.1, s * 0.03 * sc)
        d = ImageDraw.Draw(img)
        body = [(cx - rx, rim)] + [
            (cx + math.cos(math.pi - math.pi * i / 16) * rx, rim + math.sin(math.pi * i / 16) * s * 0.11 * sc)
            for i in range(17)
        ]
        body += [(cx + rx * 1.3, rim - s * 0.03 * sc), (cx + rx * 1.05, rim - s * 0.005)]
        _fill(img, [("p", body, 255)], clay)
        d = ImageDraw.Draw(img)
        d.ellipse(_box(cx, rim, rx, ry), fill=_dark(clay, 0.45), outline=_light(clay, 0.3), width=max(1, s // 200))
        d.ellipse(_box(cx, rim + ry * 0.2, rx * 0.8, ry * 0.6), fill=(210, 160, 60))
        for k in range(5):
            d.arc(
                _box(cx, rim + s * 0.03 * sc, rx * 0.9, s * 0.05 * sc),
                20 + k * 30,
                35 + k * 30,
                fill=(240, 220, 180),
                width=max(1, s // 200),
            )
        fx2, fy = cx + rx * 1.15, rim - s * 0.035 * sc
        for k, col in enumerate(((255, 236, 170), (255, 200, 60), (245, 120, 20), (255, 250, 220))):
            g = (1.0 - 0.22 * k) * sc
            d.polygon(
                [(fx2, fy - s * 0.16 * g)]
                + [
                    (fx2 + math.cos(a) * s * 0.04 * g, fy - s * 0.035 * g + math.sin(a) * s * 0.04 * g)
                    for a in (math.pi * i / 10 for i in range(-1, 12))
                ],
                fill=col,
            )
    return img


def _paint_instruments(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Bansuri flute, tabla pair, or cricket bat and ball."""
    if _has(craft, "flute", "bansuri", "shehnai", "wind"):
        kind = "flute"
    elif _has(craft, "drum", "dhol", "tabla", "mridang", "nagada", "percussion", "pakhawaj", "damru"):
        kind = "tabla"
    elif _has(craft, "cricket", "bat", "ball", "sport", "hockey", "football", "badminton", "racket"):
        kind = "sports"
    else:
        kind = rng.choice(("flute", "tabla", "sports"))
    img = _soft_bg(rng, s, (190, 170, 140))
    d = ImageDraw.Draw(img)
    lw = max(1, s // 260)
    if kind == "flute":
        bamboo = _jit(rng, (206, 168, 96), 0.015, 0.06, 0.05)
        wrap = _jit(rng, rng.choice(((180, 30, 40), (30, 30, 30), (40, 90, 160))), 0.02, 0.05, 0.05)
        for off, sc in ((-0.1, 0.8), (0.06, 1.0)) if rng.random() < 0.5 else ((0.0, 1.0),):
            ax, ay = s * (0.12 + off), s * (0.8 + off * 0.5)
            bx, by = s * (0.88 + off), s * (0.24 + off * 0.5)
            w = s * 0.05 * sc
            dx, dy = bx - ax, by - ay
            L = math.hypot(dx, dy)
            ux, uy = dx / L, dy / L
            nx, ny = -uy, ux
            d.line(
                (ax + nx * w * 0.4 + s * 0.03, ay + ny * w * 0.4 + s * 0.03, bx + s * 0.03, by + s * 0.03),
                fill=_dark(img.getpixel((int(s / 2), int(s / 2))), 0.2),
                width=int(w),
            )
            ramp = _ramp([_dark(bamboo, 0.45), bamboo, _light(bamboo, 0.45), bamboo, _dark(bamboo, 0.35)], 9)
            for i, col in enumerate(ramp):
                o = (i / (len(ramp) - 1) - 0.5) * w
                d.line(
                    (ax + nx * o, ay + ny * o, bx + nx * o, by + ny * o), fill=col, width=max(2, int(w / len(ramp)) + 2)
                )
            for t in (0.0, 1.0):
                ex, ey = ax + dx * t, ay + dy * t
                d.ellipse(_box(ex, ey, w * 0.5), fill=_dark(bamboo, 0.3))
                d.ellipse(_box(ex, ey, w * 0.25), fill=(50, 34, 20))
            for t in (0.3, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):  # embouchure + finger holes
                hx, hy = ax + dx * t, ay + dy * t
                r = w * (0.2 if t == 0.3 else 0.16)
                d.ellipse(_box(hx, hy, r), fill=(40, 26, 16))
            for t in (0.04, 0.08, 0.2, 0.9, 0.95):  # thread bindings
                for k in range(3):
                    tt = t + k * 0.006
                    px, py = ax + dx * tt, ay + dy * tt
                    d.line(
                        (px - nx * w * 0.52, py - ny * w * 0.52, px + nx * w * 0.52, py + ny * w * 0.52),
                        fill=wrap if k != 1 else (226, 184, 80),
                        width=max(2, int(w * 0.12)),
                    )
            node = 0.45
            px, py = ax + dx * node, ay + dy * node
            d.line(
                (px - nx * w * 0.5, py - ny * w * 0.5, px + nx * w * 0.5, py + ny * w * 0.5),
                fill=_dark(bamboo, 0.3),
                width=max(2, int(w * 0.1)),
            )
        return img
    if kind == "tabla":
        for cx, kind2 in ((s * 0.32, "bayan"), (s * 0.67, "dayan")):
            if kind2 == "bayan":  # metal bowl drum
                top, r = s * 0.4, s * 0.2
                body = _METALS[rng.choice(("brass", "copper"))]
                prof = [(top, r * 0.78)] + [
                    (
                        top + r * 1.25 * math.sin(math.pi / 2 * i / 12),
                        r * 0.78 + r * 0.22 * math.sin(math.pi * i / 12 * 0.8) - r * 0.45 * (i / 12) ** 3,
                    )
                    for i in range(1, 13)
                ]
                skin_r = r * 0.78
            else:  # wooden drum with straps and dowels
                top, r = s * 0.33, s * 0.13
                body = ((70, 36, 18), (120, 66, 34), (160, 100, 56), (196, 140, 90))
                prof = [(top + s * 0.45 * i / 12, r * (1 + 0.15 * math.sin(math.pi * i / 12))) for i in range(13)]
                skin_r = r
            bot = prof[-1][0]
            _shadow(img, d, cx + s * 0.02, bot, prof[-1][1] * 1.5, s * 0.03)
            _lathe(img, cx, prof, _ramp(body, 7))
            d = ImageDraw.Draw(img)
            strap = (60, 40, 30)
            for i in range(14):
                a = math.pi * (i + 0.5) / 14
                x1 = cx - math.cos(a) * skin_r
                x2 = cx - math.cos(a) * prof[-1][1] * 0.95
                d.line((x1, top + math.sin(a) * skin_r * 0.22, x2, bot - s * 0.01), fill=strap, width=max(1, s // 220))
            if kind2 == "dayan":
                for i in range(8):
                    a = math.pi * (i + 0.5) / 8
                    x = cx - math.cos(a) * r * 1.08
                    y = top + s * 0.3 + math.sin(a) * s * 0.015
                    d.rectangle(
                        (x - s * 0.012, y, x + s * 0.012, y + s * 0.07), fill=(150, 100, 56), outline=(80, 50, 26)
                    )
            d.ellipse(_box(cx, top, skin_r, skin_r * 0.24), fill=(80, 50, 30))
            d.ellipse(_box(cx, top, skin_r * 0.92, skin_r * 0.2), fill=(236, 220, 186))
            d.ellipse(
                _box(cx - (skin_r * 0.12 if kind2 == "bayan" else 0), top, skin_r * 0.38, skin_r * 0.085),
                fill=(28, 24, 26),
            )
        return img
    # cricket bat and ball (or football)
    if _has(craft, "football", "soccer") or (not _has(craft, "cricket", "bat") and rng.random() < 0.3):
        cx, cy, r = s * 0.5, s * 0.48, s * 0.28
        _shadow(img, d, cx + s * 0.03, cy + r * 1.02, r * 0.95, s * 0.05)
        d = ImageDraw.Draw(img)
        _ellipsoid(d, cx, cy, r, r, (240, 240, 236), 6, False)
        ink = (30, 30, 34)
        pr = r * 0.28
        d.polygon(_ell(cx - r * 0.1, cy - r * 0.08, pr, pr, -math.pi / 2, 5), fill=ink)
        for i in range(5):
            a = -math.pi / 2 + _TAU * i / 5
            px, py = cx - r * 0.1 + math.cos(a) * r * 0.68, cy - r * 0.08 + math.sin(a) * r * 0.68
            if math.hypot(px - cx, py - cy) < r * 0.95:
                d.polygon(_ell(px, py, pr * 0.8, pr * 0.8, a + math.pi, 5), fill=ink)
            d.line(
                (
                    cx - r * 0.1 + math.cos(a) * pr,
                    cy - r * 0.08 + math.sin(a) * pr,
                    px - math.cos(a) * pr * 0.8,
                    py - math.sin(a) * pr * 0.8,
                ),
                fill=ink,
                width=lw,
            )
        d.ellipse(_box(cx, cy, r), outline=(120, 120, 120), width=lw)
        return img
    willow = _jit(rng, (226, 196, 140), 0.01, 0.05, 0.03)
    ang = rng.uniform(-0.75, -0.55)
    ox, oy = s * 0.5, s * 0.5
    blade = [(-0.09, 0.05), (0.09, 0.05), (0.095, 0.42), (0.07, 0.46), (-0.07, 0.46), (-0.095, 0.42)]
    pts = _rot([(ox + x * s, oy - 0.1 * s + y * s) for x, y in blade], ang, ox, oy)
    sh = [(x + s * 0.02, y + s * 0.025) for x, y in pts]
    _fill(img, [("p", sh, 255)], _dark(img.getpixel((int(ox), int(oy))), 0.2))
    _fill(img, [("p", pts, 255)], willow)
    d = ImageDraw.Draw(img)
    spine = _rot([(ox, oy - 0.05 * s), (ox, oy + 0.34 * s)], ang, ox, oy)
    d.line(spine, fill=_light(willow, 0.35), width=max(2, s // 60))
    for k in (-0.06, -0.03, 0.03, 0.06):
        ln = _rot([(ox + k * s, oy - 0.04 * s), (ox + k * s, oy + 0.35 * s)], ang, ox, oy)
        d.line(ln, fill=_dark(willow, 0.1), width=1)
    handle = _rot([(ox, oy - 0.06 * s), (ox, oy - 0.36 * s)], ang, ox, oy)
    grip = _jit(rng, rng.choice(((30, 30, 30), (200, 30, 40), (30, 60, 150))), 0.02, 0.05, 0.05)
    d.line(handle, fill=_dark(grip, 0.3), width=max(4, int(s * 0.05)))
    d.line(handle, fill=grip, width=max(3, int(s * 0.04)))
    for k in range(10):
        u = 0.1 + 0.085 * k
        p = (handle[0][0] + (handle[1][0] - handle[0][0]) * u, handle[0][1] + (handle[1][1] - handle[0][1]) * u)
        q = _rot([(p[0] - s * 0.022, p[1]), (p[0] + s * 0.022, p[1] - s * 0.01)], 0, p[0], p[1])
        d.line(q, fill=_light(grip, 0.3), width=max(1, s // 250))
    bx, by, br = s * rng.uniform(0.24, 0.32), s * rng.uniform(0.7, 0.76), s * 0.085
    _shadow(img, d, bx + s * 0.015, by + br * 0.95, br * 1.1, br * 0.3)
    d = ImageDraw.Draw(img)
    _ellipsoid(d, bx, by, br, br, _jit(rng, (176, 22, 30), 0.01, 0.05, 0.05), 6)
    for k in (-1, 1):
        d.arc(
            _box(bx + k * br * 0.12 - br * 1.2, by, br * 1.3, br * 1.5),
            -40,
            40,
            fill=(250, 240, 230),
            width=max(1, s // 260),
        )
        for i in range(9):
            a = math.radians(-36 + 9 * i)
            px, py = bx + k * br * 0.12 - br * 1.2 + math.cos(a) * br * 1.3, by + math.sin(a) * br * 1.5
            d.line((px - br * 0.07, py, px + br * 0.07, py), fill=(250, 240, 230), width=1)
    return img


def _gear(cx: float, cy: float, r: float, teeth: int, th: float, phase: float) -> list[Pt]:
    pts = []
    root = r - th
    for i in range(teeth):
        a = phase + _TAU * i / teeth
        p = _TAU / teeth
        for aa, rr in ((a - p * 0.25, root), (a - p * 0.13, r), (a + p * 0.13, r), (a + p * 0.25, root)):
            pts.append((cx + math.cos(aa) * rr, cy + math.sin(aa) * rr))
    return pts


def _paint_engineering(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Meshing machined gears (plus hex nuts) on a faint blueprint grid."""
    top, bottom = _jit(rng, (226, 234, 242), 0.02, 0.04, 0.02), _jit(rng, (186, 200, 216), 0.02, 0.04, 0.03)
    img = _background(s, top, bottom, rng)
    d = ImageDraw.Draw(img)
    grid = _dark(top, 0.1)
    for k in range(0, s, max(8, s // 20)):
        d.line((k, 0, k, s), fill=grid)
        d.line((0, k, s, k), fill=grid)
    metal = "brass" if _has(craft, "brass") else rng.choice(("silver", "silver", "brass", "bronze"))
    stops = [_jit(rng, c, 0.01, 0.04, 0.03) for c in _METALS[metal]]
    gears = []
    r1 = s * rng.uniform(0.2, 0.24)
    th = s * 0.03
    g1 = (s * rng.uniform(0.36, 0.42), s * rng.uniform(0.4, 0.46), r1)
    gears.append(g1)
    r2 = s * rng.uniform(0.12, 0.16)
    a2 = rng.uniform(-0.3, 0.6)
    dist = r1 + r2 - th * 0.9
    gears.append((g1[0] + math.cos(a2) * dist, g1[1] + math.sin(a2) * dist, r2))
    if rng.random() < 0.6:
        r3 = s * rng.uniform(0.08, 0.1)
        a3 = a2 + rng.choice((-1, 1)) * rng.uniform(1.2, 1.6)
        dist = r2 + r3 - th * 0.9
        gears.append((gears[1][0] + math.cos(a3) * dist, gears[1][1] + math.sin(a3) * dist, r3))
    pitch_len = s * 0.055
    for gx, gy, gr in gears:
        teeth = max(8, int(_TAU * gr / pitch_len))
        pts = _gear(gx, gy, gr, teeth, th, rng.uniform(0, 1))
        holes: list[Shape] = [("e", _box(gx, gy, gr * 0.16), 0)]
        if gr > s * 0.11:
            for i in range(5):
                a = _TAU * i / 5
                holes.append(("e", _box(gx + math.cos(a) * gr * 0.5, gy + math.sin(a) * gr * 0.5, gr * 0.17), 0))
        side = [("p", [(x + s * 0.012, y + s * 0.016) for x, y in pts], 255)] + [
            (k, tuple(v + (s * 0.012 if j % 2 == 0 else s * 0.016) for j, v in enumerate(g)), 0) for k, g, _ in holes
        ]
        _fill(img, side, _dark(bottom, 0.45))
        face = _hgrad(int(2 * gr) + 4, int(2 * gr) + 4, [stops[1], stops[3], stops[4], stops[2], stops[1], stops[0]])
        _fill(img, [("p", pts, 255)] + holes, face)
        d = ImageDraw.Draw(img)
        d.ellipse(_box(gx, gy, gr - th * 1.3), outline=_dark(stops[1], 0.2), width=max(1, s // 300))
        d.ellipse(_box(gx, gy, gr * 0.28), outline=_dark(stops[1], 0.25), width=max(1, s // 250))
        d.rectangle((gx - gr * 0.04, gy - gr * 0.2, gx + gr * 0.04, gy - gr * 0.14), fill=_dark(bottom, 0.5))  # keyway
    for _ in range(rng.randint(1, 3)):  # hex nuts
        nx, ny = s * rng.uniform(0.15, 0.85), s * rng.uniform(0.76, 0.86)
        nr = s * rng.uniform(0.04, 0.055)
        hexp = [(nx + math.cos(a) * nr, ny + math.sin(a) * nr * 0.8) for a in (_TAU * i / 6 + 0.3 for i in range(6))]
        d.polygon([(x + s * 0.008, y + s * 0.01) for x, y in hexp], fill=_dark(bottom, 0.4))
        d.polygon(hexp, fill=stops[2], outline=_dark(stops[1], 0.3))
        d.ellipse(_box(nx, ny, nr * 0.45, nr * 0.36), fill=_dark(stops[0], 0.2), outline=stops[4])
    return img


def _warli_figure(
    d: ImageDraw.ImageDraw, x: float, y: float, h: float, col: RGB, lw: int, ang: float = 0.0, arms: str = "down"
) -> tuple[Pt, Pt]:
    """Warli person: head, two triangles touching at the waist, stick limbs.
    Returns the two hand positions so dancers can hold hands."""

    def R(pts: list[Pt]) -> list[Pt]:
        return _rot(pts, ang, x, y) if ang else pts

    tw = h * 0.22
    head = R([(x, y - h * 0.88)])[0]
    d.ellipse(_box(head[0], head[1], h * 0.1), fill=col)
    d.polygon(R([(x - tw, y - h * 0.74), (x + tw, y - h * 0.74), (x, y - h * 0.45)]), fill=col)
    d.polygon(R([(x, y - h * 0.45), (x - tw, y - h * 0.2), (x + tw, y - h * 0.2)]), fill=col)
    for sgn in (-1, 1):
        d.line(
            R([(x + sgn * tw * 0.6, y - h * 0.2), (x + sgn * tw * 1.1, y - h * 0.08), (x + sgn * tw * 0.9, y)]),
            fill=col,
            width=lw,
        )
    if arms == "up":
        hands = [(x - tw * 1.8, y - h * 0.95), (x + tw * 1.8, y - h * 0.95)]
        elbows = [(x - tw * 1.6, y - h * 0.6), (x + tw * 1.6, y - h * 0.6)]
    else:
        hands = [(x - tw * 2.2, y - h * 0.5), (x + tw * 2.2, y - h * 0.5)]
        elbows = [(x - tw * 1.5, y - h * 0.62), (x + tw * 1.5, y - h * 0.62)]
    hands = R(hands)
    elbows = R(elbows)
    sh = R([(x - tw, y - h * 0.72), (x + tw, y - h * 0.72)])
    for k in range(2):
        d.line((sh[k], elbows[k], hands[k]), fill=col, width=lw)
    return hands[0], hands[1]


def _paint_tribal(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Warli painting: white stick figures in a circle dance or a village scene."""
    mud = _jit(rng, rng.choice(((140, 64, 38), (96, 52, 32), (166, 104, 52), (110, 40, 30))), 0.02, 0.06, 0.05)
    img = _background(s, _light(mud, 0.08), _dark(mud, 0.12), rng, glow=0.1)
    d = ImageDraw.Draw(img)
    white = (246, 240, 228)
    lw = max(1, s // 220)
    # border of small triangles
    m = s * 0.045
    tri = s * 0.03
    d.rectangle((m, m, s - m, s - m), outline=white, width=lw)
    d.rectangle((m + tri * 1.2, m + tri * 1.2, s - m - tri * 1.2, s - m - tri * 1.2), outline=white, width=lw)
    k = m
    while k < s - m - tri:
        for ax, ay, bx, by, cx2, cy2 in (
            (k, m, k + tri, m, k + tri / 2, m + tri),
            (k, s - m, k + tri, s - m, k + tri / 2, s - m - tri),
            (m, k, m, k + tri, m + tri, k + tri / 2),
            (s - m, k, s - m, k + tri, s - m - tri, k + tri / 2),
        ):
            d.polygon([(ax, ay), (bx, by), (cx2, cy2)], fill=white)
        k += tri * 1.5
    scene = rng.choice(("dance", "dance", "village"))
    if scene == "dance":
        cx, cy = s * 0.5, s * 0.52
        for ring, (R, n, hh) in enumerate(
            ((s * 0.3, rng.randint(14, 18), s * 0.1), (s * 0.17, rng.randint(8, 11), s * 0.075))
        ):
            hands: list[tuple[Pt, Pt]] = []
            for i in range(n):
                a = _TAU * i / n + ring * 0.2
                px, py = cx + math.cos(a) * R, cy + math.sin(a) * R
                hands.append(_warli_figure(d, px, py, hh, white, lw, a + math.pi / 2))
            for i in range(n):
                d.line((hands[i][1], hands[(i + 1) % n][0]), fill=white, width=lw)
        _warli_figure(d, cx, cy + s * 0.05, s * 0.1, white, lw, 0.0, "up")  # tarpa player
        d.polygon(
            [(cx + s * 0.03, cy - s * 0.04), (cx + s * 0.08, cy - s * 0.1), (cx + s * 0.1, cy - s * 0.08)], fill=white
        )
        return img
    ground = s * 0.76
    d.line((m + tri * 1.5, ground, s - m - tri * 1.5, ground), fill=white, width=lw)
    sx, sy = s * rng.uniform(0.2, 0.8), s * 0.2
    d.ellipse(_box(sx, sy, s * 0.045), fill=white)
    for i in range(12):
        a = _TAU * i / 12
        d.line(
            (
                sx + math.cos(a) * s * 0.06,
                sy + math.sin(a) * s * 0.06,
                sx + math.cos(a) * s * 0.085,
                sy + math.sin(a) * s * 0.085,
            ),
            fill=white,
            width=lw,
        )
    for tx in rng.sample((0.18, 0.3, 0.72, 0.84), 2):  # trees
        x = s * tx
        d.line((x, ground, x, ground - s * 0.3), fill=white, width=lw * 2)
        for j in range(7):
            yb = ground - s * (0.1 + 0.03 * j)
            for sgn in (-1, 1):
                ex, ey = x + sgn * s * (0.09 - 0.01 * j), yb - s * 0.05
                d.line((x, yb, ex, ey), fill=white, width=lw)
                d.polygon(_ell(ex, ey, s * 0.014, s * 0.007, -sgn * 0.6, 8), fill=white)
    hx = s * rng.uniform(0.42, 0.58)  # hut
    d.polygon(
        [(hx - s * 0.1, ground - s * 0.12), (hx, ground - s * 0.22), (hx + s * 0.1, ground - s * 0.12)],
        outline=white,
        width=lw,
    )
    d.rectangle((hx - s * 0.08, ground - s * 0.12, hx + s * 0.08, ground), outline=white, width=lw)
    d.rectangle((hx - s * 0.02, ground - s * 0.07, hx + s * 0.02, ground), fill=white)
    for i in range(rng.randint(5, 8)):
        x = s * (0.14 + 0.72 * (i + 0.5) / 8) + rng.uniform(-0.01, 0.01) * s
        _warli_figure(d, x, s * 0.9, s * 0.11, white, lw, 0.0, rng.choice(("up", "down")))
    for _ in range(rng.randint(3, 6)):  # birds
        bx, by = s * rng.uniform(0.15, 0.85), s * rng.uniform(0.12, 0.3)
        d.line(((bx - s * 0.02, by - s * 0.01), (bx, by), (bx + s * 0.02, by - s * 0.01)), fill=white, width=lw)
    return img


def _paint_generic(rng: random.Random, s: int, craft: str) -> Image.Image:
    """Fallback rangoli/mandala: concentric petal rings, so never a blank tile."""
    pal = [_jit(rng, c, 0.03, 0.08, 0.06) for c in rng.sample(_LACQUER, 4)]
    img = _soft_bg(rng, s, pal[0])
    d = ImageDraw.Draw(img)
    cx = cy = s / 2
    R = s * 0.42
    d.ellipse(_box(cx, cy, R), fill=_light(pal[0], 0.75), outline=pal[0], width=max(1, s // 150))
    for ring, rr in enumerate((0.85, 0.62, 0.4)):
        n = (24, 16, 10)[ring]
        for i in range(n):
            a = _TAU * (i + 0.5 * ring) / n
            col = pal[(i + ring) % len(pal)]
            d.polygon(
                _ell(
                    cx + math.cos(a) * R * rr, cy + math.sin(a) * R * rr, R * 0.13 * (1 - ring * 0.15), R * 0.055, a, 14
                ),
                fill=col,
                outline=_dark(col, 0.3),
            )
        d.ellipse(_box(cx, cy, R * (rr - 0.12)), outline=pal[ring], width=max(1, s // 200))
        for i in range(n * 2):
            a = _TAU * i / (n * 2)
            d.ellipse(
                _box(cx + math.cos(a) * R * (rr - 0.12), cy + math.sin(a) * R * (rr - 0.12), s * 0.006), fill=pal[-1]
            )
    d.polygon(_star(cx, cy, R * 0.2, R * 0.1, 8, rng.uniform(0, 1)), fill=pal[1], outline=_dark(pal[1], 0.3))
    d.ellipse(_box(cx, cy, R * 0.07), fill=pal[2])
    return img


_PAINTERS: dict[str, Painter] = {
    "metal-craft": _paint_metal,
    "textiles": _paint_textiles,
    "pottery": _paint_pottery,
    "wood-craft": _paint_wood,
    "natural-fibre": _paint_fibre,
    "stone-craft": _paint_stone,
    "leather": _paint_leather,
    "food": _paint_food,
    "fragrance": _paint_fragrance,
    "glass": _paint_glass,
    "art-paper": _paint_art,
    "toys": _paint_toys,
    "devotional-adornment": _paint_devotional,
    "instruments-sports": _paint_instruments,
    "engineering": _paint_engineering,
    "tribal-heritage": _paint_tribal,
}
