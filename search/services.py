"""Writes to the search index, and the one way to say that the catalogue changed (`catalogue_changed`)."""

import logging
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from django.db import transaction

from catalogue_ext.selectors import products_buyable
from catalogue_ext.services import catalogue_version_bump
from search.documents import ProductDocument, documents_build
from search.engines import database_engine, elasticsearch_engine
from search.engines.base import EngineUnavailable, RebuildIncomplete

logger = logging.getLogger(__name__)
BATCH = 2000


def catalogue_changed(*, product_ids: Collection[int]) -> None:
    """Call from every write that changes what a shopper sees of products: listing, price, stock,
    artisan status, names. Once the transaction commits, the catalogue gets a new version (so no page
    shows the old price or an unbuyable product) and the products are re-indexed for search (on the
    queue when there is one; the version moves again when the index has caught up)."""
    ids = sorted({int(pid) for pid in product_ids})

    def after_commit():
        catalogue_version_bump()
        if ids:
            from search.tasks import search_index_products_task

            search_index_products_task.delay(product_ids=ids)

    transaction.on_commit(after_commit)


def search_index_products(*, product_ids: Collection[int]) -> None:
    """Re-read the products: index those that are buyable, drop the rest from every engine's index."""
    ids = sorted({int(pid) for pid in product_ids})
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        documents = documents_build(product_ids=chunk)
        database_engine().write(documents, product_ids=chunk)
        engine = elasticsearch_engine()
        if engine is not None:
            try:
                engine.write(documents, product_ids=chunk)
            except EngineUnavailable as exc:
                logger.warning("Elasticsearch was not updated; run `search_index --rebuild` once it is back: %s", exc)
    # Search results are cached per catalogue version: the index changed, so the version moves.
    catalogue_version_bump()


@dataclass(frozen=True)
class RebuildCounts:
    indexed: int
    removed: int
    # Why the Elasticsearch index was not rebuilt ("" when it was, or when none is configured).
    elasticsearch_error: str = ""
    elasticsearch_failures: int = 0


def _batches(ids: list[int], progress: Callable[[int, int], None]) -> Iterator[tuple[list[int], list[ProductDocument]]]:
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        yield chunk, documents_build(product_ids=chunk)
        progress(min(start + BATCH, len(ids)), len(ids))


def search_index_rebuild(*, progress: Callable[[int, int], None] = lambda done, total: None) -> RebuildCounts:  # noqa: C901  (issue 18 code landed alongside the linter; to split)
    """Index every buyable product again, batch by batch; stopping half-way and re-running is safe.

    The database index is updated in place (its rows are replaced per batch, then rows of products
    no longer buyable go). Elasticsearch, when configured, gets a fresh index filled from the same
    batches as they are read; its alias moves there only if every product went in. When it cannot,
    the database index is still rebuilt and `elasticsearch_error` says why (the command then fails).
    """
    ids = list(products_buyable().order_by("id").values_list("id", flat=True))
    db = database_engine()
    es = elasticsearch_engine()
    es_error = ""
    rebuild = None
    if es is not None:
        try:
            rebuild = es.rebuild_start()
        except EngineUnavailable as exc:
            es_error = str(exc)
    indexed = 0
    for chunk, documents in _batches(ids, progress):
        db.write(documents, product_ids=chunk)
        indexed += len(documents)
        if rebuild is not None and not es_error:
            try:
                rebuild.add(documents)
            except EngineUnavailable as exc:
                es_error = str(exc)
    removed = db.prune(keep=products_buyable().values("id"))
    failures = 0
    if rebuild is not None:
        if es_error:
            rebuild.abort()
        else:
            try:
                rebuild.finish()
            except RebuildIncomplete as exc:
                es_error, failures = str(exc), exc.failures
            except EngineUnavailable as exc:
                rebuild.abort()
                es_error = str(exc)
    if es_error:
        logger.error("The Elasticsearch index was not rebuilt (searches use the database until it is): %s", es_error)
    catalogue_version_bump()
    return RebuildCounts(
        indexed=indexed, removed=removed, elasticsearch_error=es_error, elasticsearch_failures=failures
    )
