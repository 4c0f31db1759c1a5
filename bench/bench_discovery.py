"""Time the discovery pages (state, craft, GI, the /districts/ map) and Hinglish suggestions at scale.

Run by hand against a PostgreSQL database you can throw away:

    createdb -h 127.0.0.1 -U postgres odop_discovery_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_discovery_bench \\
        .venv/bin/python bench/bench_discovery.py --products 100000 --seed 7

It loads the demo catalogue (skipped for products already there; the loader indexes what it creates),
then times each page's server time through Django's test client and prints median, p95 and the
number of queries. Targets (issue 15): state/craft/GI pages p95 < 150 ms, suggest p95 < 30 ms.
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from catalogue_ext.models import Product  # noqa: E402

PAGES = [
    ("state", "/states/up/", 150),
    ("state, filtered", "/states/up/?district=moradabad&sort=price_asc", 150),
    ("craft family", "/crafts/metal-craft/", 150),
    ("craft", "/crafts/brassware/", 150),
    ("GI list", "/gi/", 150),
    ("GI", "/gi/moradabad-metal-craft/", 150),
    ("GI, page 3", "/gi/banaras-brocades-and-sarees/?page=3", 150),
    ("districts + map", "/districts/", None),
]
SUGGEST = ["bra", "pital", "peetal", "पीतल", "ban", "kann", "मुराद"]


def _time(call, runs: int) -> tuple[float, float, int]:
    call()
    call()
    timings, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            call()
            timings.append((time.perf_counter() - start) * 1000)
        queries = len(captured)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)], queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    call_command("load_odop_reference", verbosity=0)
    start = time.perf_counter()
    call_command("load_demo_catalogue", products=args.products, seed=args.seed, verbosity=0)
    print(
        f"load_demo_catalogue --products {args.products}: {time.perf_counter() - start:.1f} s "
        f"({Product.objects.filter(is_public=True).count()} listed products)"
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    client = Client()
    failed = []
    print(f"\n{'page':<18} {'url':<46} {'p50 ms':>8} {'p95 ms':>8} {'q':>3}  target")
    for name, url, target in PAGES:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        median, p95, queries = _time(lambda url=url: client.get(url), args.runs)
        verdict = "" if target is None else (f"< {target} ms " + ("met" if p95 < target else "MISSED"))
        if target is not None and p95 >= target:
            failed.append(url)
        print(f"{name:<18} {url[:46]:<46} {median:>8.1f} {p95:>8.1f} {queries:>3}  {verdict}")
    print(f"\n{'suggest':<18} {'p50 ms':>8} {'p95 ms':>8} {'q':>3}  target")
    for prefix in SUGGEST:
        median, p95, queries = _time(lambda prefix=prefix: client.get("/search/suggest/", {"q": prefix}), args.runs)
        if p95 >= 30:
            failed.append(prefix)
        print(f"{prefix:<18} {median:>8.1f} {p95:>8.1f} {queries:>3}  < 30 ms {'met' if p95 < 30 else 'MISSED'}")
    print("\nall targets met" if not failed else f"\nmissed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
