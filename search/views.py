"""/search/ and /search/suggest/; catalogue listings reuse `SearchListingMixin` with a fixed filter."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from search import text
from search.query import FACETS, search_request_parse
from search.selectors import search_run, search_suggest
from shop.pagecache import PageCacheMixin

FACET_TITLES = {
    "state": gettext_lazy("State"),
    "district": gettext_lazy("District"),
    "craft": gettext_lazy("Craft"),
    "gi": gettext_lazy("GI tag"),
    "artisan": gettext_lazy("Artisan"),
}
SORT_LABELS = (
    ("relevance", gettext_lazy("Best match")),
    ("newest", gettext_lazy("Newest")),
    ("price_asc", gettext_lazy("Price: low to high")),
    ("price_desc", gettext_lazy("Price: high to low")),
)


def _query_string(params) -> str:
    return params.urlencode()


def _toggled(params, name: str, value: str) -> str:
    copy = params.copy()
    copy.pop("page", None)
    values = [v for v in copy.getlist(name) if v.strip().lower() != value.lower()]
    if len(values) == len(copy.getlist(name)):
        values.append(value)
    copy.setlist(name, values)
    return "?" + _query_string(copy)


def _with_price(params, low, high) -> str:
    copy = params.copy()
    copy.pop("page", None)
    for key, bound in (("price_min", low), ("price_max", high)):
        copy.pop(key, None)
        if bound is not None:
            copy[key] = str(bound)
    return "?" + _query_string(copy)


class SearchListingMixin:
    """Renders a search page; `fixed_filters` pins a listing (a craft, a district) on top of the shopper's own."""

    fixed_filters: dict[str, tuple[str, ...]] = {}

    def get_fixed_filters(self) -> dict[str, tuple[str, ...]]:
        return self.fixed_filters

    def search_context(self) -> dict:
        params = self.request.GET
        fixed = self.get_fixed_filters()
        request, notes = search_request_parse(params, fixed=fixed, per_page=settings.SEARCH_RESULTS_PER_PAGE)
        result = search_run(request=request)
        if request.page > result.page.number:
            notes.append(_("There are fewer pages than that; here is the last one."))
        facet_groups = []
        for name in FACETS:
            if name in fixed:
                continue
            values = [
                {
                    "key": v.key,
                    "label": v.label,
                    "count": v.count,
                    "selected": v.selected,
                    "url": _toggled(params, name, v.key),
                }
                for v in result.facets[name]
            ]
            if values:
                facet_groups.append({"name": name, "title": FACET_TITLES[name], "values": values})
        bands = [
            {
                "band": band,
                "url": _with_price(params, None, None) if band.selected else _with_price(params, band.low, band.high),
            }
            for band in result.price_bands
        ]
        stock_params = params.copy()
        stock_params.pop("page", None)
        if request.in_stock:
            stock_params.pop("in_stock", None)
        else:
            stock_params["in_stock"] = "1"
        clear_params = {key: params[key] for key in ("q", "sort") if params.get(key)}
        filters_active = bool(
            request.in_stock
            or any(value["selected"] for group in facet_groups for value in group["values"])
            or any(item["band"].selected for item in bands)
        )
        return {
            "search": result,
            "search_request": request,
            "filters_active": filters_active,
            "clear_filters_url": "?" + urlencode(clear_params) if clear_params else self.request.path,
            "search_notes": notes,
            "facet_groups": facet_groups,
            "price_bands": bands,
            "in_stock_url": "?" + _query_string(stock_params),
            "sort_options": SORT_LABELS,
            "products": result.products,
            "page_obj": result.page,
            "paginator": result.page.paginator,
            "is_paginated": result.page.has_other_pages(),
        }


class SearchView(PageCacheMixin, SearchListingMixin, TemplateView):
    template_name = "search/results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.search_context())
        context["query"] = context["search_request"].q
        return context


class SuggestView(View):
    """JSON for the search box; malformed input is a 400 with a reason, not an empty 200."""

    MIN_CHARS = 2
    MAX_CHARS = 100

    def get(self, request, *args, **kwargs):
        raw = request.GET.get("q")
        if raw is None:
            return JsonResponse({"error": _("Give the text typed so far as ?q=.")}, status=400)
        if len(raw) > self.MAX_CHARS:
            return JsonResponse(
                {"error": _("Suggestions need %(max)d characters or fewer.") % {"max": self.MAX_CHARS}}, status=400
            )
        if text.query_clean(raw) != " ".join(raw.split()):
            return JsonResponse({"error": _("The text contains control characters.")}, status=400)
        if not text.query_words(raw) or len("".join(text.query_words(raw))) < self.MIN_CHARS:
            return JsonResponse({"error": _("Type at least %(min)d letters.") % {"min": self.MIN_CHARS}}, status=400)
        return JsonResponse(search_suggest(q=raw))
