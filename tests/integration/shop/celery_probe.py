"""A task for the worker-killing test: records each start, works slowly, records its result once.

Loaded into a real worker with `--include tests.integration.shop.celery_probe`; the same pattern as the
shop's tasks: the result is written only if it is not there yet, so a re-run does not do it twice.
"""

import os
import time
from pathlib import Path

from celery import shared_task


@shared_task(name="probe.slow_once", acks_late=True, reject_on_worker_lost=True)
def slow_once(*, folder: str, key: str, seconds: float) -> None:
    base = Path(folder)
    with open(base / "started.log", "a") as log:
        log.write(f"{os.getpid()}\n")
    time.sleep(seconds)
    done = base / f"{key}.done"
    try:
        with open(done, "x") as out:  # exclusive create: the first finisher writes, a repeat does nothing
            out.write("done\n")
    except FileExistsError:
        return
    with open(base / "effects.log", "a") as log:
        log.write(f"{key}\n")
