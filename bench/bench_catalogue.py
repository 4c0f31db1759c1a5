"""Build a large demo catalogue and time it, then time the hot catalogue pages on it.

Run by hand against a database you can throw away, e.g. PostgreSQL:

    createdb -h 127.0.0.1 -U postgres odop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_bench .venv/bin/python bench/bench_catalogue.py --products 100000

Re-running reuses the products already there (the loader skips existing ones); pass a new --seed
for a fresh load into the same database.
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

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalogue_ext.models import District, Product  # noqa: E402


def _time_page(client: Client, url: str, runs: int) -> tuple[float, float, int]:
    client.get(url)  # warm thumbnails and caches
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    call_command("load_odop_reference", verbosity=0)
    start = time.perf_counter()
    call_command("load_demo_catalogue", products=args.products, seed=args.seed)
    print(f"load_demo_catalogue --products {args.products}: {time.perf_counter() - start:.1f} s")
    print(f"listed products in database: {Product.objects.filter(is_public=True).count()}")
    if connection.vendor == "postgresql":
        # Planner statistics after a bulk load, as autovacuum would do shortly after in production.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    client = Client()
    busiest = max(District.objects.all(), key=lambda d: d.products.count())
    product = Product.objects.filter(is_public=True).order_by("-id").first()
    print(f"{'page':<60} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for url in [
        "/districts/",
        busiest.get_absolute_url(),
        "/catalogue/",
        "/catalogue/?page=200",
        product.get_absolute_url(),
    ]:
        reset_queries()
        median, p95, queries = _time_page(client, url, args.runs)
        print(f"{url[:60]:<60} {median:>10.1f} {p95:>8.1f} {queries:>8}")


if __name__ == "__main__":
    main()
