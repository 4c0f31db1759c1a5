"""Reads for the storefront's catalogue pages, shaped so each page costs a fixed number of queries."""

from itertools import groupby

from django.db.models import Count, Exists, F, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

from artisans.models import VERIFIED
from catalogue_ext.models import Category, Craft, District, OdopDesignation, Product, State

StockRecord = get_model("partner", "StockRecord")


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


def products_new_arrivals(*, limit: int) -> list[Product]:
    """The newest products a shopper can put in the basket now: priced and with stock left."""
    sellable = StockRecord.objects.filter(
        product=OuterRef("pk"),
        partner__artisan_profile__status=VERIFIED,
        price__isnull=False,
        num_in_stock__gt=Coalesce(F("num_allocated"), 0),
    )
    return list(product_listing().filter(Exists(sellable))[:limit])


def products_more_from_maker(*, product: Product, partner_id: int, limit: int) -> list[Product]:
    """Other buyable products of the same artisan, newest first (a fixed number of queries)."""
    return list(product_listing().filter(stockrecords__partner_id=partner_id).exclude(pk=product.pk)[:limit])


def products_more_from_district(*, product: Product, exclude_partner_id: int | None, limit: int) -> list[Product]:
    """Buyable products of the same district by other makers, newest first."""
    if not product.district_id:
        return []
    listing = product_listing().filter(district_id=product.district_id).exclude(pk=product.pk)
    if exclude_partner_id:
        listing = listing.exclude(stockrecords__partner_id=exclude_partner_id)
    return list(listing[:limit])


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


def _buyable_count(**filters) -> Coalesce:
    """One small count per row (district or craft) beats joining and grouping the whole catalogue."""
    return Coalesce(
        Subquery(
            products_buyable()
            .filter(**filters)
            .order_by()
            .values(next(iter(filters)))
            .annotate(count=Count("*"))
            .values("count")
        ),
        0,
    )


def _districts_with_counts() -> QuerySet[District]:
    return (
        District.objects.select_related("state")
        .annotate(product_count=_buyable_count(district=OuterRef("pk")))
        .prefetch_related(_designations())
    )


def district_directory() -> list[tuple[State, list[District]]]:
    """Districts grouped by state, each with its count of buyable products and its ODOP products."""
    districts = _districts_with_counts().order_by("state__name", "name")
    return [(state, list(group)) for state, group in groupby(districts, key=lambda d: d.state)]


def districts_featured(*, limit: int) -> list[District]:
    """The districts with the most to buy, for the home page."""
    return list(_districts_with_counts().filter(product_count__gt=0).order_by("-product_count", "name")[:limit])


def craft_families_with_counts() -> list[Craft]:
    """Craft families that have buyable products, each with its category page when one exists."""
    families = list(
        Craft.objects.filter(parent__isnull=True)
        .annotate(product_count=_buyable_count(craft__parent=OuterRef("pk")))
        .filter(product_count__gt=0)
        .order_by("name")
    )
    categories = {
        category.slug: category
        for category in Category.objects.filter(depth=1, slug__in=[family.slug for family in families])
    }
    for family in families:
        family.category = categories.get(family.slug)
    return families


def district_get(*, slug: str) -> District:
    return get_object_or_404(
        District.objects.select_related("state").prefetch_related(_designations()), slug=slug
    )
