"""The craft tax defaults and size presets files: every bad row stops the load with its line."""

import pytest

from catalogue_ext.reference import REFERENCE_DATA_DIR, parse_craft_taxes, parse_reference, parse_size_presets
from shop.csvio import CsvRowError

TAX_HEADER = "craft_slug,hsn_code,gst_rate,hsn_description,hsn_description_hi,source\n"
SIZE_HEADER = "craft_slug,code,name,name_hi,weight_grams,length_cm,breadth_cm,height_cm\n"


def test_the_shipped_files_cover_every_craft_with_a_source():
    data = parse_reference(REFERENCE_DATA_DIR)
    crafts = {craft.slug for craft in data.crafts if craft.parent_slug}
    assert {row.craft_slug for row in data.craft_taxes} == crafts
    assert all(row.source for row in data.craft_taxes)
    families = {craft.slug for craft in data.crafts if not craft.parent_slug}
    assert families <= {row.craft_slug for row in data.size_presets}  # every family has sizes to pick


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("nosuch,7418,5,x,x,src\n", "line 2: unknown craft 'nosuch'"),
        ("brassware,74,5,x,x,src\n", "line 2: HSN code '74' is not 4, 6 or 8 digits"),
        ("brassware,7418,7,x,x,src\n", "line 2: GST rate '7' is not a GST slab"),
        ("brassware,7418,5,x,x,\n", "line 2"),
        ("brassware,7418,5,x,x,src\nbrassware,8306,5,x,x,src\n", "line 3"),
    ],
)
def test_bad_tax_rows_name_their_line(tmp_path, body, reason):
    path = tmp_path / "craft_tax.csv"
    path.write_text(TAX_HEADER + body, encoding="utf-8")
    with pytest.raises(CsvRowError, match=reason):
        parse_craft_taxes(path, child_crafts={"brassware"})


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("metal-craft,small,S,छ,0,1,1,1\n", "line 2: weight_grams must be at least 1"),
        ("metal-craft,small,S,छ,100,0,1,1\n", "line 2: length_cm must be more than 0"),
        ("metal-craft,Small One,S,छ,100,1,1,1\n", "line 2: code 'Small One'"),
        ("metal-craft,s,S,छ,100,1,1,1\nmetal-craft,s,S,छ,100,1,1,1\n", "line 3"),
        ("nosuch,s,S,छ,100,1,1,1\n", "line 2: unknown craft"),
    ],
)
def test_bad_size_rows_name_their_line(tmp_path, body, reason):
    path = tmp_path / "craft_sizes.csv"
    path.write_text(SIZE_HEADER + body, encoding="utf-8")
    with pytest.raises(CsvRowError, match=reason):
        parse_size_presets(path, crafts={"metal-craft"})
