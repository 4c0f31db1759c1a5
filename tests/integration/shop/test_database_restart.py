"""PostgreSQL restarted under load: shoppers get the "back in a moment" page (503) while it is away,
then pages again as soon as it is back, from the same gunicorn and the same workers (no restart).

Starts its own PostgreSQL cluster (initdb) and gunicorn on spare loopback ports; the cache is the
database one (`make serve` without REDIS_URL), so every request needs the database."""

import threading
import time

import pytest

from tests.integration.shop.servers import Gunicorn, Postgres, get, manage, postgres_available, serve_env, wait_for

pytestmark = pytest.mark.skipif(not postgres_available(), reason="initdb/pg_ctl (PostgreSQL server) are not installed")

BACK_SOON = "The shop will be back in a moment"


@pytest.fixture
def shop_on_own_postgres(tmp_path):
    postgres = Postgres()
    postgres.start()
    server = None
    try:
        env = serve_env(DATABASE_URL=postgres.url)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "createcachetable")
        server = Gunicorn(env, tmp_path, workers=2)
        yield postgres, server
    finally:
        if server:
            server.stop()
        postgres.remove()


class Load:
    """Shoppers asking for the home page, three at a time, each answer kept with its time."""

    def __init__(self, url: str) -> None:
        self.url, self.answers, self._stop = url, [], threading.Event()
        self._threads = [threading.Thread(target=self._run, daemon=True) for _ in range(3)]

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                status, body = get(self.url, timeout=15)
            except OSError as error:  # gunicorn itself not answering: what must never happen
                status, body = -1, str(error)
            self.answers.append((time.monotonic(), status, body))

    def since(self, moment: float) -> list[tuple[float, int, str]]:
        return [answer for answer in list(self.answers) if answer[0] > moment]

    def __enter__(self):
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=30)


def test_a_database_restart_under_load_gives_brief_503_pages_then_recovers_without_restarting_gunicorn(
    shop_on_own_postgres,
):
    postgres, server = shop_on_own_postgres
    assert get(server.url("/"))[0] == 200
    workers = server.workers()
    with Load(server.url("/")) as load:
        # Given shoppers are being served
        assert wait_for(lambda: sum(status == 200 for _, status, _ in load.answers) >= 10, 30)
        # When PostgreSQL goes away...
        postgres.stop()
        down = time.monotonic()
        assert wait_for(lambda: any(status == 503 for _, status, _ in load.since(down)), 30), server.log.read_text()
        time.sleep(1)
        # ...and comes back
        postgres.start()
        up = time.monotonic()
        assert wait_for(lambda: any(status == 200 for _, status, _ in load.since(up)), 30), server.log.read_text()
        recovered = min(moment for moment, status, _ in load.since(up) if status == 200)
        time.sleep(2)
    answers = load.answers
    # Then every answer was a page or the "back in a moment" page, never a traceback or a dropped connection
    assert {status for _, status, _ in answers} <= {200, 503}, {status for _, status, _ in answers}
    unavailable = [body for _, status, body in answers if status == 503]
    assert unavailable and all(BACK_SOON in body and "Traceback" not in body for body in unavailable)
    # and once one page came back, every later one did, from the same gunicorn workers
    assert all(status == 200 for moment, status, _ in answers if moment > recovered + 0.5)
    assert server.proc.poll() is None and server.workers() == workers
    assert recovered - up < 10
