"""gunicorn config for the worker-killed-mid-checkout test: the shop's own (shop/gunicorn.conf.py), plus
a pause the test can ask for, so it knows when to kill the worker. `PAUSE_DIR/inside` (a file the test
creates) pauses the next placement inside its transaction, after the order and its payment rows are
written; `PAUSE_DIR/after` pauses right after the transaction committed, before the answer is sent.
Each pause happens once and writes the worker's pid to `PAUSE_DIR/<name>.pid`."""

import os
import time
from pathlib import Path

_shop_conf = Path(__file__).resolve().parents[3] / "shop" / "gunicorn.conf.py"
exec(compile(_shop_conf.read_text(), str(_shop_conf), "exec"))  # noqa: S102  (the shop's settings, then ours)


def _pause(name: str) -> None:
    folder = Path(os.environ["PAUSE_DIR"])
    ask = folder / name
    if ask.exists():
        ask.unlink()
        (folder / f"{name}.pid").write_text(str(os.getpid()))
        time.sleep(60)


def post_worker_init(worker):
    from checkout_ext import services, views

    record_payment, placed_response = services._record_payment, views.order_placed_response

    def record_then_pause(**kwargs):
        record_payment(**kwargs)
        _pause("inside")

    def pause_then_respond(*args, **kwargs):
        _pause("after")
        return placed_response(*args, **kwargs)

    services._record_payment = record_then_pause
    views.order_placed_response = pause_then_respond
