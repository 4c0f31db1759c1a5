"""The shop's Celery app: `celery -A shop worker` / `celery -A shop beat` (make serve starts both).

Settings are the CELERY_* ones in shop/settings.py. Without a broker (CELERY_BROKER_URL / REDIS_URL
unset) every task runs at once in the calling process, so the demo and the tests need no worker.
Tasks live in each app's `tasks.py`; they are thin wrappers around services, idempotent (running one
twice leaves the same result), acknowledged only when done (a worker killed mid-task hands it back to
the queue) and retried with backoff on the errors a retry can fix.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

app = Celery("shop")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
