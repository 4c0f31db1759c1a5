"""Reads for the storefront's catalogue pages, shaped so each page costs a fixed number of queries.

Counts over the whole catalogue (per district, per craft) and the newest products are computed once
per catalogue version and cached (`catalogue_cached`): `catalogue_ext.services.catalogue_changed`
gives the catalogue a new version whenever a product, price, stock, artisan status or reference name
changes, so a cached figure never outlives what it counts.
"""

import uuid
from collections.abc import Callable
from itertools import groupby
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

from artisans.models import VERIFIED
from catalogue_ext.models import Category, Craft, District, OdopDesignation, Product, State

StockRecord = get_model("partner", "StockRecord")

CATALOGUE_VERSION_KEY = "catalogue:version"
# A backstop only: entries are keyed by the version, which changes with the catalogue.
CATALOGUE_CACHE_SECONDS = 60 * 60
T = TypeVar("T")


def catalogue_version() -> str:
    """The catalogue's current version plus the deployment's (templates, translations, static files).

    Kept in the shared cache; when the cache has lost it (evicted, flushed, Redis down) a new one is
    made, so everything cached under the old one is simply not found again.
    """
    from shop.pagecache import deployment_fingerprint

    version = cache.get(CATALOGUE_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex[:12]
        if not cache.add(CATALOGUE_VERSION_KEY, version, timeout=None):
            version = cache.get(CATALOGUE_VERSION_KEY) or version
    return f"{deployment_fingerprint()}.{version}"


def catalogue_cached(*, name: str, compute: Callable[[], T], version: str | None = None) -> T:
    """`compute()` once per catalogue version (per `name`), from the shared cache afterwards."""
    key = f"catalogue:{version or catalogue_version()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CATALOGUE_CACHE_SECONDS)
    return value


def products_buyable() -> QuerySet[Product]:
    """The products a shopper may find and buy; every storefront list and search index starts here.

    Listed (not hidden) and sold by an artisan ops verified: pending, rejected and suspended artisans'
    products disappear at once, without touching the products themselves.
    """
    return Product.objects.browsable().filter(
        Exists(StockRecord.objects.filter(product=OuterRef("pk"), partner__artisan_profile__status=VERIFIED))
    )


def _stockrecords_with_artisan() -> Prefetch:
    """The strategy checks each stock record's artisan; fetch them with the records, not per card."""
    return Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner__artisan_profile"))


def product_listing() -> QuerySet[Product]:
    """Listed products with everything a product card needs, prefetched per page."""
    return (
        products_buyable()
        .base_queryset()  # Oscar's has-options annotations for the card's add-to-basket form
        # Oscar's own prefetches again, but stock records with their artisan (Django refuses two
        # different prefetches of one lookup, hence the reset).
        .prefetch_related(None)
        .prefetch_related("children", "product_options", "product_class__options", "images", _stockrecords_with_artisan())
        .with_origin()
        .order_by("-date_created", "-id")
    )


def product_detail_queryset() -> QuerySet[Product]:
    """Buyable products only; the stock records bring their artisan for the maker panel."""
    return (
        products_buyable()
        .with_origin()
        .select_related("product_class")
        .prefetch_related(
            "images",
            _stockrecords_with_artisan(),
            "product_options",
            "product_class__options",
        )
    )


def _designations() -> Prefetch:
    return Prefetch(
        "odop_designations", queryset=OdopDesignation.objects.select_related("craft").order_by("-is_primary", "name")
    )


def _buyable_counts(field: str) -> dict[int, int]:
    """Buyable products per `field` value in one grouped query (not one sub-query per row)."""
    rows = products_buyable().order_by().values(field).annotate(count=Count("id")).values_list(field, "count")
    return {key: count for key, count in rows if key is not None}


def _districts_with_counts() -> list[District]:
    counts = catalogue_cached(name="district-counts", compute=lambda: _buyable_counts("district_id"))
    districts = list(District.objects.select_related("state").prefetch_related(_designations()).order_by("state__name", "name"))
    for district in districts:
        district.product_count = counts.get(district.pk, 0)
    return districts


def district_directory() -> list[tuple[State, list[District]]]:
    """Districts grouped by state, each with its count of buyable products and its ODOP products."""

    def compute():
        return [(state, list(group)) for state, group in groupby(_districts_with_counts(), key=lambda d: d.state)]

    return catalogue_cached(name="district-directory", compute=compute)


def districts_featured(*, limit: int) -> list[District]:
    """The districts with the most to buy, for the home page."""

    def compute():
        ranked = sorted((d for d in _districts_with_counts() if d.product_count), key=lambda d: (-d.product_count, d.name))
        return ranked[:limit]

    return catalogue_cached(name=f"districts-featured-{limit}", compute=compute)


def craft_families_with_counts() -> list[Craft]:
    """Craft families that have buyable products, each with its category page when one exists."""

    def compute():
        counts = _buyable_counts("craft__parent_id")
        families = [family for family in Craft.objects.filter(parent__isnull=True).order_by("name") if counts.get(family.pk)]
        categories = {
            category.slug: category
            for category in Category.objects.filter(depth=1, slug__in=[family.slug for family in families])
        }
        for family in families:
            family.product_count = counts[family.pk]
            family.category = categories.get(family.slug)
        return families

    return catalogue_cached(name="craft-families", compute=compute)


def products_newest(*, limit: int) -> list[Product]:
    """The newest buyable products with what their cards need; which ones is cached per catalogue version."""
    ids = catalogue_cached(
        name=f"newest-{limit}", compute=lambda: list(product_listing().values_list("id", flat=True)[:limit])
    )
    by_id = {product.id: product for product in product_listing().filter(id__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def district_get(*, slug: str) -> District:
    return get_object_or_404(
        District.objects.select_related("state").prefetch_related(_designations()), slug=slug
    )
