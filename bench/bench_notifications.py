"""Time draining the notification outbox: N queued messages (default 10,000) through the console SMS
backend, by one drainer or several at once (--drainers, separate processes), checking none is sent twice.

Target: 10,000 messages in under 10 s on PostgreSQL with one drainer.

Run by hand against a database you can throw away, e.g. PostgreSQL:

    createdb -h 127.0.0.1 -U postgres odop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_bench .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_bench .venv/bin/python bench/bench_notifications.py --messages 10000

The console backend writes each SMS to standard output; the benchmark sends that to /dev/null so the
figure is the outbox's own cost (claim, send, record), not the terminal's. Each run queues its own
messages (keys carry the run's time stamp), so re-running is safe.
"""

import argparse
import contextlib
import multiprocessing
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from notifications.models import PENDING, SENT, Notification  # noqa: E402
from notifications.services import notifications_drain  # noqa: E402


def queue(*, count: int, run: str) -> None:
    now = timezone.now()
    rows = [
        Notification(
            event="order_new",
            channel="sms",
            address=f"94{i % 10**8:08d}",
            language="hi" if i % 2 else "en",
            subject="New order",
            body=f"New order {run}-{i}: 1 × Engraved Brass Flower Vase. Please accept it by 5 Dec, 18:00.",
            variables=[["order", f"{run}-{i}"]],
            idempotency_key=f"bench:{run}:{i}:sms",
            next_attempt_at=now,
        )
        for i in range(count)
    ]
    Notification.objects.bulk_create(rows, batch_size=2000)


def drain_quietly(batch_size: int) -> tuple[int, float]:
    connections.close_all()
    settings.SMS_BACKEND = "console"
    started = time.perf_counter()
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        result = notifications_drain(batch_size=batch_size)
    return result.sent, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--drainers", type=int, default=1)
    args = parser.parse_args()
    run = timezone.now().strftime("%Y%m%d%H%M%S")
    left_over = Notification.objects.filter(status=PENDING).count()
    if left_over:
        print(f"{left_over} messages were already waiting; they are drained first, outside the timing.")
        drain_quietly(args.batch_size)
    started = time.perf_counter()
    queue(count=args.messages, run=run)
    print(f"queued {args.messages} messages in {time.perf_counter() - started:.2f} s ({connection.vendor})")
    started = time.perf_counter()
    if args.drainers == 1:
        sent, _elapsed = drain_quietly(args.batch_size)
        per = [sent]
    else:
        connections.close_all()  # each drainer process opens its own connection
        with multiprocessing.get_context("fork").Pool(args.drainers) as pool:
            per = [sent for sent, _elapsed in pool.map(drain_quietly, [args.batch_size] * args.drainers)]
    elapsed = time.perf_counter() - started
    mine = Notification.objects.filter(idempotency_key__startswith=f"bench:{run}:")
    delivered = mine.filter(status=SENT).count()
    print(
        f"drained {sum(per)} messages with {args.drainers} drainer(s) {per} in {elapsed:.2f} s "
        f"({sum(per) / elapsed:,.0f} msg/s); target 10,000 in 10 s"
    )
    print(f"sent rows {delivered}/{args.messages}; attempts > 1: {mine.filter(attempts__gt=1).count()}")
    if delivered != args.messages or sum(per) != args.messages:
        raise SystemExit("Some messages were not sent exactly once.")


if __name__ == "__main__":
    main()
