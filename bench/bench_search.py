"""Time search on a large demo catalogue, side by side with Oscar's stock haystack simple-backend search.

Run by hand against a PostgreSQL database you can throw away:

    createdb -h 127.0.0.1 -U postgres odop_search_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_search_bench \\
        .venv/bin/python bench/bench_search.py --products 100000 --seed 7

It loads the catalogue (skipped if already there), times `search_index --rebuild`, then times, for
the same queries: our /search/ page (server time through Django's test client), our search service
alone, suggest, and Oscar's haystack FacetedSearchView on the simple backend (which cannot facet).
"""

import argparse
import os
import statistics
import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from catalogue_ext.models import Product  # noqa: E402
from search.models import ProductSearchDocument  # noqa: E402
from search.query import search_request_parse  # noqa: E402
from search.selectors import search_run  # noqa: E402

FACETED = "q=brass+vase&state=UP&district=moradabad"
QUERIES = [FACETED, "q=banarsi+saree&in_stock=1", "q=पीतल&sort=price_asc", "q=attar&price_min=500&price_max=5000", ""]
SUGGEST = ["bra", "ban", "pot", "kann", "silk s"]


def _percentiles(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


def _time(call, runs: int) -> tuple[float, float, int]:
    call()
    timings = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            call()
            timings.append((time.perf_counter() - start) * 1000)
    median, p95 = _percentiles(timings)
    return median, p95, len(queries)


def _stock_search_urlconf() -> str:
    """Oscar's stock search (haystack simple backend, Oscar's ProductIndex) mounted at /stock-search/."""
    from django.urls import path
    from haystack import connections
    from oscar.apps.search.forms import SearchForm as HaystackSearchForm
    from oscar.apps.search.search_indexes import ProductIndex
    from oscar.apps.search.views import FacetedSearchView

    import shop.urls

    connections["default"].get_unified_index().build(indexes=[ProductIndex()])
    module = types.ModuleType("bench_stock_search_urls")
    module.urlpatterns = [
        path("stock-search/", FacetedSearchView.as_view(form_class=HaystackSearchForm), name="stock-search"),
        *shop.urls.urlpatterns,
    ]
    sys.modules[module.__name__] = module
    return module.__name__


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--skip-rebuild", action="store_true", help="time the queries only, on the index as it is")
    parser.add_argument("--stock-runs", type=int, default=3, help="runs of the (slow) haystack search per query")
    args = parser.parse_args()

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    call_command("load_odop_reference", verbosity=0)
    start = time.perf_counter()
    call_command("load_demo_catalogue", products=args.products, seed=args.seed, verbosity=0)
    print(
        f"load_demo_catalogue --products {args.products} (indexes what it creates): {time.perf_counter() - start:.1f} s"
    )
    if not args.skip_rebuild:
        start = time.perf_counter()
        call_command("search_index", rebuild=True, verbosity=0)
        print(
            f"search_index --rebuild: {time.perf_counter() - start:.1f} s "
            f"({ProductSearchDocument.objects.count()} documents, {Product.objects.filter(is_public=True).count()} listed products)"
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    client = Client()
    stock_urls = _stock_search_urlconf()
    print(
        f"\n{'query':<42} {'ours page p50/p95 ms':>21} {'service p95':>12} {'q':>3} {'haystack page p50/p95':>22} {'q':>3} {'ratio p95':>9}"
    )
    for query in QUERIES:
        ours = _time(lambda query=query: client.get(f"/search/?{query}"), args.runs)
        request, _ = search_request_parse(QueryDict(query))
        service = _time(lambda request=request: search_run(request=request), args.runs)
        with override_settings(ROOT_URLCONF=stock_urls):
            stock = _time(lambda query=query: client.get(f"/stock-search/?{query}"), args.stock_runs)
        print(
            f"{query[:42]:<42} {ours[0]:>9.1f} / {ours[1]:>8.1f} {service[1]:>12.1f} {ours[2]:>3} "
            f"{stock[0]:>10.1f} / {stock[1]:>8.1f} {stock[2]:>3} {stock[1] / ours[1]:>8.1f}x"
        )
    print(f"\n{'suggest':<42} {'p50 ms':>9} {'p95 ms':>8} {'q':>3}")
    for prefix in SUGGEST:
        median, p95, queries = _time(lambda prefix=prefix: client.get("/search/suggest/", {"q": prefix}), args.runs)
        print(f"{prefix:<42} {median:>9.1f} {p95:>8.1f} {queries:>3}")


if __name__ == "__main__":
    main()
