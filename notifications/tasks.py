"""The outbox on the queue (shop/celery.py): `celery beat` drains it every NOTIFY_DRAIN_SECONDS and queues
reminders hourly, so `make serve` needs no cron; `notifications_drain --watch` still works without one."""

from celery import shared_task

from notifications.services import notifications_drain, notifications_remind


@shared_task(autoretry_for=(Exception,), retry_backoff=True, retry_kwargs={"max_retries": 3})
def notifications_drain_task() -> int:
    """Idempotent: rows are claimed with SKIP LOCKED and marked sent, so overlapping runs never send twice."""
    return notifications_drain().sent


@shared_task(autoretry_for=(Exception,), retry_backoff=True, retry_kwargs={"max_retries": 3})
def notifications_remind_task() -> int:
    """Idempotent: each reminder's key is unique per parcel or pickup day, so a re-run queues nothing new."""
    return notifications_remind()
