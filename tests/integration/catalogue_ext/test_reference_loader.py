import re
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from catalogue_ext.models import Craft, District, GITag, OdopDesignation, State
from catalogue_ext.reference import REFERENCE_DATA_DIR
from catalogue_ext.services import odop_reference_load
from shop.csvio import CsvRowError

SEED_003 = Path(__file__).resolve().parents[4] / "shared" / "seeds" / "003_b883e1fbcda6f52f.txt"


def _seed_table() -> dict[str, str]:
    """The seed article's 'Sr. No. District Product(s)' rows: '55MoradabadMetal Craft'."""
    rows = {}
    text = SEED_003.read_text() if SEED_003.exists() else ""
    section = text.split("Sr. No.DistrictProduct(s)", 1)[-1].split("Some Important Points", 1)[0]
    for line in section.splitlines():
        match = re.match(r"^(\d{1,2})([A-Z].*)$", line.strip())
        if match:
            rows[int(match.group(1))] = match.group(2)
    return rows


def _counts() -> tuple[int, ...]:
    return (
        State.objects.count(),
        District.objects.count(),
        Craft.objects.count(),
        GITag.objects.count(),
        OdopDesignation.objects.count(),
    )


@pytest.fixture
def data_dir(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REFERENCE_DATA_DIR, target)
    return target


