"""Writes to the catalogue's reference data, and the catalogue version that cached pages are keyed by."""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.cache import cache
from django.db import transaction

from catalogue_ext.models import Craft, CraftSizePreset, CraftTaxDefault, District, GITag, OdopDesignation, State
from catalogue_ext.reference import REFERENCE_DATA_DIR, parse_reference


def catalogue_version_bump() -> None:
    """Everything cached per catalogue version (counts, listings, whole anonymous pages) is stale now."""
    from catalogue_ext.selectors import CATALOGUE_VERSION_KEY

    cache.set(CATALOGUE_VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)


@dataclass(frozen=True)
class ReferenceCounts:
    states: int
    districts: int
    crafts: int
    gi_tags: int
    odop_designations: int


def odop_reference_load(*, data_dir: Path = REFERENCE_DATA_DIR) -> ReferenceCounts:
    """Bring the database in line with the reference files; safe to run again at any time.

    States, districts, crafts and GI tags are upserted by their natural keys (products point at them);
    each district's ODOP designations are replaced by exactly what the file lists.
    Raises CsvRowError, with file and line, before anything is written.
    """
    data = parse_reference(data_dir)
    with transaction.atomic():
        states = {}
        for row in data.states:
            states[row.code], _ = State.objects.update_or_create(
                code=row.code,
                defaults={"name": row.name, "name_hi": row.name_hi, "gst_code": row.gst_code, "kind": row.kind},
            )
        districts = {}
        for row in data.districts:
            districts[row.slug], _ = District.objects.update_or_create(
                slug=row.slug,
                defaults={"state": states[row.state_code], "name": row.name, "name_hi": row.name_hi},
            )
        crafts = {}
        for row in sorted(data.crafts, key=lambda craft: bool(craft.parent_slug)):
            crafts[row.slug], _ = Craft.objects.update_or_create(
                slug=row.slug,
                defaults={
                    "name": row.name,
                    "name_hi": row.name_hi,
                    "parent": crafts[row.parent_slug] if row.parent_slug else None,
                },
            )
        for row in data.gi_tags:
            GITag.objects.update_or_create(
                slug=row.slug,
                defaults={
                    "name": row.name,
                    "name_hi": row.name_hi,
                    "state": states[row.state_code],
                    "district": districts[row.district_slug] if row.district_slug else None,
                    "goods_class": row.goods_class,
                    "registration_number": row.registration_number,
                    "craft": crafts[row.craft_slug] if row.craft_slug else None,
                    "nice_classes": row.nice_classes,
                    "registered_year": row.registered_year,
                    "region": row.region,
                    "region_hi": row.region_hi,
                    "fact_sources": row.fact_sources,
                },
            )
        # Designations carry no history and nothing points at them: replacing them is the simplest
        # way to honour a product removed from, or re-ordered in, the official list.
        OdopDesignation.objects.filter(district__slug__in=districts.keys()).delete()
        OdopDesignation.objects.bulk_create(
            OdopDesignation(
                district=districts[row.district_slug],
                name=row.name,
                name_hi=row.name_hi,
                craft=crafts[row.craft_slug],
                is_primary=row.is_primary,
            )
            for row in data.designations
        )
        # Tax defaults and size presets: the file adds what is missing; what ops changed is kept.
        for row in data.craft_taxes:
            CraftTaxDefault.objects.get_or_create(
                craft=crafts[row.craft_slug],
                defaults={
                    "hsn_code": row.hsn_code,
                    "gst_rate": row.gst_rate,
                    "hsn_description": row.hsn_description,
                    "hsn_description_hi": row.hsn_description_hi,
                    "source": row.source,
                },
            )
        for row in data.size_presets:
            CraftSizePreset.objects.get_or_create(
                craft=crafts[row.craft_slug],
                code=row.code,
                defaults={
                    "name": row.name,
                    "name_hi": row.name_hi,
                    "weight_grams": row.weight_grams,
                    "length_cm": row.length_cm,
                    "breadth_cm": row.breadth_cm,
                    "height_cm": row.height_cm,
                },
            )
        transaction.on_commit(catalogue_version_bump)  # names and ODOP badges on every page
    return ReferenceCounts(
        states=State.objects.count(),
        districts=District.objects.count(),
        crafts=Craft.objects.count(),
        gi_tags=GITag.objects.count(),
        odop_designations=OdopDesignation.objects.count(),
    )


@transaction.atomic
def craft_tax_default_set(
    *, craft: Craft, hsn_code: str, gst_rate: Decimal, hsn_description: str, hsn_description_hi: str, source: str
) -> CraftTaxDefault:
    """Ops correct a craft's usual HSN code and GST rate; new listings take them from now on (existing
    products keep theirs: a product's tax is changed on the product)."""
    default, _created = CraftTaxDefault.objects.update_or_create(
        craft=craft,
        defaults={
            "hsn_code": hsn_code,
            "gst_rate": gst_rate,
            "hsn_description": hsn_description,
            "hsn_description_hi": hsn_description_hi,
            "source": source,
        },
    )
    return default
