"""The engine chosen by settings: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise."""

from functools import lru_cache

from django.conf import settings

from search.engines.db import DatabaseEngine


def database_engine() -> DatabaseEngine:
    return DatabaseEngine()


@lru_cache(maxsize=4)
def _elasticsearch(url: str, alias: str, timeout: int):
    from search.engines.es import ElasticsearchEngine

    return ElasticsearchEngine(url=url, alias=alias, timeout=timeout)


def elasticsearch_engine():
    """The Elasticsearch engine, or None when no ELASTICSEARCH_URL is configured."""
    if not settings.ELASTICSEARCH_URL:
        return None
    return _elasticsearch(settings.ELASTICSEARCH_URL, settings.ELASTICSEARCH_INDEX, settings.ELASTICSEARCH_TIMEOUT)


def primary_engine():
    return elasticsearch_engine() or database_engine()
