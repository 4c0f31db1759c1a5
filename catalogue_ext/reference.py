"""Parsing the versioned ODOP reference files into checked rows, before anything is written.

Every file is read and cross-checked in full first, so a bad row stops the load with its file and
line and the database is never touched.
"""

import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from decimal import Decimal
from pathlib import Path

from catalogue_ext.models import GST_RATES
from shop.csvio import CsvRowError, csv_rows, parse_decimal, parse_int

REFERENCE_DATA_DIR = Path(__file__).resolve().parent / "data"

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_STATE_CODE = re.compile(r"^[A-Z]{2}$")
_GST_CODE = re.compile(r"^\d{2}$")
_HSN = re.compile(r"^(\d{4}|\d{6}|\d{8})$")
# Registered facts of a GI; each one given in gi_tags.csv needs a `<fact>_source` column saying where it is from.
GI_FACTS = ("registration_number", "nice_classes", "registered_year", "region")
_NICE = re.compile(r"^(?:[1-9]|[1-3][0-9]|4[0-5])(?:, ?(?:[1-9]|[1-3][0-9]|4[0-5]))*$")
GOODS_CLASSES = {"Handicraft", "Agricultural", "Manufactured", "Foodstuff", "Natural"}


@dataclass(frozen=True)
class StateRow:
    code: str
    name: str
    name_hi: str
    gst_code: str
    kind: str


@dataclass(frozen=True)
class DistrictRow:
    state_code: str
    name: str
    name_hi: str
    slug: str


@dataclass(frozen=True)
class CraftRow:
    slug: str
    name: str
    name_hi: str
    parent_slug: str


@dataclass(frozen=True)
class DesignationRow:
    district_slug: str
    name: str
    craft_slug: str
    is_primary: bool
    name_hi: str = ""


@dataclass(frozen=True)
class GITagRow:
    slug: str
    name: str
    name_hi: str
    state_code: str
    district_slug: str
    goods_class: str
    registration_number: str
    craft_slug: str
    nice_classes: str = ""
    registered_year: int | None = None
    region: str = ""
    region_hi: str = ""
    fact_sources: dict = dataclass_field(default_factory=dict)


@dataclass(frozen=True)
class DemoItemRow:
    craft_slug: str
    item: str
    item_hi: str
    price_min: Decimal
    price_max: Decimal
    weight_g_min: int
    weight_g_max: int
    length_cm: int
    breadth_cm: int
    height_cm: int
    hsn_code: str
    gst_rate: Decimal


@dataclass(frozen=True)
class CraftTaxRow:
    craft_slug: str
    hsn_code: str
    gst_rate: Decimal
    hsn_description: str
    hsn_description_hi: str
    source: str


@dataclass(frozen=True)
class SizePresetRow:
    craft_slug: str
    code: str
    name: str
    name_hi: str
    weight_grams: int
    length_cm: Decimal
    breadth_cm: Decimal
    height_cm: Decimal


@dataclass(frozen=True)
class ReferenceData:
    states: list[StateRow]
    districts: list[DistrictRow]
    crafts: list[CraftRow]
    designations: list[DesignationRow]
    gi_tags: list[GITagRow]
    craft_taxes: list[CraftTaxRow] = dataclass_field(default_factory=list)
    size_presets: list[SizePresetRow] = dataclass_field(default_factory=list)


def _require(row: dict[str, str], fields: tuple[str, ...], *, source: str, line: int) -> None:
    for field in fields:
        if not row[field]:
            raise CsvRowError(source=source, line=line, reason=f"{field} is empty")


def _unique(seen: set, key, *, what: str, source: str, line: int) -> None:
    if key in seen:
        raise CsvRowError(source=source, line=line, reason=f"duplicate {what} {key!r}")
    seen.add(key)


def _district(row: dict[str, str], districts: dict[tuple[str, str], str], *, source: str, line: int) -> str:
    slug = districts.get((row["state_code"], row["district"]))
    if slug is None:
        raise CsvRowError(
            source=source, line=line, reason=f"unknown district {row['district']!r} in state {row['state_code']!r}"
        )
    return slug


