"""Reads for the storefront's catalogue pages, shaped so each page costs a fixed number of queries."""

import re
from functools import lru_cache
from itertools import groupby

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

from artisans.models import VERIFIED
from catalogue_ext.india_map import map_states
from catalogue_ext.models import Category, Craft, District, GITag, OdopDesignation, Product, State

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


# --- Discovery pages: states, crafts and GI tags (each page a fixed number of queries) ---------------

_STATE_CODE = re.compile(r"^[a-z]{2}$")


def state_get(*, code: str) -> State:
    """A state or UT by its code as it appears in URLs (lower case); anything else is a 404."""
    if not _STATE_CODE.match(code):
        raise Http404("No such state")
    return get_object_or_404(State, code=code.upper())


def state_districts(*, state: State) -> list[District]:
    """The state's districts with their buyable-product counts and ODOP products, by name."""
    return list(_districts_with_counts().filter(state=state).order_by("name"))


def states_with_counts() -> list[State]:
    """Every state and UT with its count of buyable products (the map and the state list)."""
    return list(State.objects.annotate(product_count=_buyable_count(district__state=OuterRef("pk"))).order_by("name"))


def craft_get(*, slug: str) -> Craft:
    """A craft or craft family; a family brings its crafts, each with its count of buyable products."""
    children = Prefetch(
        "children",
        queryset=Craft.objects.annotate(product_count=_buyable_count(craft=OuterRef("pk"))).order_by("name"),
    )
    return get_object_or_404(Craft.objects.select_related("parent").prefetch_related(children), slug=slug)


def craft_places(*, craft: Craft) -> list[OdopDesignation]:
    """Where the craft (or any craft of the family) is a district's designated ODOP product."""
    crafts = Q(craft=craft) | Q(craft__parent=craft)
    return list(
        OdopDesignation.objects.filter(crafts)
        .select_related("district__state", "craft")
        .annotate(product_count=_buyable_count(district=OuterRef("district"), craft=OuterRef("craft")))
        .order_by("district__state__name", "district__name", "name")
    )


def craft_gi_tags(*, craft: Craft) -> list[GITag]:
    return list(
        GITag.objects.filter(Q(craft=craft) | Q(craft__parent=craft))
        .select_related("state")
        .annotate(product_count=_buyable_count(gi_tag=OuterRef("pk")))
        .order_by("name")
    )


def gi_directory() -> list[GITag]:
    """Every GI tag the shop knows, with its state and count of buyable products."""
    return list(
        GITag.objects.select_related("state", "district", "craft")
        .annotate(product_count=_buyable_count(gi_tag=OuterRef("pk")))
        .order_by("state__name", "name")
    )


def gi_get(*, slug: str) -> GITag:
    return get_object_or_404(GITag.objects.select_related("state", "district", "craft"), slug=slug)


def india_map(*, directory: list[tuple[State, list[District]]]) -> list:
    """Every state and UT for the /districts/ map, shaded by the products on sale in its districts.

    The counts are the directory's own (one more query, for the states without districts), so the map
    and the list beside it always agree and a cached directory caches the map too.
    """
    counts = {state.pk: sum(d.product_count for d in districts) for state, districts in directory}
    return map_states(State.objects.order_by("name"), counts)


@lru_cache(maxsize=1)
def craft_names_hi() -> dict[str, str]:
    """slug → Hindi name of every craft and family; categories mirror crafts by slug, so they are named
    from it. Reference data changes with a deploy (load_odop_reference), so the process keeps it."""
    return dict(Craft.objects.exclude(name_hi="").values_list("slug", "name_hi"))


def product_delivered_to(*, user, product_id: int) -> bool:
    """Whether `user` bought the product and its parcel reached them (who may review it, issue 12)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return product_id in products_delivered_to(user=user)


def products_delivered_to(*, user) -> frozenset[int]:
    """Ids of the products whose parcel reached `user`; asked once per user object (one request), so an
    order page asking for each of its lines costs one query."""
    delivered = getattr(user, "_delivered_product_ids", None)
    if delivered is None:
        Line = get_model("order", "Line")
        delivered = frozenset(
            Line.objects.filter(order__user=user, shipment_group__shipment__status="delivered")
            .exclude(product_id=None)
            .values_list("product_id", flat=True)
        )
        user._delivered_product_ids = delivered
    return delivered
