"""Time to first byte and largest contentful paint of home, a listing and a product page in Chromium with
the network throttled to slow 4G (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip), at 100,000 products.

Run by hand, never in CI, against a PostgreSQL database you can throw away (data kept between runs, as
bench/bench_serve.py, whose loader and servers this reuses):

    psql postgres://postgres@127.0.0.1:5432/postgres -c "CREATE DATABASE odop_serve_bench"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_serve_bench \\
        .venv/bin/python bench/bench_lcp.py --products 100000

Each page is loaded `--runs` times, each in a fresh browser context (empty cache, as a first visit), with
`Network.emulateNetworkConditions` over the DevTools protocol; it prints the median TTFB (responseStart
of the navigation) and LCP (the last `largest-contentful-paint` entry), and whether LCP is under 2.5 s.
Static files need `make assets` first (whitenoise serves them compressed, as in production).
"""

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_serve import ROOT, Servers, _prepare_data  # noqa: E402

SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
LCP_BUDGET_MS = 2500
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
LCP_JS = """() => new Promise(resolve => {
  let last = null;
  new PerformanceObserver(list => { const e = list.getEntries(); last = e[e.length - 1]; })
    .observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => resolve(last ? {ms: last.startTime, what: last.element ? last.element.tagName : ""} : null), 500);
})"""
TTFB_JS = "() => performance.getEntriesByType('navigation')[0].responseStart"


def _pages() -> list[tuple[str, str]]:
    import django

    django.setup()
    from catalogue_ext.models import District
    from catalogue_ext.selectors import products_buyable

    product = products_buyable().order_by("id")[100]
    district = District.objects.filter(slug="moradabad").first() or District.objects.order_by("id").first()
    return [
        ("home", "/"),
        (f"listing /districts/{district.slug}/", district.get_absolute_url()),
        ("product page", product.get_absolute_url()),
    ]


def _measure(browser, url: str, *, phone: bool) -> tuple[float, float, str]:
    options = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True} if phone else {}
    context = browser.new_context(**options)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    page.goto(url, wait_until="load", timeout=120_000)
    ttfb = page.evaluate(TTFB_JS)
    lcp = page.evaluate(LCP_JS) or {"ms": float("nan"), "what": "?"}
    context.close()
    return ttfb, lcp["ms"], lcp["what"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-load", action="store_true", help="use the database as it is")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database you can throw away (see the docstring).")
    base_env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    if not args.skip_load:
        _prepare_data(base_env, products=args.products, seed=args.seed)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    pages = _pages()

    tmp = tempfile.mkdtemp(prefix="bench-lcp-")
    servers = Servers({}, workers=args.workers, tmp=tmp)
    try:
        redis_url = servers.start_redis()
        servers.env = {
            **base_env,
            "PYTHONPATH": f"{BENCH}{os.pathsep}{ROOT}",
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-" + "k" * 60,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "SERVE_MEDIA": "1",  # the product photos are the LCP element: served here, as a CDN would
            "REDIS_URL": redis_url,
        }
        port = servers.start_gunicorn()
        from playwright.sync_api import sync_playwright

        print(f"{args.products:,} products; slow 4G: 1.6 Mbit/s down, 150 ms RTT; median of {args.runs} cold loads")
        print(f"{'page':40} {'device':8} {'TTFB ms':>8} {'LCP ms':>8}  LCP element  under 2.5 s")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
            for name, path in pages:
                url = f"http://127.0.0.1:{port}{path}"
                _measure(browser, url, phone=False)  # warm the server's caches, as a visited shop is
                for device in ("desktop", "phone"):
                    runs = [_measure(browser, url, phone=device == "phone") for _ in range(args.runs)]
                    ttfb = statistics.median(r[0] for r in runs)
                    lcp = statistics.median(r[1] for r in runs)
                    print(
                        f"{name:40} {device:8} {ttfb:8.0f} {lcp:8.0f}  {runs[-1][2]:11}  {'yes' if lcp < LCP_BUDGET_MS else 'NO'}",
                        flush=True,
                    )
            browser.close()
    finally:
        servers.stop()


if __name__ == "__main__":
    main()
