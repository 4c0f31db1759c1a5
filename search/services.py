"""Writes to the search index. Other apps call `search_index_products` after their transaction commits."""

import logging
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from catalogue_ext.selectors import products_buyable
from search.documents import ProductDocument, documents_build
from search.engines import database_engine, elasticsearch_engine
from search.engines.base import EngineUnavailable

logger = logging.getLogger(__name__)
BATCH = 2000


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
                logger.warning("Elasticsearch is unreachable; run `search_index --rebuild` once it is back: %s", exc)


@dataclass(frozen=True)
class RebuildCounts:
    indexed: int
    removed: int


def _batches(ids: list[int], progress: Callable[[int, int], None]) -> Iterator[list[ProductDocument]]:
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        yield chunk, documents_build(product_ids=chunk)
        progress(min(start + BATCH, len(ids)), len(ids))


def search_index_rebuild(*, progress: Callable[[int, int], None] = lambda done, total: None) -> RebuildCounts:
    """Index every buyable product again, batch by batch; stopping half-way and re-running is safe.

    The database index is updated in place (its rows are replaced per batch, then rows of products
    no longer buyable go); Elasticsearch gets a fresh index that the alias moves to at the end.
    """
    ids = list(products_buyable().order_by("id").values_list("id", flat=True))
    db = database_engine()
    es = elasticsearch_engine()
    indexed = 0
    es_batches: list[list[ProductDocument]] | None = [] if es is not None else None
    for chunk, documents in _batches(ids, progress):
        db.write(documents, product_ids=chunk)
        indexed += len(documents)
        if es_batches is not None:
            es_batches.append(documents)
    removed = db.prune(keep=products_buyable().values("id"))
    if es is not None:
        try:
            es.rebuild(es_batches)
        except EngineUnavailable as exc:
            logger.warning("Elasticsearch is unreachable; its index was not rebuilt: %s", exc)
    return RebuildCounts(indexed=indexed, removed=removed)