def parse_states(path: Path) -> list[StateRow]:
    rows, codes, gst_codes, names = [], set(), set(), set()
    for line, row in csv_rows(path=path, required=("code", "name", "name_hi", "gst_code", "kind")):
        _require(row, ("code", "name", "gst_code", "kind"), source=path.name, line=line)
        if not _STATE_CODE.match(row["code"]):
            raise CsvRowError(
                source=path.name, line=line, reason=f"state code {row['code']!r} is not two capital letters"
            )
        if not _GST_CODE.match(row["gst_code"]):
            raise CsvRowError(
                source=path.name, line=line, reason=f"GST state code {row['gst_code']!r} is not two digits"
            )
        if row["kind"] not in ("state", "ut"):
            raise CsvRowError(source=path.name, line=line, reason=f"kind {row['kind']!r} must be 'state' or 'ut'")
        _unique(codes, row["code"], what="state code", source=path.name, line=line)
        _unique(gst_codes, row["gst_code"], what="GST state code", source=path.name, line=line)
        _unique(names, row["name"], what="state name", source=path.name, line=line)
        rows.append(StateRow(row["code"], row["name"], row["name_hi"], row["gst_code"], row["kind"]))
    return rows


def parse_districts(path: Path, *, state_codes: set[str]) -> list[DistrictRow]:
    rows, slugs, names = [], set(), set()
    for line, row in csv_rows(path=path, required=("state_code", "name", "name_hi", "slug")):
        _require(row, ("state_code", "name", "slug"), source=path.name, line=line)
        if row["state_code"] not in state_codes:
            raise CsvRowError(source=path.name, line=line, reason=f"unknown state {row['state_code']!r}")
        if not _SLUG.match(row["slug"]):
            raise CsvRowError(source=path.name, line=line, reason=f"slug {row['slug']!r} is not lowercase-with-hyphens")
        _unique(slugs, row["slug"], what="district slug", source=path.name, line=line)
        _unique(names, (row["state_code"], row["name"]), what="district", source=path.name, line=line)
        rows.append(DistrictRow(row["state_code"], row["name"], row["name_hi"], row["slug"]))
    return rows


def parse_crafts(path: Path) -> list[CraftRow]:
    rows, slugs = [], set()
    for line, row in csv_rows(path=path, required=("slug", "name", "name_hi", "parent_slug")):
        _require(row, ("slug", "name"), source=path.name, line=line)
        if not _SLUG.match(row["slug"]):
            raise CsvRowError(source=path.name, line=line, reason=f"slug {row['slug']!r} is not lowercase-with-hyphens")
        _unique(slugs, row["slug"], what="craft slug", source=path.name, line=line)
        rows.append((line, CraftRow(row["slug"], row["name"], row["name_hi"], row["parent_slug"])))
    families = {craft.slug for _, craft in rows if not craft.parent_slug}
    for line, craft in rows:
        if craft.parent_slug and craft.parent_slug not in families:
            raise CsvRowError(
                source=path.name, line=line, reason=f"parent {craft.parent_slug!r} is not a top-level craft"
            )
    return [craft for _, craft in rows]


def parse_designations(
    path: Path, *, districts: dict[tuple[str, str], str], child_crafts: set[str]
) -> list[DesignationRow]:
    rows, seen, primaries = [], set(), set()
    required = ("state_code", "district", "product", "craft_slug", "is_primary")
    for line, row in csv_rows(path=path, required=required):
        _require(row, required, source=path.name, line=line)
        district_slug = _district(row, districts, source=path.name, line=line)
        if row["craft_slug"] not in child_crafts:
            raise CsvRowError(source=path.name, line=line, reason=f"unknown craft {row['craft_slug']!r}")
        if row["is_primary"] not in ("0", "1"):
            raise CsvRowError(source=path.name, line=line, reason="is_primary must be 0 or 1")
        _unique(seen, (district_slug, row["product"]), what="ODOP product", source=path.name, line=line)
        is_primary = row["is_primary"] == "1"
        if is_primary:
            _unique(primaries, district_slug, what="primary ODOP product for district", source=path.name, line=line)
        rows.append(
            DesignationRow(
                district_slug,
                row["product"],
                row["craft_slug"],
                is_primary,
                name_hi=(row.get("product_hi") or "").strip(),
            )
        )
    return rows


