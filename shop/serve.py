"""`make serve`: gunicorn, and beside it a Celery worker and the beat scheduler when a broker is set.

Runs until interrupted (Ctrl-C or SIGTERM), then stops all three; if one of them dies the others are
stopped too, so a supervisor (systemd, a container runtime) sees the failure and restarts the lot.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def commands(*, with_queue: bool) -> dict[str, list[str]]:
    result = {
        "web": [str(BIN / "gunicorn"), "--config", str(ROOT / "shop" / "gunicorn.conf.py"), "shop.wsgi:application"]
    }
    if with_queue:
        result["worker"] = [str(BIN / "celery"), "-A", "shop", "worker", "--loglevel", "INFO", "--concurrency", "2"]
        result["beat"] = [
            str(BIN / "celery"),
            "-A",
            "shop",
            "beat",
            "--loglevel",
            "INFO",
            "--schedule",
            str(ROOT / ".celerybeat-schedule"),
        ]
    return result


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
    import django

    django.setup()
    from django.conf import settings

    procs = {
        name: subprocess.Popen(cmd, cwd=ROOT)
        for name, cmd in commands(with_queue=not settings.CELERY_TASK_ALWAYS_EAGER).items()
    }
    print(
        f"make serve: {', '.join(f'{name} (pid {p.pid})' for name, p in procs.items())}; bind {settings.SERVE_BIND}",
        flush=True,
    )
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    code = 0
    while not stopping:
        for name, proc in procs.items():
            if proc.poll() is not None:
                print(f"make serve: {name} exited with {proc.returncode}; stopping the others", flush=True)
                code, stopping = proc.returncode or 1, True
        time.sleep(0.5)
    for proc in procs.values():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc in procs.values():
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
    return code


if __name__ == "__main__":
    sys.exit(main())
