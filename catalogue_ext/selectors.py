"""Reads for the storefront's catalogue pages, shaped so each page costs a fixed number of queries."""

from itertools import groupby

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from catalogue_ext.models import LISTED, Category, Craft, District, OdopDesignation, Product, State


def products_buyable() -> QuerySet[Product]:
    """The products a shopper may find and buy; every storefront list and search index starts here."""
    return Product.objects.browsable()


def product_listing() -> QuerySet[Product]:
    """Listed products with everything a product card needs, prefetched per page."""
    return (
        products_buyable()
        .base_queryset()
        .with_origin()
        .order_by("-date_created", "-id")
    )


def product_detail_queryset() -> QuerySet[Product]:
    return (
        Product.objects.with_origin()
        .select_related("product_class")
        .prefetch_related("images", "stockrecords", "product_options", "product_class__options")
    )


def product_listing_for_category(*, category: Category) -> QuerySet[Product]:
    return product_listing().filter(categories__in=category.get_descendants_and_self()).distinct()


def _designations() -> Prefetch:
    return Prefetch(
        "odop_designations", queryset=OdopDesignation.objects.select_related("craft").order_by("-is_primary", "name")
    )


def _listed_count(**filters) -> Coalesce:
    """One index-only count per row beats joining and grouping the whole catalogue."""
    return Coalesce(
        Subquery(
            Product.objects.filter(LISTED, **filters)
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
        .annotate(product_count=_listed_count(district=OuterRef("pk")))
        .prefetch_related(_designations())
    )


def district_directory() -> list[tuple[State, list[District]]]:
    """Districts grouped by state, each with its count of listed products and its ODOP products."""
    districts = _districts_with_counts().order_by("state__name", "name")
    return [(state, list(group)) for state, group in groupby(districts, key=lambda d: d.state)]


def districts_featured(*, limit: int) -> list[District]:
    """The districts with the most to buy, for the home page."""
    return list(_districts_with_counts().filter(product_count__gt=0).order_by("-product_count", "name")[:limit])


def craft_families_with_counts() -> list[Craft]:
    """Craft families that have listed products, each with its category page when one exists."""
    families = list(
        Craft.objects.filter(parent__isnull=True)
        .annotate(product_count=_listed_count(craft__parent=OuterRef("pk")))
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


def product_listing_for_district(*, district: District) -> QuerySet[Product]:
    return product_listing().filter(district=district)