def parse_gi_tags(  # noqa: C901 (one check per column; to split into per-fact checks)
    path: Path,
    *,
    state_codes: set[str],
    districts: dict[tuple[str, str], str],
    crafts: set[str],
) -> list[GITagRow]:
    rows, slugs, names = [], set(), set()
    required = ("slug", "name", "name_hi", "state_code", "district", "goods_class", "registration_number", "craft_slug")
    for line, row in csv_rows(path=path, required=required):
        _require(row, ("slug", "name", "state_code", "goods_class"), source=path.name, line=line)
        if not _SLUG.match(row["slug"]):
            raise CsvRowError(source=path.name, line=line, reason=f"slug {row['slug']!r} is not lowercase-with-hyphens")
        if row["state_code"] not in state_codes:
            raise CsvRowError(source=path.name, line=line, reason=f"unknown state {row['state_code']!r}")
        district_slug = _district(row, districts, source=path.name, line=line) if row["district"] else ""
        if row["goods_class"] not in GOODS_CLASSES:
            raise CsvRowError(source=path.name, line=line, reason=f"unknown class of goods {row['goods_class']!r}")
        if row["craft_slug"] and row["craft_slug"] not in crafts:
            raise CsvRowError(source=path.name, line=line, reason=f"unknown craft {row['craft_slug']!r}")
        _unique(slugs, row["slug"], what="GI tag slug", source=path.name, line=line)
        _unique(names, row["name"], what="GI tag name", source=path.name, line=line)
        year_text = (row.get("registered_year") or "").strip()
        if year_text and not (year_text.isdigit() and 2003 <= int(year_text) <= 2100):
            raise CsvRowError(
                source=path.name, line=line, reason=f"registration year {year_text!r} is not a year since 2003"
            )
        if row.get("nice_classes") and not _NICE.match(row["nice_classes"]):
            raise CsvRowError(
                source=path.name,
                line=line,
                reason=f"classes {row['nice_classes']!r} are not numbers 1-45 separated by commas",
            )
        sources = {}
        for fact in GI_FACTS:
            value, source = (row.get(fact) or "").strip(), (row.get(f"{fact}_source") or "").strip()
            if value and not source:
                raise CsvRowError(source=path.name, line=line, reason=f"{fact} is given without its {fact}_source")
            if value:
                sources[fact] = source
        rows.append(
            GITagRow(
                row["slug"],
                row["name"],
                row["name_hi"],
                row["state_code"],
                district_slug,
                row["goods_class"],
                row["registration_number"],
                row["craft_slug"],
                nice_classes=(row.get("nice_classes") or "").strip(),
                registered_year=int(year_text) if year_text else None,
                region=(row.get("region") or "").strip(),
                region_hi=(row.get("region_hi") or "").strip(),
                fact_sources=sources,
            )
        )
    return rows


def parse_craft_taxes(path: Path, *, child_crafts: set[str]) -> list[CraftTaxRow]:
    """One row per craft: its usual HSN code and GST rate, each with the source it is taken from."""
    rows, seen = [], set()
    required = ("craft_slug", "hsn_code", "gst_rate", "hsn_description", "hsn_description_hi", "source")
    for line, row in csv_rows(path=path, required=required):
        _require(row, ("craft_slug", "gst_rate", "source"), source=path.name, line=line)
        if row["craft_slug"] not in child_crafts:
            raise CsvRowError(source=path.name, line=line, reason=f"unknown craft {row['craft_slug']!r}")
        _unique(seen, row["craft_slug"], what="craft", source=path.name, line=line)
        if row["hsn_code"] and not _HSN.match(row["hsn_code"]):
            raise CsvRowError(
                source=path.name, line=line, reason=f"HSN code {row['hsn_code']!r} is not 4, 6 or 8 digits"
            )
        rate = parse_decimal(value=row["gst_rate"], field="gst_rate", source=path.name, line=line)
        if rate not in GST_RATES:
            raise CsvRowError(source=path.name, line=line, reason=f"GST rate {row['gst_rate']!r} is not a GST slab")
        rows.append(
            CraftTaxRow(
                row["craft_slug"],
                row["hsn_code"],
                rate,
                row["hsn_description"],
                row["hsn_description_hi"],
                row["source"],
            )
        )
    return rows


