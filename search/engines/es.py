"""The Elasticsearch engine (elasticsearch-py 8 + elasticsearch-dsl), used when ELASTICSEARCH_URL is set.

It answers exactly what the database engine answers:
- the same words: each document carries our tokeniser's output (`search.text.words`, tags stripped)
  in whitespace-analysed fields, and a query asks for the same word groups as the database engine
  (each query word, its one-typo neighbours from the shared vocabulary, their synonyms; every group
  required), so stemming, fuzziness and analysers cannot make the engines disagree;
- facets by the disjunctive rule with `post_filter`, each terms aggregation sized from its reference
  table so no value is ever cut off;
- the same orderings with a unique final key (product id) and products without a price last;
- suggestions by word prefix over the normalised title words, newest first.

Safety with a real cluster:
- every write names the alias with `require_alias`, so a write before the first rebuild can never
  auto-create an index with a dynamic mapping (it is skipped with a warning instead);
- a rebuild fills a uniquely named index created with the explicit mapping, switches the alias in one
  atomic `_aliases` call only when every document was indexed (also replacing a concrete index that
  holds the alias's name), and removes half-built indices left by earlier runs; writes made while it
  runs also go to the new index through a second alias (`<alias>-next`), so nothing is lost at the switch;
- searches use the short timeout; bulk and admin calls their own long one, bulk retries 429s with backoff;
- every failure (connection, timeout, TLS, any HTTP error) becomes `EngineUnavailable`, and the caller
  falls back to the database engine; a 400 is logged as our bug, with Elasticsearch's reason.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import elastic_transport
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.helpers import streaming_bulk
from elasticsearch_dsl import A, Boolean, Date, Document, Keyword, Long, Q, ScaledFloat, Search, Text

from catalogue_ext.models import Craft, District, GITag, State
from search.documents import ProductDocument
from search.engines.base import EngineResult, EngineUnavailable, FacetCount, RebuildIncomplete
from search.query import FACETS, PRICE_BANDS, SearchRequest, page_last

logger = logging.getLogger(__name__)

TITLE_WEIGHT = 3
TEXT_FIELDS = [f"title_words^{TITLE_WEIGHT}", "body_words"]
FACET_FIELDS = {"state": "state", "district": "district", "craft": "craft", "gi": "gi", "artisan": "artisan"}
BULK_CHUNK = 500
BULK_RETRIES = 6
BULK_INITIAL_BACKOFF = 1.0
BULK_MAX_BACKOFF = 30.0
# A write runs in a request's after-commit hook: a short retry budget (0.5 + 1 + 2 s), not a rebuild's.
WRITE_RETRIES = 3
WRITE_INITIAL_BACKOFF = 0.5
# Elasticsearch refuses more buckets than this in one response (search.max_buckets).
MAX_FACET_SIZE = 10_000
BUILDING_SUFFIX = "-next"
# The elastic_transport node class (None: its default, urllib3); tests put an HTTP-level stub here.
NODE_CLASS = None


@dataclass(frozen=True)
class ElasticsearchConfig:
    """Everything needed to reach the cluster; read from settings by `search.engines`."""

    url: str
    alias: str
    timeout: float = 2
    admin_timeout: float = 120
    ca_certs: str = ""
    api_key: str = ""
    username: str = ""
    password: str = ""
    replicas: int = 0


class ProductIndexDocument(Document):
    """The explicit mapping: our own words in whitespace-analysed fields, keywords for facets."""

    title = Keyword(index=False)
    title_words = Text(analyzer="whitespace")
    body_words = Text(analyzer="whitespace")
    product_id = Long()
    state = Keyword()
    district = Keyword()
    craft = Keyword()
    craft_family = Keyword()
    gi = Keyword()
    artisan = Keyword()
    price = ScaledFloat(scaling_factor=100)
    in_stock = Boolean()
    date_created = Date()
    # A product removed while a rebuild runs: dropped from the new index before it goes live.
    removed = Boolean()


def index_mapping() -> dict:
    """The explicit mapping every new index is created with; unknown fields are refused, never guessed."""
    return {**ProductIndexDocument._doc_type.mapping.to_dict(), "dynamic": "strict"}


def document_source(document: ProductDocument) -> dict:
    return {
        "title": document.title,
        "title_words": " ".join(document.title_terms),
        "body_words": " ".join(document.body_terms),
        "product_id": document.product_id,
        "state": document.state_code,
        "district": document.district_slug,
        "craft": document.craft_slug,
        "craft_family": document.family_slug,
        "gi": document.gi_slug or None,
        "artisan": document.artisan_code or None,
        "price": float(document.price) if document.price is not None else None,
        "in_stock": document.in_stock,
        "date_created": document.date_created.isoformat(),
    }


def _facet_query(name: str, values: tuple[str, ...]) -> Q:
    if name == "state":
        return Q("terms", state=[v.upper() for v in values])
    if name == "craft":
        # A craft family selects all of its crafts.
        return Q(
            "bool",
            should=[Q("terms", craft=list(values)), Q("terms", craft_family=list(values))],
            minimum_should_match=1,
        )
    return Q("terms", **{FACET_FIELDS[name]: list(values)})


def _price_query(request: SearchRequest) -> Q | None:
    bounds = {}
    if request.price_min is not None:
        bounds["gte"] = float(request.price_min)
    if request.price_max is not None:
        bounds["lte"] = float(request.price_max)
    return Q("range", price=bounds) if bounds else None


def _filters(request: SearchRequest, *, without: str | None = None) -> list[Q]:
    queries = [_facet_query(name, values) for name, values in request.filters.items() if name != without]
    price = _price_query(request) if without != "price" else None
    return queries + ([price] if price else [])


def text_query(groups: list[set[str]]) -> Q:
    """Every group must match: any of its words (already normalised) in the title or the rest."""
    musts = [Q("multi_match", query=" ".join(sorted(group)), fields=TEXT_FIELDS, operator="or") for group in groups]
    return Q("bool", must=musts) if musts else Q("match_all")


_LAST = [{"date_created": {"order": "desc"}}, {"product_id": {"order": "desc"}}]
SORTS = {
    "relevance": ["_score", *_LAST],
    "price_asc": [{"price": {"order": "asc", "missing": "_last"}}, *_LAST],
    "price_desc": [{"price": {"order": "desc", "missing": "_last"}}, *_LAST],
    "newest": _LAST,
}
_LIVE = Q("bool", must_not=[Q("term", removed=True)])


def facet_sizes() -> dict[str, int]:
    """Each facet's terms size: every value its reference table can hold, so none is ever cut off."""
    from oscar.core.loading import get_model

    counts = {
        "state": State.objects.count(),
        "district": District.objects.count(),
        "craft": Craft.objects.count(),
        "gi": GITag.objects.count(),
        "artisan": get_model("partner", "Partner").objects.count(),
    }
    return {name: max(1, min(count, MAX_FACET_SIZE)) for name, count in counts.items()}


