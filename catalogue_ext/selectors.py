"""Reads for the storefront's catalogue pages, shaped so each page costs a fixed number of queries.

Counts over the whole catalogue (per state, district, craft, craft family and GI tag) and the newest
products are computed once per catalogue version and cached (`catalogue_cached`) as plain numbers and
ids, never as model instances (unpickling a list of districts with their prefetches cost more than
reading them again):
`search.services.catalogue_changed` gives the catalogue a new version whenever a product, price,
stock, artisan status or reference name changes, so a cached figure never outlives what it counts.
"""

import re
import uuid
from collections.abc import Callable
from functools import lru_cache
from itertools import groupby
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

from artisans.models import VERIFIED
from catalogue_ext.india_map import map_states
from catalogue_ext.models import (
    Category,
    Craft,
    CraftSizePreset,
    CraftTaxDefault,
    District,
    GITag,
    OdopDesignation,
    Product,
    State,
)

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
        .prefetch_related(
            "children", "product_options", "product_class__options", "images", _stockrecords_with_artisan()
        )
        .with_origin()
        .order_by("-date_created", "-id")
    )


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


def buyable_counts(*fields: str) -> dict:
    """Buyable products per value of `fields` (a tuple of values when there are several): one grouped
    query per catalogue version, never a sub-query per row; cached, so every page shares it."""

    def compute() -> dict:
        rows = products_buyable().order_by().values(*fields).annotate(count=Count("id")).values_list(*fields, "count")
        if len(fields) == 1:
            return {row[0]: row[1] for row in rows if row[0] is not None}
        return {tuple(row[:-1]): row[-1] for row in rows}

    return catalogue_cached(name="counts-" + ",".join(fields), compute=compute)


def _districts_with_counts(**filters) -> list[District]:
    counts = buyable_counts("district_id")
    districts = list(
        District.objects.filter(**filters)
        .select_related("state")
        .prefetch_related(_designations())
        .order_by("state__name", "name")
    )
    for district in districts:
        district.product_count = counts.get(district.pk, 0)
    return districts


def district_directory() -> list[tuple[State, list[District]]]:
    """Districts grouped by state, each with its count of buyable products and its ODOP products."""
    return [(state, list(group)) for state, group in groupby(_districts_with_counts(), key=lambda d: d.state)]


def districts_featured(*, limit: int) -> list[District]:
    """The districts with the most to buy, for the home page."""
    ranked = sorted((d for d in _districts_with_counts() if d.product_count), key=lambda d: (-d.product_count, d.name))
    return ranked[:limit]


def craft_families_with_counts() -> list[Craft]:
    """Craft families that have buyable products, each with its category page when one exists."""
    counts = buyable_counts("craft__parent_id")
    families = [
        family for family in Craft.objects.filter(parent__isnull=True).order_by("name") if counts.get(family.pk)
    ]
    categories = {
        category.slug: category
        for category in Category.objects.filter(depth=1, slug__in=[family.slug for family in families])
    }
    for family in families:
        family.product_count = counts[family.pk]
        family.category = categories.get(family.slug)
    return families


def products_newest(*, limit: int) -> list[Product]:
    """The newest products a shopper can put in the basket now (priced, stock left), with what their cards
    need; which ones is cached per catalogue version (stock changes give a new version)."""
    sellable = StockRecord.objects.filter(
        product=OuterRef("pk"),
        partner__artisan_profile__status=VERIFIED,
        price__isnull=False,
        num_in_stock__gt=Coalesce(F("num_allocated"), 0),
    )
    ids = catalogue_cached(
        name=f"newest-{limit}",
        compute=lambda: list(product_listing().filter(Exists(sellable)).values_list("id", flat=True)[:limit]),
    )
    by_id = {product.id: product for product in product_listing().filter(id__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def district_get(*, slug: str) -> District:
    return get_object_or_404(District.objects.select_related("state").prefetch_related(_designations()), slug=slug)


# --- Discovery pages: states, crafts and GI tags (each page a fixed number of queries) ---------------

_STATE_CODE = re.compile(r"^[a-z]{2}$")


def state_get(*, code: str) -> State:
    """A state or UT by its code as it appears in URLs (lower case); anything else is a 404."""
    if not _STATE_CODE.match(code):
        raise Http404("No such state")
    return get_object_or_404(State, code=code.upper())


def state_districts(*, state: State) -> list[District]:
    """The state's districts with their buyable-product counts and ODOP products, by name."""
    return _districts_with_counts(state=state)


def states_with_counts() -> list[State]:
    """Every state and UT with its count of buyable products (the map and the state list)."""
    counts = buyable_counts("district__state_id")
    states = list(State.objects.order_by("name"))
    for state in states:
        state.product_count = counts.get(state.pk, 0)
    return states


def craft_get(*, slug: str) -> Craft:
    """A craft or craft family; a family brings its crafts, each with its count of buyable products."""
    children = Prefetch("children", queryset=Craft.objects.order_by("name"))
    craft = get_object_or_404(Craft.objects.select_related("parent").prefetch_related(children), slug=slug)
    counts = buyable_counts("craft_id")
    for child in craft.children.all():  # the prefetched instances the page shows
        child.product_count = counts.get(child.pk, 0)
    return craft


def craft_places(*, craft: Craft) -> list[OdopDesignation]:
    """Where the craft (or any craft of the family) is a district's designated ODOP product."""
    crafts = Q(craft=craft) | Q(craft__parent=craft)
    counts = buyable_counts("district_id", "craft_id")
    places = list(
        OdopDesignation.objects.filter(crafts)
        .select_related("district__state", "craft")
        .order_by("district__state__name", "district__name", "name")
    )
    for place in places:
        place.product_count = counts.get((place.district_id, place.craft_id), 0)
    return places


def _with_gi_counts(tags: QuerySet[GITag]) -> list[GITag]:
    counts = buyable_counts("gi_tag_id")
    tags = list(tags)
    for tag in tags:
        tag.product_count = counts.get(tag.pk, 0)
    return tags


def craft_gi_tags(*, craft: Craft) -> list[GITag]:
    return _with_gi_counts(
        GITag.objects.filter(Q(craft=craft) | Q(craft__parent=craft)).select_related("state").order_by("name")
    )


def gi_directory() -> list[GITag]:
    """Every GI tag the shop knows, with its state and count of buyable products."""
    return _with_gi_counts(GITag.objects.select_related("state", "district", "craft").order_by("state__name", "name"))


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


def craft_tax_default(*, craft: Craft | None) -> CraftTaxDefault | None:
    """The HSN code and GST rate a new listing of this craft starts with (None: no default recorded)."""
    if craft is None:
        return None
    return CraftTaxDefault.objects.filter(craft=craft).first()


def craft_tax_defaults() -> list[CraftTaxDefault]:
    return list(CraftTaxDefault.objects.select_related("craft__parent").order_by("craft__parent__name", "craft__name"))


def size_presets_for(*, crafts) -> list[CraftSizePreset]:
    """The packed sizes an artisan of these crafts picks from: each craft's own, or else its family's."""
    crafts = [craft for craft in crafts if craft is not None]
    presets = list(
        CraftSizePreset.objects.filter(
            Q(craft__in=crafts) | Q(craft__in=[craft.parent_id or craft.pk for craft in crafts])
        ).select_related("craft")
    )
    own = {preset.craft_id for preset in presets}
    chosen, seen = [], set()
    for craft in crafts:
        source = craft.pk if craft.pk in own else (craft.parent_id or craft.pk)
        for preset in presets:
            if preset.craft_id == source and preset.pk not in seen:
                chosen.append(preset)
                seen.add(preset.pk)
    return chosen
