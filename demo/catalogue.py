"""A believable, deterministic demo catalogue of ODOP products, fast enough for 100k-product benchmarks.

Product i is generated from (seed, i) alone, so a larger run extends a smaller one and an interrupted
run resumes where it stopped: products whose UPC already exists are skipped.
"""

import random
import shutil
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.text import slugify
from oscar.core.loading import get_model

from catalogue_ext.models import Craft, District, GITag, OdopDesignation, Product
from catalogue_ext.reference import REFERENCE_DATA_DIR, DemoItemRow, parse_demo_items
from demo.artisans import demo_artisan_profiles_load, demo_gi_authorisations_load
from demo.images import craft_image_jpeg
from demo.pickup import demo_pickup_address_set
from search.services import search_index_products

Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

ARTISAN_COUNT = 24
IMAGE_VARIANTS = 6
BATCH_SIZE = 1000
PRODUCT_CLASS_NAME = "ODOP product"

# Districts whose crafts the demo's first artisans practise, so the demo opens on famous names.
FEATURED_DISTRICTS = [
    "moradabad",
    "varanasi",
    "azamgarh",
    "kannauj",
    "lucknow",
    "firozabad",
    "bhadohi",
    "agra",
    "siddharthnagar",
    "gorakhpur",
    "saharanpur",
    "bulandshahar",
    "jaipur",
    "madhubani",
    "kutch",
    "ramanagara",
    "darjeeling",
    "bidar",
    "kolhapur",
    "ashoknagar",
    "mysuru",
    "pulwama",
    "etah",
    "mirzapur",
]
SURNAMES = [
    "Ansari",
    "Prajapati",
    "Maurya",
    "Verma",
    "Siddiqui",
    "Kushwaha",
    "Yadav",
    "Qureshi",
    "Vishwakarma",
    "Patel",
    "Chaurasia",
    "Rajput",
    "Khan",
    "Mishra",
    "Soni",
    "Shilpkar",
    "Jha",
    "Gowda",
    "Bhatt",
    "Nair",
]
WORKSHOP_SUFFIXES = ["Works", "Handicrafts", "Karigar Ghar", "Crafts", "Udyog", "Kala Kendra"]
COLLECTIVES = ["Mahila SHG", "Artisans Cooperative", "Producer Company", "Weavers Society"]
ADJECTIVES = [
    "Handcrafted",
    "Heritage",
    "Artisan-made",
    "Traditional",
    "Festive",
    "Heirloom",
    "Classic",
    "Hand-finished",
]


@dataclass(frozen=True)
class Artisan:
    partner_id: int
    name: str
    district: District
    crafts: tuple[Craft, ...]


@dataclass(frozen=True)
class DemoCounts:
    created: int
    skipped: int
    artisans: int


def _ensure_missing_image() -> None:
    """Oscar thumbnails a placeholder from MEDIA_ROOT for products without images."""
    target = Path(settings.MEDIA_ROOT) / settings.OSCAR_MISSING_IMAGE_URL
    if not target.exists():
        import oscar

        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(oscar.__file__).parent / "static/oscar/img/image_not_found.jpg", target)


def _categories_for_crafts(crafts: list[Craft]) -> dict[int, Category]:
    """One Oscar category per craft, nested under its family, so category pages mirror the taxonomy."""
    by_craft = {}
    families = [craft for craft in crafts if craft.parent_id is None]
    for family in families:
        root = Category.objects.get_root_nodes().filter(slug=family.slug).first() or Category.objects.add_root(
            {"name": family.name, "slug": family.slug, "is_public": True}
        )
        by_craft[family.id] = root
        existing = {child.slug: child for child in Category.objects.get_children(root)}
        for craft in crafts:
            if craft.parent_id == family.id:
                by_craft[craft.id] = existing.get(craft.slug) or Category.objects.add_child(
                    root, {"name": craft.name, "slug": craft.slug, "is_public": True}
                )
    return by_craft