def search_body(
    request: SearchRequest, *, page: int, groups: list[set[str]] | None = None, sizes: dict[str, int] | None = None
) -> dict:
    """The request sent to Elasticsearch for one results page with its facets."""
    if groups is None:
        from search.engines.db import word_groups

        groups = word_groups(request.words)
    sizes = sizes or facet_sizes()
    base = [_LIVE] + ([Q("term", in_stock=True)] if request.in_stock else [])
    search = Search().query(Q("bool", must=[text_query(groups)], filter=base))
    post = _filters(request)
    if post:
        search = search.post_filter(Q("bool", filter=post))
    for name in FACETS:
        others = _filters(request, without=name)
        agg = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        agg.bucket(
            "values", "terms", field=FACET_FIELDS[name], size=sizes[name], order=[{"_count": "desc"}, {"_key": "asc"}]
        )
        search.aggs.bucket(name, agg)
    others = _filters(request, without="price")
    price_agg = A("filter", Q("bool", filter=others) if others else Q("match_all"))
    price_agg.bucket(
        "bands",
        "range",
        field="price",
        keyed=True,
        ranges=[
            {
                "key": key,
                **({"from": float(low)} if low is not None else {}),
                **({"to": float(high)} if high is not None else {}),
            }
            for key, low, high in PRICE_BANDS
        ],
    )
    search.aggs.bucket("price", price_agg)
    sort = SORTS["newest"] if request.sort == "relevance" and not groups else SORTS[request.sort]
    start = (page - 1) * request.per_page
    search = search.sort(*sort).extra(track_total_hits=True, from_=start, size=request.per_page).source(["in_stock"])
    return search.to_dict()


