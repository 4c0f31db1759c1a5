"""Catalogue work on the queue (shop/celery.py); eager in the demo and the tests."""

from celery import shared_task
from django.contrib.auth import get_user_model
from oscar.core.loading import get_class

from catalogue_ext.models import Product

receive_product_view = get_class("analytics.receivers", "receive_product_view")


@shared_task(autoretry_for=(Exception,), retry_backoff=True, retry_kwargs={"max_retries": 3})
def product_view_record_task(*, product_id: int, user_id: int | None = None) -> None:
    """Oscar's view counters for one product page view (its analytics receiver, with the same rows).

    Counted here rather than in the request: every view of a product updates the same counter row, and
    under load those updates queued behind each other's locks (a product page served from the cache
    still ran at a tenth of the trivial view). A retry may count a view twice; counts are statistics."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    receive_product_view(sender=None, product=Product(pk=product_id), user=user)
