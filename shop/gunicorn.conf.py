"""gunicorn's configuration for `make serve` (and bench/bench_serve.py): `gunicorn -c shop/gunicorn.conf.py shop.wsgi`.

Workers and address come from the shop's settings (SERVE_WORKERS, SERVE_BIND); each request is logged
by the shop itself (shop/logs.py, JSON with its request id), so gunicorn's access log stays off.
"""

import logging
import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

from django.conf import settings  # noqa: E402  (after the settings module is chosen)

bind = settings.SERVE_BIND
workers = settings.SERVE_WORKERS
worker_class = "sync"
timeout = 30
graceful_timeout = 20
# Django is loaded in each worker, after the fork: a worker that dies takes nothing shared with it.
preload_app = False
accesslog = None


def when_ready(server):
    log = logging.getLogger("gunicorn.error")
    if not settings.REDIS_URL:
        log.warning(
            "REDIS_URL is not set: the cache lives in the database table django_cache and sessions in the "
            "database. Set REDIS_URL=redis://host:6379/0 for a real shop."
        )
    if settings.CELERY_TASK_ALWAYS_EAGER:
        log.warning("No Celery broker (CELERY_BROKER_URL / REDIS_URL): background work runs inside requests.")