def suggest_body(*, words: list[str], limit: int) -> dict:
    """Products whose title has a word starting with the last word typed (and the other words whole)."""
    *whole, prefix = words
    filters = [_LIVE, Q("prefix", title_words=prefix)] + [Q("term", title_words=word) for word in whole]
    search = Search().query(Q("bool", filter=filters)).sort(*SORTS["newest"]).extra(size=limit, track_total_hits=False)
    return search.source(["title"]).to_dict()


_LABEL_MODELS = {
    "state": (State, "code"),
    "district": (District, "slug"),
    "craft": (Craft, "slug"),
    "gi": (GITag, "slug"),
}


def _labels(name: str, keys: list[str]) -> dict[str, tuple[str, str]]:
    if not keys:
        return {}
    if name == "artisan":
        from oscar.core.loading import get_model

        partners = get_model("partner", "Partner").objects.filter(code__in=keys)
        return {p.code: (p.name, "") for p in partners}
    model, field = _LABEL_MODELS[name]
    return {getattr(obj, field): (obj.name, obj.name_hi) for obj in model.objects.filter(**{f"{field}__in": keys})}


def _error_reason(exc: ApiError) -> str:
    """Elasticsearch's own words for an HTTP error: `type: reason` of the error (or its first root cause)."""
    body = exc.body if isinstance(exc.body, dict) else {}
    error = body.get("error")
    if isinstance(error, dict):
        causes = error.get("root_cause") or []
        cause = causes[0] if causes and isinstance(causes[0], dict) else error
        return f"{cause.get('type', error.get('type', ''))}: {cause.get('reason', error.get('reason', ''))}".strip(": ")
    return str(error or exc.message or exc)


def unavailable(exc: Exception, *, doing: str) -> EngineUnavailable:
    """The failure as EngineUnavailable, logged by what it means to whoever must act on it."""
    if isinstance(exc, ApiError):
        status, reason = exc.status_code, _error_reason(exc)
        if status == 400:
            logger.error("Elasticsearch refused our %s as malformed (a bug in search/engines/es.py): %s", doing, reason)
        elif status in (401, 403):
            logger.error(
                "Elasticsearch refused our credentials for %s (check ELASTICSEARCH_API_KEY/USERNAME): %s", doing, reason
            )
        elif status == 404:
            logger.warning("Elasticsearch has no index for %s (run `search_index --rebuild`): %s", doing, reason)
        else:
            logger.warning("Elasticsearch could not serve %s (HTTP %s): %s", doing, status, reason)
        return EngineUnavailable(f"HTTP {status} {reason}")
    detail = f"{type(exc).__name__}: {getattr(exc, 'message', exc)}"
    if isinstance(exc, elastic_transport.TlsError):
        logger.error("TLS to Elasticsearch failed for %s (check ELASTICSEARCH_CA_CERTS): %s", doing, detail)
        return EngineUnavailable(f"TLS failed: {detail}")
    logger.warning("Elasticsearch is unreachable for %s: %s", doing, detail)
    return EngineUnavailable(f"unreachable: {detail}")


_FAILURES = (ApiError, elastic_transport.TransportError)


def _item(result: dict) -> tuple[str, dict]:
    return next(iter(result.items()))


