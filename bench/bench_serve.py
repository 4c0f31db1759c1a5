"""Serve the shop like production (gunicorn, DJANGO_DEBUG=0, Redis) on a big catalogue and load it with wrk.

Run by hand, never in CI, against a PostgreSQL database you can throw away (the data is kept between
runs, so only the first run loads it):

    psql postgres://postgres@127.0.0.1:5432/postgres -c "CREATE DATABASE odop_serve_bench"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_serve_bench \\
        .venv/bin/python bench/bench_serve.py --products 100000

What it does, each step safe to re-run:
1. loads the ODOP reference data, demo pincodes and `--products` demo products (resumable; a run on a
   database that already has them skips the load) and ANALYZEs the tables;
2. starts its own redis-server on a free loopback port (never the machine's shared one) and gunicorn
   with the same options as `make serve` (`--workers`, sync workers, `DJANGO_DEBUG=0`, `REDIS_URL`) on a
   free loopback port, with one extra URL, `/bench/trivial/` (2 KB through the same middleware), as the
   ceiling, and one Celery worker beside it (product views are counted on the queue);
3. for each page: one request at a time on the idle server (median of `--idle-runs`), then `wrk -t2
   -c16` for `--duration` seconds on the trivial view and right after on the page, and prints req/s,
   p50/p95/p99 latency, errors (non-2xx/3xx, timeouts, socket errors) and the page's share of the
   trivial view's req/s in that pair of runs;
4. the same pages again for a signed-in shopper with a basket (session cookie of a real login).

wrk comes from Debian (`apt-get install wrk`); the script installs it when run as root and it is missing.
The machine is shared: the share column (page beside the trivial view, same minute) is the figure to
compare between runs, absolute req/s move with whatever else runs.
"""

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BIN = Path(sys.executable).parent

WRK_REPORT = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_JSON {\"requests\": %d, \"duration_us\": %d, \"p50\": %d, \"p95\": %d, \"p99\": %d, " ..
    "\"status\": %d, \"connect\": %d, \"read\": %d, \"write\": %d, \"timeout\": %d}\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.status, e.connect, e.read, e.write, e.timeout))
end
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ensure_wrk() -> str:
    if not shutil.which("wrk"):
        if os.geteuid() != 0:
            sys.exit("wrk is missing: apt-get install wrk")
        print("installing wrk (Debian package)…", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
    return shutil.which("wrk")


def _wait_for(check, *, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{what} did not come up within {timeout:.0f} s")


def _get(port: int, path: str, cookie: str = "", timeout: float = 60) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    start = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    response = conn.getresponse()
    response.read()
    elapsed = (time.perf_counter() - start) * 1000
    conn.close()
    return response.status, elapsed


def _manage(env: dict, *args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def _prepare_data(env: dict, *, products: int, seed: int) -> None:
    load_env = {**env, "DJANGO_SETTINGS_MODULE": "shop.settings", "DJANGO_DEBUG": "1"}
    _manage(load_env, "migrate", "--noinput", "-v", "0")
    _manage(load_env, "load_odop_reference", "-v", "0")
    _manage(load_env, "import_pincodes", "fulfilment/data/demo_pincodes.csv", "-v", "0")
    _manage(load_env, "load_demo_catalogue", "--products", str(products), "--seed", str(seed))


class Servers:
    def __init__(self, env: dict, *, workers: int, tmp: str) -> None:
        self.env = env
        self.workers = workers
        self.tmp = tmp
        self.redis = self.gunicorn = self.worker = None
        self.port = 0

    def start_redis(self) -> str:
        port = _free_port()
        self.redis = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.tmp,
            ],
            stdout=subprocess.DEVNULL,
        )
        _wait_for(
            lambda: (
                subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True).stdout.strip() == b"PONG"
            ),
            what="redis-server",
        )
        return f"redis://127.0.0.1:{port}/0"

    def start_worker(self) -> None:
        """One Celery worker, as `make serve` starts: product views are counted there, off the request."""
        self.worker = subprocess.Popen(
            [str(BIN / "celery"), "-A", "shop", "worker", "--concurrency", "1", "--loglevel", "WARNING"],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(Path(self.tmp) / "worker.log", "w"),
        )

    def start_gunicorn(self) -> int:
        self.port = _free_port()
        command = [str(BIN / "gunicorn")]
        if (ROOT / "shop" / "gunicorn.conf.py").exists():
            command += ["--config", str(ROOT / "shop" / "gunicorn.conf.py")]
        command += [
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "60",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--error-logfile",
            str(Path(self.tmp) / "gunicorn.log"),
            "shop.wsgi:application",
        ]
        self.gunicorn = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(Path(self.tmp) / "gunicorn.stderr", "w"),
        )
        _wait_for(lambda: _get(self.port, "/bench/trivial/", timeout=2)[0] == 200, what="gunicorn")
        return self.port

    def stop(self) -> None:
        for proc in (self.gunicorn, self.worker, self.redis):
            if proc and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()


