"""Elasticsearch beside the database engine on the same large catalogue: rebuild, the faceted query mix, suggest.

Needs a local Elasticsearch 8 (see README, "Running the contract suite against Elasticsearch") and a
PostgreSQL database you can throw away:

    createdb -h 127.0.0.1 -U postgres odop_search_bench
    ELASTICSEARCH_URL=http://127.0.0.1:9200 ELASTICSEARCH_INDEX=odop-bench-products \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_search_bench \\
        .venv/bin/python bench/bench_search_es.py --products 100000 --seed 7

It loads the catalogue (skipped if already there; the loader indexes into the database engine and,
before the first rebuild, skips Elasticsearch writes by design), times `search_index --rebuild`
(which fills both engines: the database part is timed separately), then runs the same queries as
`bench_search.py` through each engine's `search()` and prints the figures side by side, with the
results' totals so a disagreement between the engines shows. Safe to re-run.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import QueryDict  # noqa: E402

from catalogue_ext.selectors import products_buyable  # noqa: E402
from search.documents import documents_build  # noqa: E402
from search.engines import database_engine, elasticsearch_engine  # noqa: E402
from search.query import search_request_parse  # noqa: E402
from search.services import BATCH  # noqa: E402

QUERIES = [
    "q=brass+vase&state=UP&district=moradabad",
    "q=banarsi+saree&in_stock=1",
    "q=पीतल&sort=price_asc",
    "q=attar&price_min=500&price_max=5000",
    "district=moradabad&district=varanasi&craft=brassware&sort=price_desc&page=3",
    "",
]
SUGGEST = [["bra"], ["ban"], ["pot"], ["kann"], ["silk", "s"], ["पी"]]


def _percentiles(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


def _time(call, runs: int):
    result = call()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return (*_percentiles(timings), result)


def _database_rebuild_seconds() -> float:
    """The database engine's share of a rebuild: every batch read and written, then the prune."""
    db = database_engine()
    ids = list(products_buyable().order_by("id").values_list("id", flat=True))
    start = time.perf_counter()
    for offset in range(0, len(ids), BATCH):
        chunk = ids[offset : offset + BATCH]
        db.write(documents_build(product_ids=chunk), product_ids=chunk)
    db.prune(keep=products_buyable().values("id"))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--skip-rebuild", action="store_true", help="time the queries only, on the indices as they are")
    args = parser.parse_args()
    if not settings.ELASTICSEARCH_URL:
        sys.exit(
            "Set ELASTICSEARCH_URL (a local Elasticsearch 8) to run this benchmark; bench_search.py times the database engine alone."
        )
    es = elasticsearch_engine()
    info = es.client().info()
    print(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}; Elasticsearch {info['version']['number']} at {settings.ELASTICSEARCH_URL}"
    )
    call_command("migrate", verbosity=0)
    call_command("load_odop_reference", verbosity=0)
    start = time.perf_counter()
    call_command("load_demo_catalogue", products=args.products, seed=args.seed, verbosity=0)
    print(f"load_demo_catalogue --products {args.products}: {time.perf_counter() - start:.1f} s")
    if not args.skip_rebuild:
        database_seconds = _database_rebuild_seconds()
        start = time.perf_counter()
        call_command("search_index", rebuild=True, verbosity=0)
        both_seconds = time.perf_counter() - start
        count = es.admin().count(index=es.alias)["count"]
        print(
            f"\nrebuild, {count} products: database engine {database_seconds:.1f} s; "
            f"search_index --rebuild (database + Elasticsearch) {both_seconds:.1f} s, "
            f"so Elasticsearch adds {both_seconds - database_seconds:.1f} s"
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    db = database_engine()
    print(f"\n{'query':<44} {'database p50/p95 ms':>20} {'total':>7} {'elasticsearch p50/p95 ms':>25} {'total':>7}")
    for query in QUERIES:
        request, _ = search_request_parse(QueryDict(query))
        db_median, db_p95, db_result = _time(lambda request=request: db.search(request), args.runs)
        es_median, es_p95, es_result = _time(lambda request=request: es.search(request), args.runs)
        flag = "" if db_result.total == es_result.total else "  <- totals differ"
        print(
            f"{query[:44] or '(everything)':<44} {db_median:>9.1f} / {db_p95:>7.1f} {db_result.total:>7} "
            f"{es_median:>13.1f} / {es_p95:>8.1f} {es_result.total:>7}{flag}"
        )
    print(f"\n{'suggest':<44} {'database p50/p95 ms':>20} {'elasticsearch p50/p95 ms':>33}")
    for words in SUGGEST:
        db_median, db_p95, _ = _time(lambda words=words: db.suggest_products(words=words, limit=5), args.runs)
        es_median, es_p95, _ = _time(lambda words=words: es.suggest_products(words=words, limit=5), args.runs)
        print(f"{' '.join(words):<44} {db_median:>9.1f} / {db_p95:>7.1f} {es_median:>21.1f} / {es_p95:>8.1f}")


if __name__ == "__main__":
    main()