def _alias_missing(info: dict) -> bool:
    error = info.get("error")
    return isinstance(error, dict) and error.get("type") == "index_not_found_exception"


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, config: ElasticsearchConfig, *, node_class=None) -> None:
        self.config = config
        self.alias = config.alias
        self.building_alias = config.alias + BUILDING_SUFFIX
        self._node_class = node_class
        self._client: Elasticsearch | None = None

    # The client -------------------------------------------------------------------------------

    def client(self) -> Elasticsearch:
        """The client, built on first use inside the guard: a bad URL or CA file is EngineUnavailable."""
        if self._client is None:
            config = self.config
            options: dict = {"request_timeout": config.timeout, "max_retries": 0, "retry_on_timeout": False}
            if config.ca_certs:
                options["ca_certs"] = config.ca_certs
            if config.api_key:
                options["api_key"] = config.api_key
            elif config.username:
                options["basic_auth"] = (config.username, config.password)
            node_class = self._node_class or NODE_CLASS
            if node_class is not None:
                options["node_class"] = node_class
            try:
                self._client = Elasticsearch(config.url, **options)
            except (ValueError, TypeError, OSError, elastic_transport.TransportError) as exc:
                logger.error("The Elasticsearch client cannot be built (check ELASTICSEARCH_* settings): %s", exc)
                raise EngineUnavailable(f"misconfigured: {exc}") from exc
        return self._client

    def admin(self) -> Elasticsearch:
        """The same client with the long timeout for index management and bulk writes."""
        return self.client().options(request_timeout=self.config.admin_timeout, max_retries=2, retry_on_timeout=False)

    def _call(self, method, *, doing: str, **kwargs):
        try:
            return method(**kwargs)
        except _FAILURES as exc:
            raise unavailable(exc, doing=doing) from exc

    # Reads --------------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> EngineResult:
        from search.engines.db import word_groups

        groups = word_groups(request.words)
        sizes = facet_sizes()
        client = self.client()
        response = self._call(
            client.search,
            doing="a search",
            index=self.alias,
            body=search_body(request, page=request.page, groups=groups, sizes=sizes),
        )
        total = response["hits"]["total"]["value"]
        page = min(request.page, page_last(total, request.per_page))
        if page != request.page:
            response = self._call(
                client.search,
                doing="a search",
                index=self.alias,
                body=search_body(request, page=page, groups=groups, sizes=sizes),
            )
        hits = response["hits"]["hits"]
        facets = {}
        for name in FACETS:
            buckets = response["aggregations"][name]["values"]["buckets"]
            labels = _labels(name, [b["key"] for b in buckets])
            facets[name] = [
                FacetCount(
                    key=b["key"],
                    name=labels.get(b["key"], (b["key"], ""))[0],
                    name_hi=labels.get(b["key"], ("", ""))[1],
                    count=b["doc_count"],
                )
                for b in buckets
            ]
        bands = {
            key: bucket["doc_count"] for key, bucket in response["aggregations"]["price"]["bands"]["buckets"].items()
        }
        return EngineResult(
            total=total,
            page=page,
            product_ids=[int(hit["_id"]) for hit in hits],
            in_stock_ids={int(hit["_id"]) for hit in hits if hit.get("_source", {}).get("in_stock")},
            facets=facets,
            price_bands=bands,
            engine=self.name,
        )

    def suggest_products(self, *, words: list[str], limit: int) -> list[tuple[int, str, str]]:
        from catalogue_ext.models import Product

        if not words:
            return []
        response = self._call(
            self.client().search, doing="suggestions", index=self.alias, body=suggest_body(words=words, limit=limit)
        )
        hits = response["hits"]["hits"]
        ids = [int(hit["_id"]) for hit in hits]
        slugs = dict(Product.objects.filter(id__in=ids).values_list("id", "slug"))
        titles = {int(hit["_id"]): hit.get("_source", {}).get("title", "") for hit in hits}
        return [(pid, titles[pid], slugs[pid]) for pid in ids if pid in slugs]

    # Writes -------------------------------------------------------------------------------------

    def _bulk(
        self, actions: Iterable[dict], *, retries: int = BULK_RETRIES, backoff: float = BULK_INITIAL_BACKOFF, **kwargs
    ) -> Iterator[tuple[bool, dict]]:
        """Bulk with the long timeout; 429s (whole request or single items) retried with backoff."""
        return streaming_bulk(
            self.admin(),
            actions,
            chunk_size=BULK_CHUNK,
            max_retries=retries,
            initial_backoff=backoff,
            max_backoff=BULK_MAX_BACKOFF,
            raise_on_error=False,
            raise_on_exception=False,
            **kwargs,
        )

    def write(self, documents: list[ProductDocument], *, product_ids: list[int]) -> None:  # noqa: C901  (issue 18 code landed alongside the linter; to split)
        """Index or remove these products through the alias, and through the rebuild's alias if one runs.

        `require_alias` means a write never creates an index: before the first rebuild it is skipped
        (searches fall back to the database, which is complete) and the caller is told to rebuild.
        """
        kept = {d.product_id for d in documents}
        removed = [pid for pid in product_ids if pid not in kept]

        def actions() -> Iterator[dict]:
            for document in documents:
                source = document_source(document)
                yield {"_op_type": "index", "_index": self.alias, "_id": document.product_id, "_source": source}
                yield {
                    "_op_type": "index",
                    "_index": self.building_alias,
                    "_id": document.product_id,
                    "_source": source,
                }
            for product_id in removed:
                yield {"_op_type": "delete", "_index": self.alias, "_id": product_id}
                # A tombstone, so the rebuild's own (older) copy of the product cannot land after it.
                yield {
                    "_op_type": "index",
                    "_index": self.building_alias,
                    "_id": product_id,
                    "_source": {"product_id": product_id, "removed": True},
                }

        failures, alias_missing, sample = 0, False, ""
        try:
            for ok, result in self._bulk(
                actions(), retries=WRITE_RETRIES, backoff=WRITE_INITIAL_BACKOFF, require_alias=True
            ):
                if ok:
                    continue
                op, info = _item(result)
                if _alias_missing(info):
                    # No rebuild running (its alias is absent), or no index at all yet.
                    alias_missing = alias_missing or info.get("_index") != self.building_alias
                    continue
                if op == "delete" and info.get("status") == 404:
                    continue  # already gone
                failures += 1
                sample = sample or f"{info.get('status')} {info.get('error')}"
        except _FAILURES as exc:
            raise unavailable(exc, doing="index writes") from exc
        if alias_missing:
            logger.warning(
                "Elasticsearch has no alias %s yet: writes skipped; run `search_index --rebuild`", self.alias
            )
            raise EngineUnavailable(f"no alias {self.alias} yet; run `search_index --rebuild`")
        if failures:
            logger.error("Elasticsearch refused %s index action(s): %s", failures, sample)
            raise EngineUnavailable(f"{failures} index action(s) refused: {sample}")

    def rebuild_start(self) -> ElasticsearchRebuild:
        """A new, empty index behind `<alias>-next`; half-built indices of earlier runs are removed first."""
        rebuild = ElasticsearchRebuild(self)
        rebuild.begin()
        return rebuild

    def rebuild(self, batches: Iterable[list[ProductDocument]]) -> str:
        """Fill a new index from `batches` and switch the alias to it (see `ElasticsearchRebuild`)."""
        rebuild = self.rebuild_start()
        try:
            for batch in batches:
                rebuild.add(batch)
            rebuild.finish()
        except BaseException:
            rebuild.abort()
            raise
        return rebuild.name


