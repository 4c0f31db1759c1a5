"""Reads for the storefront's catalogue pages, shaped so each page costs a fixed number of queries."""

from itertools import groupby

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from catalogue_ext.models import LISTED, Category, District, OdopDesignation, Product, State


def product_listing() -> QuerySet[Product]:
    """Listed products with everything a product card needs, prefetched per page."""
    return (
        Product.objects.browsable()
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


def district_directory() -> list[tuple[State, list[District]]]:
    """Districts grouped by state, each with its count of listed products and its ODOP products."""
    districts = (
        District.objects.select_related("state")
        .annotate(
            # One index-only count per district beats joining and grouping the whole catalogue.
            product_count=Coalesce(
                Subquery(
                    Product.objects.filter(LISTED, district=OuterRef("pk"))
                    .order_by()
                    .values("district")
                    .annotate(count=Count("*"))
                    .values("count")
                ),
                0,
            )
        )
        .prefetch_related(_designations())
        .order_by("state__name", "name")
    )
    return [(state, list(group)) for state, group in groupby(districts, key=lambda d: d.state)]


def district_get(*, slug: str) -> District:
    return get_object_or_404(
        District.objects.select_related("state").prefetch_related(_designations()), slug=slug
    )


def product_listing_for_district(*, district: District) -> QuerySet[Product]:
    return product_listing().filter(district=district)