def parse_size_presets(path: Path, *, crafts: set[str]) -> list[SizePresetRow]:
    """Packed sizes per craft or craft family, so an artisan picks one instead of weighing and measuring."""
    rows, seen = [], set()
    required = ("craft_slug", "code", "name", "name_hi", "weight_grams", "length_cm", "breadth_cm", "height_cm")
    for line, row in csv_rows(path=path, required=required):
        _require(row, required[:3], source=path.name, line=line)
        if row["craft_slug"] not in crafts:
            raise CsvRowError(source=path.name, line=line, reason=f"unknown craft {row['craft_slug']!r}")
        if not _SLUG.match(row["code"]):
            raise CsvRowError(source=path.name, line=line, reason=f"code {row['code']!r} is not lowercase-with-hyphens")
        _unique(seen, (row["craft_slug"], row["code"]), what="craft and code", source=path.name, line=line)
        sizes = []
        for name in ("length_cm", "breadth_cm", "height_cm"):
            size = parse_decimal(value=row[name], field=name, source=path.name, line=line)
            if size <= 0:
                raise CsvRowError(source=path.name, line=line, reason=f"{name} must be more than 0")
            sizes.append(size)
        grams = parse_int(value=row["weight_grams"], field="weight_grams", source=path.name, line=line, minimum=1)
        rows.append(SizePresetRow(row["craft_slug"], row["code"], row["name"], row["name_hi"], grams, *sizes))
    return rows


def parse_reference(data_dir: Path = REFERENCE_DATA_DIR) -> ReferenceData:
    states = parse_states(data_dir / "states.csv")
    state_codes = {state.code for state in states}
    districts = parse_districts(data_dir / "districts.csv", state_codes=state_codes)
    district_keys = {(d.state_code, d.name): d.slug for d in districts}
    crafts = parse_crafts(data_dir / "crafts.csv")
    child_crafts = {craft.slug for craft in crafts if craft.parent_slug}
    designations = parse_designations(
        data_dir / "odop_products.csv", districts=district_keys, child_crafts=child_crafts
    )
    gi_tags = parse_gi_tags(
        data_dir / "gi_tags.csv",
        state_codes=state_codes,
        districts=district_keys,
        crafts={craft.slug for craft in crafts},
    )
    craft_taxes = parse_craft_taxes(data_dir / "craft_tax.csv", child_crafts=child_crafts)
    size_presets = parse_size_presets(data_dir / "craft_sizes.csv", crafts={craft.slug for craft in crafts})
    return ReferenceData(states, districts, crafts, designations, gi_tags, craft_taxes, size_presets)


def parse_demo_items(path: Path, *, crafts: set[str]) -> list[DemoItemRow]:
    """Item templates for the demo catalogue: what an artisan of each craft would list, and at what price."""
    rows = []
    required = (
        "craft_slug",
        "item",
        "item_hi",
        "price_min",
        "price_max",
        "weight_g_min",
        "weight_g_max",
        "length_cm",
        "breadth_cm",
        "height_cm",
        "hsn_code",
        "gst_rate",
    )
    for line, row in csv_rows(path=path, required=required):
        source = path.name
        _require(row, ("craft_slug", "item", "price_min", "price_max", "gst_rate"), source=source, line=line)
        if row["craft_slug"] not in crafts:
            raise CsvRowError(source=source, line=line, reason=f"unknown craft {row['craft_slug']!r}")
        price_min = parse_decimal(value=row["price_min"], field="price_min", source=source, line=line)
        price_max = parse_decimal(value=row["price_max"], field="price_max", source=source, line=line)
        if price_min <= 0 or price_max < price_min:
            raise CsvRowError(source=source, line=line, reason="prices must be positive with price_min ≤ price_max")
        gst_rate = parse_decimal(value=row["gst_rate"], field="gst_rate", source=source, line=line)
        if gst_rate not in GST_RATES:
            allowed = ", ".join(str(rate) for rate in GST_RATES)
            raise CsvRowError(
                source=source, line=line, reason=f"GST rate {row['gst_rate']!r} is not a GST slab ({allowed})"
            )
        if row["hsn_code"] and not _HSN.match(row["hsn_code"]):
            raise CsvRowError(
                source=source, line=line, reason=f"HSN code {row['hsn_code']!r} must have 4, 6 or 8 digits"
            )
        ints = {
            name: parse_int(value=row[name], field=name, source=source, line=line, minimum=1)
            for name in ("weight_g_min", "weight_g_max", "length_cm", "breadth_cm", "height_cm")
        }
        if ints["weight_g_max"] < ints["weight_g_min"]:
            raise CsvRowError(source=source, line=line, reason="weight_g_max is below weight_g_min")
        rows.append(
            DemoItemRow(
                row["craft_slug"],
                row["item"],
                row["item_hi"],
                price_min,
                price_max,
                ints["weight_g_min"],
                ints["weight_g_max"],
                ints["length_cm"],
                ints["breadth_cm"],
                ints["height_cm"],
                row["hsn_code"],
                gst_rate,
            )
        )
    return rows
