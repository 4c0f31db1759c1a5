"""The engine chosen by settings: Elasticsearch when ELASTICSEARCH_URL is set, the database otherwise."""

from functools import lru_cache

from django.conf import settings

from search.engines.db import DatabaseEngine


def database_engine() -> DatabaseEngine:
    return DatabaseEngine()


@lru_cache(maxsize=4)
def _elasticsearch(config):
    from search.engines.es import ElasticsearchEngine

    return ElasticsearchEngine(config)


def elasticsearch_config():
    """The connection settings, or None when no ELASTICSEARCH_URL is configured."""
    if not settings.ELASTICSEARCH_URL:
        return None
    from search.engines.es import ElasticsearchConfig

    return ElasticsearchConfig(
        url=settings.ELASTICSEARCH_URL,
        alias=settings.ELASTICSEARCH_INDEX,
        timeout=settings.ELASTICSEARCH_TIMEOUT,
        admin_timeout=getattr(settings, "ELASTICSEARCH_ADMIN_TIMEOUT", 120),
        ca_certs=getattr(settings, "ELASTICSEARCH_CA_CERTS", ""),
        api_key=getattr(settings, "ELASTICSEARCH_API_KEY", ""),
        username=getattr(settings, "ELASTICSEARCH_USERNAME", ""),
        password=getattr(settings, "ELASTICSEARCH_PASSWORD", ""),
        replicas=getattr(settings, "ELASTICSEARCH_REPLICAS", 0),
    )


def elasticsearch_engine():
    """The Elasticsearch engine, or None when no ELASTICSEARCH_URL is configured.

    Building it never touches the network nor the client: the client is built on first use,
    inside the engine's guard, so a bad setting falls back to the database instead of a 500.
    """
    config = elasticsearch_config()
    return _elasticsearch(config) if config is not None else None


def primary_engine():
    return elasticsearch_engine() or database_engine()