_STAMP = re.compile(r"^\d{8}t\d{12}-[0-9a-f]{6}$")


def index_name(alias: str) -> str:
    """A name no other rebuild can have: microseconds plus a random suffix."""
    now = datetime.now(UTC)
    return f"{alias}-{now.strftime('%Y%m%dt%H%M%S%f')}-{secrets.token_hex(3)}"


def is_own_index(alias: str, name: str) -> bool:
    return name.startswith(alias + "-") and bool(_STAMP.match(name[len(alias) + 1 :]))


class ElasticsearchRebuild:
    """One rebuild: `begin`, `add` batches, then `finish` (switch) or `abort` (drop the new index)."""

    def __init__(self, engine: ElasticsearchEngine) -> None:
        self.engine = engine
        self.alias = engine.alias
        self.name = index_name(engine.alias)
        self.indexed = 0
        self.failures = 0
        self.sample = ""

    def _admin_call(self, method, *, doing: str, **kwargs):
        return self.engine._call(method, doing=doing, **kwargs)

    def _aliased(self) -> dict[str, dict]:
        """index → its aliases, for the alias's name (a concrete index of that name shows up as itself)."""
        admin = self.engine.admin()
        try:
            return dict(admin.indices.get_alias(index=self.alias))
        except ApiError as exc:
            if exc.status_code == 404:
                return {}
            raise unavailable(exc, doing="reading the alias") from exc
        except elastic_transport.TransportError as exc:
            raise unavailable(exc, doing="reading the alias") from exc

    def begin(self) -> None:
        admin = self.engine.admin()
        live = set(self._aliased())
        own = self._admin_call(
            admin.indices.get_alias, doing="listing indices", index=f"{self.alias}-*", expand_wildcards="open,closed"
        )
        for stale in sorted(name for name in own if is_own_index(self.alias, name) and name not in live):
            logger.warning("Removing the half-built search index %s left by an earlier rebuild", stale)
            self._admin_call(
                admin.indices.delete, doing="removing a half-built index", index=stale, ignore_unavailable=True
            )
        self._admin_call(
            admin.indices.create,
            doing="creating the new index",
            index=self.name,
            mappings=index_mapping(),
            settings={
                "number_of_shards": 1,
                "number_of_replicas": self.engine.config.replicas,
                "refresh_interval": "-1",
            },
            aliases={self.engine.building_alias: {}},
        )

    def add(self, documents: list[ProductDocument]) -> None:
        """Create each document unless a write made during the rebuild got there first (409: newer data)."""
        actions = (
            {"_op_type": "create", "_index": self.name, "_id": d.product_id, "_source": document_source(d)}
            for d in documents
        )
        try:
            for ok, result in self.engine._bulk(actions):
                op, info = _item(result)
                if ok or info.get("status") == 409:
                    self.indexed += 1
                    continue
                self.failures += 1
                if self.failures <= 5:
                    logger.error(
                        "Elasticsearch refused product %s: %s %s",
                        info.get("_id"),
                        info.get("status"),
                        info.get("error"),
                    )
                self.sample = self.sample or f"product {info.get('_id')}: {info.get('status')} {info.get('error')}"
        except _FAILURES as exc:
            raise unavailable(exc, doing="bulk indexing") from exc

    def finish(self) -> None:
        """Switch the alias in one atomic call, only if every document went in; then drop the old index."""
        if self.failures:
            self.abort()
            raise RebuildIncomplete(self.failures, self.sample)
        admin = self.engine.admin()
        self._admin_call(
            admin.indices.put_settings,
            doing="enabling refresh",
            index=self.name,
            settings={"index": {"refresh_interval": None}},
        )
        self._drop_tombstones()
        aliased = self._aliased()
        old = sorted(name for name in aliased if name != self.alias)
        actions: list[dict] = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        if self.alias in aliased:
            # A concrete index holding the alias's name (auto-created by a write before this fix).
            logger.warning("Replacing the concrete index %s (not an alias) by the rebuilt index", self.alias)
            actions.append({"remove_index": {"index": self.alias}})
        actions.append({"add": {"index": self.name, "alias": self.alias}})
        actions.append({"remove": {"index": self.name, "alias": self.engine.building_alias}})
        self._admin_call(admin.indices.update_aliases, doing="switching the alias", actions=actions)
        # Tombstones written between the first sweep and the switch.
        self._drop_tombstones()
        for name in old:
            try:
                admin.indices.delete(index=name, ignore_unavailable=True)
            except _FAILURES as exc:
                logger.warning("The old search index %s could not be dropped (the next rebuild will): %s", name, exc)

    def _drop_tombstones(self) -> None:
        """Remove the tombstones of products removed while the rebuild ran (refreshed first, so all are seen)."""
        admin = self.engine.admin()
        self._admin_call(admin.indices.refresh, doing="refreshing the new index", index=self.name)
        self._admin_call(
            admin.delete_by_query,
            doing="dropping removed products",
            index=self.name,
            query={"term": {"removed": True}},
            refresh=True,
            conflicts="proceed",
        )

    def abort(self) -> None:
        """Drop the half-built index; the alias still points at the old one."""
        try:
            self.engine.admin().indices.delete(index=self.name, ignore_unavailable=True)
        except (*_FAILURES, EngineUnavailable) as exc:
            logger.warning(
                "The half-built search index %s could not be dropped (the next rebuild will): %s", self.name, exc
            )