def _append(path: Path, line: str) -> int:
    """Append a row and return its line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_all_states_and_union_territories_carry_their_gst_codes(odop_reference):
    assert State.objects.count() == 36
    assert State.objects.filter(kind=State.KIND_UT).count() == 8
    assert State.objects.get(code="UP").gst_code == "09"
    assert State.objects.get(code="BR").gst_code == "10"
    assert State.objects.get(name="Delhi").gst_code == "07"


def test_all_75_uttar_pradesh_districts_are_present_with_the_seed_products(odop_reference):
    up = District.objects.filter(state__code="UP")
    assert up.count() == 75
    table = _seed_table()
    if not table:
        pytest.skip("shared/seeds/003 is not beside this clone")
    assert len(table) == 75
    names = set(up.values_list("name", flat=True))
    for row in table.values():
        district = next((name for name in sorted(names, key=len, reverse=True) if row.startswith(name)), None)
        assert district, f"seed row {row!r} has no district in the database"
        products = " ".join(
            OdopDesignation.objects.filter(district__state__code="UP", district__name=district).values_list(
                "name", flat=True
            )
        )
        assert products, f"{district} has no ODOP designation"
        for word in re.findall(r"[A-Za-z]{4,}", row[len(district) :]):
            if word.lower() in {"products", "product", "handmade", "manufactured", "through", "industry"}:
                continue
            assert word.lower() in products.lower(), f"{district}: {word!r} from the seed is missing in {products!r}"


def test_famous_designations_and_gi_tags_are_recorded(odop_reference):
    moradabad = District.objects.get(slug="moradabad")
    assert moradabad.odop_designations.get(is_primary=True).craft.slug == "brassware"
    assert OdopDesignation.objects.filter(district__slug="varanasi", name__icontains="Banarasi").exists()
    assert OdopDesignation.objects.filter(district__slug="darjeeling", name__icontains="tea").exists()
    darjeeling_tea = GITag.objects.get(name__icontains="Darjeeling")
    assert darjeeling_tea.state.code == "WB"
    assert darjeeling_tea.goods_class == "Agricultural"
    assert GITag.objects.filter(name__icontains="Moradabad", state__code="UP").exists()
    # A registration number is recorded only with the source it was taken from.
    assert darjeeling_tea.registration_number == "1, 2"
    for tag in GITag.objects.exclude(registration_number=""):
        assert tag.fact_sources["registration_number"], tag.slug


def test_every_odop_product_maps_to_a_craft_in_a_family(odop_reference):
    assert not OdopDesignation.objects.filter(craft__parent__isnull=True).exists()
    assert Craft.objects.get(slug="brassware").parent.slug == "metal-craft"


def test_loading_twice_leaves_identical_counts(odop_reference):
    before = _counts()
    call_command("load_odop_reference", verbosity=0)
    call_command("load_odop_reference", verbosity=0)
    assert _counts() == before


@pytest.mark.parametrize(
    ("filename", "row", "reason"),
    [
        ("states.csv", "XX,Atlantis,,99x,state", "GST state code '99x' is not two digits"),
        ("states.csv", "ZZ,Nowhere,,97,province", "kind 'province' must be 'state' or 'ut'"),
        ("districts.csv", "QQ,Gotham,,gotham", "unknown state 'QQ'"),
        ("districts.csv", "UP,,,empty-name", "name is empty"),
        ("odop_products.csv", "UP,Atlantis,Glass Beads,,glassware,0", "unknown district 'Atlantis' in state 'UP'"),
        ("odop_products.csv", "UP,Moradabad,Brass Bells,,no-such-craft,0", "unknown craft 'no-such-craft'"),
        ("gi_tags.csv", "made-up,Made Up GI,,UP,,Imaginary,,,,,,,,,,", "unknown class of goods 'Imaginary'"),
        (
            "gi_tags.csv",
            "made-up,Made Up GI,,UP,,Handicraft,,,,,1999,a source,,,,",
            "registration year '1999' is not a year since 2003",
        ),
        (
            "gi_tags.csv",
            "made-up,Made Up GI,,UP,,Handicraft,,,3x,a source,,,,,,",
            "classes '3x' are not numbers 1-45 separated by commas",
        ),
        (
            "gi_tags.csv",
            "made-up,Made Up GI,,UP,,Handicraft,42,,,,,,,,,",
            "registration_number is given without its registration_number_source",
        ),
    ],
)
def test_a_bad_row_stops_the_load_with_file_and_line_and_writes_nothing(
    odop_reference, data_dir, filename, row, reason
):
    # Given a valid reference set with one change the loader would otherwise apply
    states = data_dir / "states.csv"
    states.write_text(
        states.read_text(encoding="utf-8").replace("Uttar Pradesh", "Uttar Pradesh (edited)"), encoding="utf-8"
    )
    line = _append(data_dir / filename, row)
    before = _counts()
    # When it is loaded with one malformed row
    with pytest.raises(CommandError) as excinfo:
        call_command("load_odop_reference", data_dir=data_dir, verbosity=0)
    # Then the message names the file, the line and the reason, and nothing was written
    assert f"{filename}, line {line}: {reason}" in str(excinfo.value)
    assert _counts() == before
    assert State.objects.get(code="UP").name == "Uttar Pradesh"


def test_a_missing_column_is_reported_on_the_header_line(odop_reference, data_dir):
    path = data_dir / "crafts.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0].replace("parent_slug", "parent")] + lines[1:]), encoding="utf-8")
    with pytest.raises(CsvRowError) as excinfo:
        odop_reference_load(data_dir=data_dir)
    assert str(excinfo.value) == "crafts.csv, line 1: missing column(s): parent_slug"


def test_a_file_that_is_not_utf8_is_reported_with_its_line(odop_reference, data_dir):
    path = data_dir / "districts.csv"
    path.write_bytes(path.read_bytes() + b"UP,Agra\xff,,agra-2\n")
    with pytest.raises(CsvRowError) as excinfo:
        odop_reference_load(data_dir=data_dir)
    assert excinfo.value.source == "districts.csv"
    assert excinfo.value.line == 91
    assert "not UTF-8" in excinfo.value.reason


@pytest.mark.django_db
def test_a_reload_adds_missing_craft_defaults_and_keeps_what_ops_changed():
    from catalogue_ext.models import CraftSizePreset, CraftTaxDefault

    odop_reference_load()
    brass = CraftTaxDefault.objects.get(craft__slug="brassware")
    brass.hsn_code, brass.source = "8306", "ops"
    brass.save()
    CraftTaxDefault.objects.filter(craft__slug="attar").delete()
    count = CraftSizePreset.objects.count()
    odop_reference_load()
    assert CraftTaxDefault.objects.get(craft__slug="brassware").hsn_code == "8306"
    assert CraftTaxDefault.objects.get(craft__slug="attar").hsn_code == "3301"
    assert CraftSizePreset.objects.count() == count