def _wrk(
    wrk: str, script: str, *, port: int, path: str, cookie: str, duration: int, threads: int, connections: int
) -> dict:
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", "-s", script]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK_JSON "))
    result = json.loads(line.removeprefix("WRK_JSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(result[k] for k in ("status", "connect", "read", "write", "timeout"))
    return result


def _settle(port: int) -> None:
    """After a slow page, wait until the queue drained and the trivial view answers quickly again."""
    deadline = time.monotonic() + 60
    fast = 0
    while time.monotonic() < deadline and fast < 3:
        try:
            status, ms = _get(port, "/bench/trivial/", timeout=30)
            fast = fast + 1 if status == 200 and ms < 250 else 0
        except OSError:
            fast = 0
        time.sleep(0.2)


def _fixtures() -> tuple[list[tuple[str, str]], str]:
    """The pages to load (name, path), and a signed-in shopper's session cookie with a basket."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from oscar.core.loading import get_class, get_model

    from catalogue_ext.models import Category, District, GITag
    from catalogue_ext.selectors import products_buyable

    product = products_buyable().order_by("id")[100]
    category = Category.objects.filter(depth=2).order_by("path").first()
    district = District.objects.filter(slug="moradabad").first() or District.objects.order_by("id").first()
    pages = [
        ("product page", product.get_absolute_url()),
        ("/ (home)", "/"),
        ("/districts/", "/districts/"),
        ("/catalogue/", "/catalogue/"),
        ("a category page", category.get_absolute_url()),
        (f"/districts/{district.slug}/", f"/districts/{district.slug}/"),
    ]
    gi = GITag.objects.filter(slug="moradabad-metal-craft").first() or GITag.objects.order_by("slug").first()
    pages += [
        ("/states/up/", "/states/up/"),
        ("/crafts/metal-craft/ (a craft family)", "/crafts/metal-craft/"),
        ("/crafts/brassware/ (a craft)", "/crafts/brassware/"),
        ("/gi/", "/gi/"),
        (f"/gi/{gi.slug}/", gi.get_absolute_url()),
    ]
    pages += [
        ("/search/?q=brass&state=UP&district=moradabad", "/search/?q=brass&state=UP&district=moradabad"),
        ("/search/suggest/?q=bra", "/search/suggest/?q=bra"),
        ("/artisans/", "/artisans/"),
    ]

    User = get_user_model()
    Basket = get_model("basket", "Basket")
    Selector = get_class("partner.strategy", "Selector")
    user, _ = User.objects.get_or_create(username="bench-shopper", defaults={"email": "bench-shopper@odop.example"})
    basket, _ = Basket.open.get_or_create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    if not basket.num_lines:
        basket.add_product(product, 1)
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    return pages, cookie


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per run (default 10)")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--idle-runs", type=int, default=10)
    parser.add_argument("--skip-load", action="store_true", help="use the database as it is")
    parser.add_argument("--only", default="", help="comma-separated substrings of page names to run")
    parser.add_argument("--no-signed-in", action="store_true")
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database you can throw away (see the docstring).")
    wrk = _ensure_wrk()
    tmp = tempfile.mkdtemp(prefix="bench-serve-")
    media = Path(os.environ.get("MEDIA_ROOT", ROOT / "media"))
    base_env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media), "LOG_LEVEL": "WARNING"}
    if not args.skip_load:
        _prepare_data(base_env, products=args.products, seed=args.seed)

    servers = Servers({}, workers=args.workers, tmp=tmp)
    try:
        redis_url = servers.start_redis()
        env = {
            **base_env,
            "PYTHONPATH": f"{BENCH}{os.pathsep}{ROOT}",
            "DJANGO_SETTINGS_MODULE": "bench_settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-" + "k" * 60,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "SERVE_MEDIA": "0",
            "REDIS_URL": redis_url,
        }
        servers.env = env
        os.environ.update({k: v for k, v in env.items() if k != "PYTHONPATH"})
        sys.path[:0] = [str(BENCH), str(ROOT)]
        import django

        django.setup()
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
            cursor.execute("SELECT count(*) FROM catalogue_product")
            product_count = cursor.fetchone()[0]
        pages, cookie = _fixtures()
        connection.close()
        servers.start_worker()
        port = servers.start_gunicorn()

        script = Path(tmp) / "report.lua"
        script.write_text(WRK_REPORT)
        load = os.getloadavg()
        print(
            f"\n{product_count} products on PostgreSQL; gunicorn {args.workers} sync workers, DJANGO_DEBUG=0, "
            f"Redis cache; wrk -t{args.threads} -c{args.connections} -d{args.duration}s on loopback; "
            f"load average before: {load[0]:.1f} {load[1]:.1f}",
            flush=True,
        )
        runs = [("anonymous", "")] if args.no_signed_in else [("anonymous", ""), ("signed in, basket", cookie)]
        wanted = [w for w in args.only.split(",") if w]
        header = (
            f"{'page':<46} {'idle ms':>8} {'req/s':>8} {'p50':>6} {'p95':>6} {'p99':>6} {'errors':>6} "
            f"{'trivial req/s':>13} {'share':>6}"
        )
        rows = []
        for who, cookie_header in runs:
            print(f"\n{who}\n{header}", flush=True)
            for name, path in pages:
                if wanted and not any(w in name for w in wanted):
                    continue
                if who != "anonymous" and name.startswith(("/search/", "/artisans/")):
                    continue
                status, _ = _get(port, path, cookie_header)
                if status != 200:
                    print(f"{name:<46} skipped: HTTP {status}", flush=True)
                    continue
                idle = statistics.median(_get(port, path, cookie_header)[1] for _ in range(args.idle_runs))
                _settle(port)
                trivial = _wrk(
                    wrk,
                    str(script),
                    port=port,
                    path="/bench/trivial/",
                    cookie=cookie_header,
                    duration=args.duration,
                    threads=args.threads,
                    connections=args.connections,
                )
                page = _wrk(
                    wrk,
                    str(script),
                    port=port,
                    path=path,
                    cookie=cookie_header,
                    duration=args.duration,
                    threads=args.threads,
                    connections=args.connections,
                )
                _settle(port)
                share = page["rps"] / trivial["rps"] * 100 if trivial["rps"] else 0
                row = (
                    f"{name[:46]:<46} {idle:>8.1f} {page['rps']:>8.1f} {page['p50'] / 1000:>6.0f} "
                    f"{page['p95'] / 1000:>6.0f} {page['p99'] / 1000:>6.0f} {page['errors']:>6} "
                    f"{trivial['rps']:>13.1f} {share:>5.1f}%"
                )
                rows.append((who, row))
                print(row, flush=True)
        print("\n(latencies in ms; errors = non-2xx/3xx answers + socket errors + wrk timeouts (5 s))")
    finally:
        servers.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