def _artisans(*, rng: random.Random, designations: list[OdopDesignation], crafts: list[Craft]) -> list[Artisan]:
    by_district: dict[str, list[OdopDesignation]] = defaultdict(list)
    for designation in designations:
        by_district[designation.district.slug].append(designation)
    ordered = [slug for slug in FEATURED_DISTRICTS if slug in by_district]
    ordered += sorted(set(by_district) - set(ordered))
    child_crafts = [craft for craft in crafts if craft.parent_id]
    artisans = []
    for index in range(ARTISAN_COUNT):
        slug = ordered[index % len(ordered)]
        designation = by_district[slug][index // len(ordered) % len(by_district[slug])]
        district = designation.district
        designated = {d.craft_id for d in by_district[slug]}
        surname = rng.choice(SURNAMES)
        if index % 4 == 3:
            name = f"{district.name} {designation.craft.name} {rng.choice(COLLECTIVES)}"
        else:
            name = f"{surname} {designation.craft.name} {rng.choice(WORKSHOP_SUFFIXES)}"
        own_crafts = [designation.craft]
        if index % 3 == 2:
            # Some artisans also make something their district is not designated for: no ODOP badge.
            own_crafts.append(rng.choice([craft for craft in child_crafts if craft.id not in designated]))
        partner, _ = Partner.objects.update_or_create(code=f"demo-artisan-{index + 1:02d}", defaults={"name": name})
        demo_pickup_address_set(partner=partner, district=district)
        artisans.append(Artisan(partner.id, name, district, tuple(own_crafts)))
    return artisans


class _ImagePool:
    """Product photos drawn once per craft and variant, then shared; drawing 100k would take hours."""

    def __init__(self) -> None:
        self._paths: dict[tuple[str, int], str] = {}

    def path(self, *, craft: Craft, variant: int) -> str:
        key = (craft.slug, variant)
        if key not in self._paths:
            name = f"demo/{craft.slug}/{craft.slug}-{variant + 1}.jpg"
            if not default_storage.exists(name):
                data = craft_image_jpeg(family=craft.family.slug, craft=craft.slug, seed=variant, size=800)
                full = Path(default_storage.path(name))
                full.parent.mkdir(parents=True, exist_ok=True)
                full.write_bytes(data)
            self._paths[key] = name
        return self._paths[key]


def _price(rng: random.Random, item: DemoItemRow) -> Decimal:
    """Shop-style prices (₹1,249.00): a random point in the item's range, ending in 9."""
    low, high = int(item.price_min), int(item.price_max)
    rupees = max(low, (rng.randint(low, high) // 10) * 10 - 1) if high >= 20 else rng.randint(low, high)
    return Decimal(rupees).quantize(Decimal("0.01"))


def _description(*, artisan: Artisan, craft: Craft, item: DemoItemRow, gi_tag: GITag | None, is_odop: bool) -> str:
    district = artisan.district
    parts = [
        f"<p>{item.item}, made by {artisan.name} in {district.name}, {district.state.name}.</p>",
        f"<p>{craft.family.name} › {craft.name}: every piece is shaped and finished by hand, so small "
        "variations in colour and finish are part of its character.</p>",
    ]
    if is_odop:
        parts.append(f"<p>{craft.name} is a designated One District One Product craft of {district.name}.</p>")
    if gi_tag:
        parts.append(f"<p>Protected by the Geographical Indication “{gi_tag.name}”.</p>")
    return "".join(parts)


def demo_catalogue_load(
    *,
    products: int,
    seed: int,
    data_dir: Path = REFERENCE_DATA_DIR,
    progress: Callable[[int], None] = lambda done: None,
) -> DemoCounts:
    """Ensure products 0..products-1 of this seed exist; needs the ODOP reference data loaded first."""
    designations = list(OdopDesignation.objects.select_related("district__state", "craft__parent").order_by("id"))
    if not designations:
        raise ValueError("No ODOP reference data: run `python manage.py load_odop_reference` first.")
    crafts = list(Craft.objects.select_related("parent").order_by("id"))
    items_by_craft: dict[str, list[DemoItemRow]] = defaultdict(list)
    for item in parse_demo_items(data_dir / "demo_items.csv", crafts={craft.slug for craft in crafts}):
        items_by_craft[item.craft_slug].append(item)
    designated = {(d.district_id, d.craft_id) for d in designations}
    gi_by_origin = {}
    for tag in GITag.objects.select_related("state").filter(craft__isnull=False):
        origin = ("district", tag.district_id) if tag.district_id else ("state", tag.state_id)
        gi_by_origin.setdefault((origin, tag.craft_id), tag)

    _ensure_missing_image()
    rng = random.Random(seed)
    with transaction.atomic():
        product_class, _ = ProductClass.objects.get_or_create(
            name=PRODUCT_CLASS_NAME, defaults={"requires_shipping": True, "track_stock": True}
        )
        categories = _categories_for_crafts(crafts)
        artisans = _artisans(rng=rng, designations=designations, crafts=crafts)
        demo_artisan_profiles_load(artisans=artisans, seed=seed)
    images = _ImagePool()
    prefix = f"D{seed:03d}"
    existing = set(Product.objects.filter(upc__startswith=prefix).values_list("upc", flat=True))
    created = 0
    for start in range(0, products, BATCH_SIZE):
        batch = []
        for index in range(start, min(start + BATCH_SIZE, products)):
            upc = f"{prefix}{index:07d}"
            if upc in existing:
                continue
            item_rng = random.Random(seed * 1_000_003 + index)
            artisan = artisans[item_rng.randrange(len(artisans))]
            craft = artisan.crafts[-1] if len(artisan.crafts) > 1 and item_rng.random() < 0.35 else artisan.crafts[0]
            craft_items = items_by_craft.get(craft.slug) or items_by_craft[artisan.crafts[0].slug]
            item = item_rng.choice(craft_items)
            district = artisan.district
            gi_tag = gi_by_origin.get((("district", district.id), craft.id)) or gi_by_origin.get(
                (("state", district.state_id), craft.id)
            )
            is_odop = (district.id, craft.id) in designated
            title = f"{item_rng.choice(ADJECTIVES)} {item.item}"
            product = Product(
                upc=upc,
                title=title,
                slug=slugify(f"{title}-{district.name}")[:200],
                description=_description(artisan=artisan, craft=craft, item=item, gi_tag=gi_tag, is_odop=is_odop),
                product_class=product_class,
                structure=Product.STANDALONE,
                is_public=True,
                district=district,
                craft=craft,
                gi_tag=gi_tag,
                hsn_code=item.hsn_code,
                gst_rate=item.gst_rate,
                weight_grams=item_rng.randint(item.weight_g_min, item.weight_g_max),
                length_cm=Decimal(item.length_cm),
                breadth_cm=Decimal(item.breadth_cm),
                height_cm=Decimal(item.height_cm),
            )
            stock = 0 if item_rng.random() < 0.07 else item_rng.randint(1, 60)
            image_count = item_rng.choice((1, 1, 2, 3))
            first_variant = item_rng.randrange(IMAGE_VARIANTS)
            batch.append((product, artisan, _price(item_rng, item), stock, craft, image_count, first_variant))
        if batch:
            with transaction.atomic():
                Product.objects.bulk_create([entry[0] for entry in batch])
                StockRecord.objects.bulk_create(
                    StockRecord(
                        product=product,
                        partner_id=artisan.partner_id,
                        partner_sku=product.upc,
                        price_currency=settings.OSCAR_DEFAULT_CURRENCY,
                        price=price,
                        num_in_stock=stock,
                    )
                    for product, artisan, price, stock, *_ in batch
                )
                ProductImage.objects.bulk_create(
                    ProductImage(
                        product=product,
                        original=images.path(craft=craft, variant=(first_variant + n) % IMAGE_VARIANTS),
                        caption=product.title,
                        display_order=n,
                    )
                    for product, _, _, _, craft, image_count, first_variant in batch
                    for n in range(image_count)
                )
                ProductCategory.objects.bulk_create(
                    ProductCategory(product=product, category=categories[craft.id])
                    for product, _, _, _, craft, *_ in batch
                )
            # Search is refreshed explicitly once each batch has committed (see README "Search").
            search_index_products(product_ids=[entry[0].id for entry in batch])
            created += len(batch)
        progress(min(start + BATCH_SIZE, products))
    demo_gi_authorisations_load(partner_ids=[artisan.partner_id for artisan in artisans])
    skipped = sum(1 for index in range(products) if f"{prefix}{index:07d}" in existing)
    return DemoCounts(created=created, skipped=skipped, artisans=len(artisans))
