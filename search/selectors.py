"""Reads: one search service for /search/ and every catalogue listing (a listing is a search with a fixed filter)."""

import hashlib
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import get_language
from oscar.core.loading import get_model

from catalogue_ext.models import Craft, District, GITag, State
from catalogue_ext.selectors import catalogue_cached, product_listing
from search import text, transliterate
from search.engines import database_engine, primary_engine
from search.engines.base import EngineResult, EngineUnavailable, FacetCount
from search.models import ProductSearchDocument
from search.query import FACETS, PRICE_BANDS, SearchRequest

logger = logging.getLogger(__name__)
Partner = get_model("partner", "Partner")


@dataclass(frozen=True)
class FacetValue:
    key: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class PriceBand:
    key: str
    low: Decimal | None
    high: Decimal | None
    count: int
    selected: bool


@dataclass
class SearchPage:
    request: SearchRequest
    page: Page
    products: list
    facets: dict[str, list[FacetValue]]
    price_bands: list["PriceBand"]
    engine: str
    notes: list[str] = field(default_factory=list)


def _label(facet: FacetCount) -> str:
    if (get_language() or "").startswith("hi") and facet.name_hi:
        return facet.name_hi
    return facet.name


def _engine_search(request: SearchRequest) -> EngineResult:
    engine = primary_engine()
    try:
        return engine.search(request)
    except EngineUnavailable as exc:
        logger.warning("Elasticsearch could not answer, searching the database instead: %s", exc)
        return database_engine().search(request)


_FACET_MODELS = {
    "state": (State, "code"),
    "district": (District, "slug"),
    "craft": (Craft, "slug"),
    "gi": (GITag, "slug"),
}


def _with_selected(name: str, rows: list[FacetCount], selected: set[str]) -> list[FacetCount]:
    """A selected value always stays in its own facet (to be unticked), even when nothing matches it.

    Its count is what the engine counted, or for a craft family the sum of its crafts' counts, else 0.
    """
    missing = selected - {row.key for row in rows}
    if not missing:
        return rows
    counts = {row.key: row.count for row in rows}
    extra = []
    if name == "artisan":
        for partner in Partner.objects.filter(code__in=missing):
            extra.append(FacetCount(key=partner.code, name=partner.name, name_hi="", count=0))
    else:
        model, field_name = _FACET_MODELS[name]
        for obj in model.objects.filter(**{f"{field_name}__in": missing}):
            count = 0
            if name == "craft":
                count = sum(counts.get(slug, 0) for slug in obj.children.values_list("slug", flat=True))
            extra.append(FacetCount(key=getattr(obj, field_name), name=obj.name, name_hi=obj.name_hi, count=count))
    return [*rows, *sorted(extra, key=lambda row: row.key)]


def _engine_search_cached(request: SearchRequest) -> EngineResult:
    """Ids, facets and counts are cached per catalogue version; the products themselves are read fresh."""
    key = hashlib.sha256(repr(request).encode()).hexdigest()[:32]
    return catalogue_cached(name=f"search-{key}", compute=lambda: _engine_search(request))


def search_run(*, request: SearchRequest) -> SearchPage:
    """One page of results with disjunctive facet counts; the page number is clamped to a real page."""
    result = _engine_search_cached(request)
    products_by_id = {p.id: p for p in product_listing().filter(id__in=result.product_ids)}
    products = []
    for product_id in result.product_ids:
        product = products_by_id.get(product_id)
        if product is not None:
            product.search_in_stock = product_id in result.in_stock_ids
            products.append(product)
    paginator = Paginator(range(result.total), request.per_page)
    page = paginator.page(result.page)
    page.object_list = products
    facets = {}
    for name in FACETS:
        selected = {v.upper() if name == "state" else v for v in request.filters.get(name, ())}
        rows = _with_selected(name, result.facets.get(name, []), selected)
        facets[name] = [FacetValue(f.key, _label(f), f.count, f.key in selected) for f in rows]
    bands = []
    for key, low, high in PRICE_BANDS:
        upper = high - Decimal("0.01") if high is not None else None
        chosen = (request.price_min, request.price_max) == (low, upper)
        bands.append(PriceBand(key, low, upper, result.price_bands.get(key, 0), chosen))
    return SearchPage(
        request=request, page=page, products=products, facets=facets, price_bands=bands, engine=result.engine
    )


