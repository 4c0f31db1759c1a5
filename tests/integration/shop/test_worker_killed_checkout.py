"""A gunicorn worker killed in the middle of placing an order: nothing is half-placed, no stock is lost,
and the shopper's retry places the order exactly once; killed just after the order committed, the
retry places nothing twice. Own PostgreSQL cluster and gunicorn on spare ports."""

import json
import os
import secrets
import signal
import subprocess
import threading
import urllib.parse
from pathlib import Path

import psycopg
import pytest

from tests.integration.shop.servers import (
    BIN,
    ROOT,
    Gunicorn,
    Postgres,
    get,
    manage,
    postgres_available,
    serve_env,
    wait_for,
)

pytestmark = pytest.mark.skipif(not postgres_available(), reason="initdb/pg_ctl (PostgreSQL server) are not installed")


@pytest.fixture
def checkout(tmp_path):
    """The shop on its own PostgreSQL, and a guest at the last step of a COD checkout."""
    postgres = Postgres()
    postgres.start()
    server = None
    try:
        env = serve_env(DATABASE_URL=postgres.url, PAUSE_DIR=str(tmp_path))
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "createcachetable")
        setup = subprocess.run(
            [str(BIN / "python"), "-m", "tests.integration.shop.checkout_setup"],
            cwd=ROOT,
            env={**env, "DJANGO_DEBUG": "1", "DJANGO_ALLOWED_HOSTS": "testserver"},
            capture_output=True,
            text=True,
        )
        assert setup.returncode == 0, setup.stderr[-3000:]
        shopper = json.loads(setup.stdout.strip().splitlines()[-1])
        server = Gunicorn(env, tmp_path, workers=2, config=Path(__file__).with_name("gunicorn_slow_checkout.py"))
        yield postgres, server, shopper, tmp_path
    finally:
        if server:
            server.stop()
        postgres.remove()


def _place_order(server, shopper) -> tuple[int, str]:
    token = secrets.token_hex(16)  # a CSRF secret of our own, as cookie and field
    cookies = {**shopper["cookies"], "csrftoken": token}
    body = urllib.parse.urlencode(
        {"action": "place_order", "basket_fingerprint": shopper["fingerprint"], "csrfmiddlewaretoken": token}
    ).encode()
    headers = {
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
        "Content-Type": "application/x-www-form-urlencoded",
    }
    return get(server.url("/checkout/preview/"), headers=headers, data=body, timeout=90)


def _state(postgres, shopper) -> tuple[int, int, int]:
    with psycopg.connect(postgres.url) as conn:
        orders = conn.execute("SELECT count(*) FROM order_order").fetchone()[0]
        lines = conn.execute("SELECT coalesce(sum(quantity), 0) FROM order_line").fetchone()[0]
        allocated = conn.execute(
            "SELECT num_allocated FROM partner_stockrecord WHERE id = %s", [shopper["stockrecord"]]
        ).fetchone()[0]
    return orders, lines, allocated


def _kill_during(server, shopper, folder: Path, pause: str) -> int:
    """Place the order, and kill the worker that handles it while it is paused at `pause`."""
    (folder / pause).touch()
    answers = []
    attempt = threading.Thread(target=lambda: answers.append(_try(lambda: _place_order(server, shopper))), daemon=True)
    attempt.start()
    paused = folder / f"{pause}.pid"
    assert wait_for(lambda: paused.exists() and paused.read_text(), 60), server.log.read_text()
    pid = int(paused.read_text())
    os.kill(pid, signal.SIGKILL)
    attempt.join(timeout=60)
    assert answers and answers[0][0] != 302  # the shopper saw no confirmation
    return pid


def _try(call):
    try:
        return call()
    except OSError as error:  # the connection dropped with the worker
        return (-1, str(error))


def test_a_worker_killed_mid_placement_places_nothing_and_the_retry_places_the_order_once(checkout):
    postgres, server, shopper, folder = checkout
    # When the worker placing the order dies inside the placement (order and payment rows written)
    killed = _kill_during(server, shopper, folder, "inside")
    # Then nothing of it was kept: no order, no line, the stock is as it was
    assert _state(postgres, shopper) == (0, 0, 0)
    # And gunicorn replaced the worker; the shopper's retry places the order, once
    assert wait_for(lambda: killed not in server.workers() and len(server.workers()) == 2, 30)
    status, _ = _place_order(server, shopper)
    assert status == 302
    assert _state(postgres, shopper) == (1, 1, 1)
    # A second retry (a double tap) places nothing more
    _place_order(server, shopper)
    assert _state(postgres, shopper) == (1, 1, 1)


def test_a_worker_killed_after_the_order_committed_leaves_one_order_and_the_retry_adds_none(checkout):
    postgres, server, shopper, folder = checkout
    _kill_during(server, shopper, folder, "after")
    # The order was placed and its stock allocated once, though the shopper saw no answer
    assert _state(postgres, shopper) == (1, 1, 1)
    # Their retry does not place it again
    status, _ = _place_order(server, shopper)
    assert status in (200, 302)
    assert _state(postgres, shopper) == (1, 1, 1)
    assert get(server.url("/healthz"))[0] == 200
