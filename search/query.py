"""What a shopper asked for, read from query parameters that may be anything at all."""

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from search import text

FACETS = ("state", "district", "craft", "gi", "artisan")
SORTS = ("relevance", "price_asc", "price_desc", "newest")
MAX_PAGE = 10_000
# No engine pages past this many results (Elasticsearch's default index.max_result_window): the
# page number is clamped so both engines agree.
MAX_RESULT_WINDOW = 10_000
MAX_VALUES_PER_FACET = 20
MAX_PRICE = Decimal("10000000")
# Price bands shown as a facet: (key, lower bound inclusive, upper bound exclusive).
PRICE_BANDS = (
    ("0-500", None, Decimal("500")),
    ("500-1000", Decimal("500"), Decimal("1000")),
    ("1000-2500", Decimal("1000"), Decimal("2500")),
    ("2500-5000", Decimal("2500"), Decimal("5000")),
    ("5000-", Decimal("5000"), None),
)
_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,127}$")
_TRUE = {"1", "true", "on", "yes"}


@dataclass(frozen=True)
class SearchRequest:
    q: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    in_stock: bool = False
    sort: str = "relevance"
    page: int = 1
    per_page: int = 24

    @property
    def words(self) -> list[str]:
        return text.query_words(self.q)

    def without(self, facet: str) -> "SearchRequest":
        """The same request minus one facet's own filter: the disjunctive rule for that facet's counts."""
        if facet == "price":
            return replace(self, price_min=None, price_max=None)
        return replace(self, filters={name: values for name, values in self.filters.items() if name != facet})


def page_max(per_page: int) -> int:
    """The last page any engine serves, whatever the number of results."""
    return max(1, min(MAX_PAGE, MAX_RESULT_WINDOW // max(1, per_page)))


def page_last(total: int, per_page: int) -> int:
    """The last real page for `total` results (at least 1), within the result window."""
    return max(1, min(-(-total // max(1, per_page)), page_max(per_page)))


def _price(raw: str | None, notes: list[str]) -> Decimal | None:
    if raw is None or raw.strip() == "":
        return None
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        notes.append(
            _("The price “%(value)s” is not a number and was ignored.") % {"value": text.query_clean(raw)[:20]}
        )
        return None
    if not value.is_finite() or value < 0 or value > MAX_PRICE:
        notes.append(
            _("Prices start at ₹0; the price “%(value)s” was ignored.") % {"value": text.query_clean(raw)[:20]}
        )
        return None
    return value.quantize(Decimal("0.01"))


def _filters(params, notes: list[str]) -> dict[str, tuple[str, ...]]:
    """The facet filters asked for, each value a known key shape; a note when any was not."""
    filters: dict[str, tuple[str, ...]] = {}
    ignored = False
    for name in FACETS:
        values = []
        for raw in params.getlist(name)[:MAX_VALUES_PER_FACET] if hasattr(params, "getlist") else [params.get(name)]:
            value = (raw or "").strip().lower()
            if not value:
                continue
            if _KEY.match(value):
                values.append(value)
            else:
                ignored = True
        if values:
            filters[name] = tuple(dict.fromkeys(values))
    if ignored:
        notes.append(_("Some filters were not recognised and were ignored."))
    return filters


def _page(params, *, per_page: int) -> int:
    """The page asked for, forgiving anything that is not a number, within 1..page_max(per_page)."""
    try:
        page = int(params.get("page") or 1)
    except (TypeError, ValueError):
        page = 1
    return min(max(page, 1), page_max(per_page))


def search_request_parse(
    params, *, fixed: dict[str, tuple[str, ...]] | None = None, per_page: int = 24
) -> tuple[SearchRequest, list[str]]:
    """A clean request plus friendly notes about anything we had to ignore; never raises."""
    notes: list[str] = []
    raw_q = params.get("q", "") or ""
    q = text.query_clean(raw_q)
    if len(" ".join(raw_q.split())) > text.MAX_QUERY_CHARS:
        notes.append(_("Your search was very long, so we searched for its beginning only."))
    filters = _filters(params, notes)
    for name, values in (fixed or {}).items():
        filters[name] = values
    price_min = _price(params.get("price_min"), notes)
    price_max = _price(params.get("price_max"), notes)
    if price_min is not None and price_max is not None and price_min > price_max:
        price_min, price_max = price_max, price_min
        notes.append(_("The lowest price was above the highest, so we swapped them."))
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        sort = "relevance"
    request = SearchRequest(
        q=q,
        filters=filters,
        price_min=price_min,
        price_max=price_max,
        in_stock=(params.get("in_stock") or "").strip().lower() in _TRUE,
        sort=sort,
        page=_page(params, per_page=per_page),
        per_page=per_page,
    )
    return request, notes
