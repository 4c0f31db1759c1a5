"""Fulfilment's background work on the queue (shop/celery.py); `celery beat` runs the NDR expiry hourly."""

from celery import shared_task

from fulfilment.shipments.services import shipments_ndr_expire


@shared_task(autoretry_for=(Exception,), retry_backoff=True, retry_kwargs={"max_retries": 3})
def fulfilment_ndr_expire_task() -> int:
    """Idempotent: a failed delivery handled once is not due any more, so a second run does nothing."""
    return shipments_ndr_expire(progress=False, log=None)