def _word_prefix(field_name: str, prefix: str) -> Q:
    return Q(**{f"{field_name}__istartswith": prefix}) | Q(**{f"{field_name}__icontains": f" {prefix}"})


def _suggest_products(words: list[str], limit: int) -> list[tuple[int, str, str]]:
    engine = primary_engine()
    try:
        return engine.suggest_products(words=words, limit=limit)
    except EngineUnavailable as exc:
        logger.warning("Elasticsearch could not answer, suggesting from the database instead: %s", exc)
        return database_engine().suggest_products(words=words, limit=limit)


def _named(obj, *, devanagari: bool) -> str:
    """Names follow the script the shopper typed in (Hindi name when they typed Devanagari)."""
    if devanagari:
        return obj.name_hi or obj.name
    return obj.name


def search_suggest(*, q: str, limit: int = 5) -> dict:
    """Suggestions for a search box: products, crafts, districts and artisans matching what was typed.

    The word being typed may be Hindi in either script: "pital", "peetal" or "पीतल" also suggest what
    "brass" would (`search.transliterate`), at the cost of one more query only when they do.
    Names come back in the script typed.

    Cached per catalogue version and language (names are shown in the shopper's language).
    """
    key = hashlib.sha256(f"{get_language()}|{limit}|{q}".encode()).hexdigest()[:32]
    return catalogue_cached(name=f"suggest-{key}", compute=lambda: _search_suggest(q=q, limit=limit))


def _search_suggest(*, q: str, limit: int) -> dict:
    words = text.query_words(q)
    if not words:
        return {"query": text.query_clean(q), "products": [], "crafts": [], "districts": [], "artisans": []}
    devanagari = transliterate.is_devanagari(q)
    prefix = words[-1]
    concept = transliterate.concept_for(prefix)
    also = concept if concept and concept != prefix else None
    rows = _suggest_products(words, limit)
    if also and len(rows) < limit:
        seen = {row[0] for row in rows}
        rows += [row for row in _suggest_products([*words[:-1], also], limit) if row[0] not in seen][
            : limit - len(rows)
        ]
    phrase = " ".join(words)
    search_url = reverse("search:search")
    craft_match = _word_prefix("name", phrase) | Q(name_hi__startswith=phrase) | Q(slug__startswith=prefix)
    if also:
        craft_match |= _word_prefix("name", also) | Q(slug__startswith=also)
    crafts = Craft.objects.filter(craft_match).order_by("name")[:limit]
    districts = (
        District.objects.select_related("state")
        .filter(_word_prefix("name", phrase) | Q(name_hi__startswith=phrase))
        .order_by("name")[:limit]
    )
    artisans = (
        Partner.objects.filter(_word_prefix("name", phrase))
        .filter(Exists(ProductSearchDocument.objects.filter(artisan=OuterRef("pk"))))
        .order_by("name")[:limit]
    )
    return {
        "query": text.query_clean(q),
        "script": "deva" if devanagari else "latn",
        "products": [
            {"id": pid, "title": title, "url": reverse("catalogue:detail", kwargs={"product_slug": slug, "pk": pid})}
            for pid, title, slug in rows
        ],
        "crafts": [
            {"slug": c.slug, "name": _named(c, devanagari=devanagari), "url": c.get_absolute_url()} for c in crafts
        ],
        "districts": [
            {
                "slug": d.slug,
                "name": _named(d, devanagari=devanagari),
                "state": _named(d.state, devanagari=devanagari),
                "url": d.get_absolute_url(),
            }
            for d in districts
        ],
        "artisans": [{"code": p.code, "name": p.name, "url": f"{search_url}?artisan={p.code}"} for p in artisans],
    }
