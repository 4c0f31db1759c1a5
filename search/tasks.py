"""Search indexing on the queue (shop/celery.py); eager in the demo and the tests."""

from celery import shared_task

from search import services


@shared_task(bind=True, autoretry_for=(Exception,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def search_index_products_task(self, *, product_ids: list[int]) -> None:
    """Idempotent: it re-reads the products and writes what they are now, however often it runs."""
    services.search_index_products(product_ids=product_ids)
