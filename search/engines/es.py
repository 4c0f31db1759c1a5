"""The Elasticsearch engine (elasticsearch-dsl), used when ELASTICSEARCH_URL is set.

Facet counts follow the disjunctive rule with `post_filter`: the hits are filtered by every
selected facet, while each facet's aggregation applies all the other facets' filters but not its own.
Synonyms are expanded at query time from the same curated file as the database engine; typos are
Elasticsearch's fuzziness (one edit from 5 letters, first letter fixed) — the database engine's rule.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator

from elasticsearch import Elasticsearch
from elasticsearch import exceptions as es_exceptions
from elasticsearch.helpers import streaming_bulk
from elasticsearch_dsl import A, Boolean, Completion, Date, Document, Index, Keyword, Q, ScaledFloat, Search, Text

from catalogue_ext.models import Craft, District, GITag, State
from search import text
from search.documents import ProductDocument
from search.engines.base import EngineResult, EngineUnavailable, FacetCount
from search.query import FACETS, PRICE_BANDS, SearchRequest

logger = logging.getLogger(__name__)

TEXT_FIELDS = ["title^3", "title.en^3", "title.hi^3", "body", "body.en", "body.hi"]
FACET_FIELDS = {"state": "state", "district": "district", "gi": "gi", "artisan": "artisan"}
BULK_CHUNK = 1000


def _multilingual_text() -> Text:
    return Text(analyzer="standard", fields={"en": Text(analyzer="english"), "hi": Text(analyzer="hindi")})


class ProductIndexDocument(Document):
    title = _multilingual_text()
    body = _multilingual_text()
    state = Keyword()
    district = Keyword()
    craft = Keyword()
    craft_family = Keyword()
    gi = Keyword()
    artisan = Keyword()
    price = ScaledFloat(scaling_factor=100)
    in_stock = Boolean()
    date_created = Date()
    suggest = Completion(analyzer="simple", preserve_separators=False)

    class Index:
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


def index_mapping() -> dict:
    """The explicit mapping every new index is created with."""
    return ProductIndexDocument._doc_type.mapping.to_dict()


def document_source(document: ProductDocument) -> dict:
    names = " ".join([*document.state_names, *document.district_names, *document.craft_names, *document.gi_names, document.artisan_name])
    return {
        "title": document.title,
        "body": f"{document.description} {names}".strip(),
        "state": document.state_code,
        "district": document.district_slug,
        "craft": document.craft_slug,
        "craft_family": document.family_slug,
        "gi": document.gi_slug or None,
        "artisan": document.artisan_code or None,
        "price": float(document.price) if document.price is not None else None,
        "in_stock": document.in_stock,
        "date_created": document.date_created.isoformat(),
        "suggest": {"input": [document.title, *document.craft_names, *document.district_names]},
    }


def _facet_query(name: str, values: tuple[str, ...]) -> Q:
    if name == "state":
        return Q("terms", state=[v.upper() for v in values])
    if name == "craft":
        return Q("bool", should=[Q("terms", craft=list(values)), Q("terms", craft_family=list(values))], minimum_should_match=1)
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


def text_query(words: list[str]) -> Q:
    """Every query word must match (itself with fuzziness, or any of its synonyms exactly)."""
    synonyms = text.synonym_groups()
    musts = []
    for word in words:
        shoulds = [Q("multi_match", query=word, fields=TEXT_FIELDS, fuzziness="AUTO:5,100", prefix_length=1)]
        shoulds += [Q("multi_match", query=other, fields=TEXT_FIELDS) for other in sorted(synonyms.get(word, ())) if other != word]
        musts.append(Q("bool", should=shoulds, minimum_should_match=1))
    return Q("bool", must=musts) if musts else Q("match_all")


SORTS = {
    "relevance": ["_score", {"date_created": "desc"}],
    "price_asc": [{"price": {"order": "asc", "missing": "_last"}}, {"date_created": "desc"}],
    "price_desc": [{"price": {"order": "desc", "missing": "_last"}}, {"date_created": "desc"}],
    "newest": [{"date_created": "desc"}],
}


def search_body(request: SearchRequest, *, page: int) -> dict:
    """The request sent to Elasticsearch for one results page with its facets."""
    base = [Q("term", in_stock=True)] if request.in_stock else []
    search = Search().query(Q("bool", must=[text_query(request.words)], filter=base))
    post = _filters(request)
    if post:
        search = search.post_filter(Q("bool", filter=post))
    for name in FACETS:
        field = "craft" if name == "craft" else FACET_FIELDS[name]
        others = _filters(request, without=name)
        agg = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        agg.bucket("values", "terms", field=field, size=100)
        search.aggs.bucket(name, agg)
    others = _filters(request, without="price")
    price_agg = A("filter", Q("bool", filter=others) if others else Q("match_all"))
    price_agg.bucket(
        "bands",
        "range",
        field="price",
        keyed=True,
        ranges=[
            {"key": key, **({"from": float(low)} if low is not None else {}), **({"to": float(high)} if high is not None else {})}
            for key, low, high in PRICE_BANDS
        ],
    )
    search.aggs.bucket("price", price_agg)
    sort = SORTS["newest"] if request.sort == "relevance" and not request.words else SORTS[request.sort]
    start = (page - 1) * request.per_page
    search = search.sort(*sort).extra(track_total_hits=True, from_=start, size=request.per_page).source(["in_stock"])
    return search.to_dict()


def suggest_body(*, prefix: str, limit: int) -> dict:
    return {"suggest": {"products": {"prefix": prefix, "completion": {"field": "suggest", "size": limit, "skip_duplicates": True}}}, "_source": ["title"]}


_LABEL_MODELS = {"state": (State, "code"), "district": (District, "slug"), "craft": (Craft, "slug"), "gi": (GITag, "slug")}


def _labels(name: str, keys: list[str]) -> dict[str, tuple[str, str]]:
    if name == "artisan":
        from oscar.core.loading import get_model

        partners = get_model("partner", "Partner").objects.filter(code__in=keys)
        return {p.code: (p.name, "") for p in partners}
    model, field = _LABEL_MODELS[name]
    return {getattr(obj, field): (obj.name, obj.name_hi) for obj in model.objects.filter(**{f"{field}__in": keys})}


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, *, url: str, alias: str, timeout: int) -> None:
        self.client = Elasticsearch(url, request_timeout=timeout, retry_on_timeout=False, max_retries=0)
        self.alias = alias

    def _call(self, method, **kwargs):
        try:
            return method(**kwargs)
        except (es_exceptions.ConnectionError, es_exceptions.ConnectionTimeout, es_exceptions.TransportError, es_exceptions.ApiError) as exc:
            raise EngineUnavailable(str(exc)) from exc

    def search(self, request: SearchRequest) -> EngineResult:
        response = self._call(self.client.search, index=self.alias, body=search_body(request, page=request.page))
        total = response["hits"]["total"]["value"]
        last_page = max(1, -(-total // request.per_page))
        page = min(request.page, last_page)
        if page != request.page:
            response = self._call(self.client.search, index=self.alias, body=search_body(request, page=page))
        hits = response["hits"]["hits"]
        facets = {}
        for name in FACETS:
            buckets = response["aggregations"][name]["values"]["buckets"]
            labels = _labels(name, [b["key"] for b in buckets])
            facets[name] = [
                FacetCount(key=b["key"], name=labels.get(b["key"], (b["key"], ""))[0], name_hi=labels.get(b["key"], ("", ""))[1], count=b["doc_count"])
                for b in buckets
            ]
        bands = {key: bucket["doc_count"] for key, bucket in response["aggregations"]["price"]["bands"]["buckets"].items()}
        return EngineResult(
            total=total,
            page=page,
            product_ids=[int(hit["_id"]) for hit in hits],
            in_stock_ids={int(hit["_id"]) for hit in hits if hit["_source"].get("in_stock")},
            facets=facets,
            price_bands=bands,
            engine=self.name,
        )

    def suggest_products(self, *, words: list[str], limit: int) -> list[tuple[int, str, str]]:
        from catalogue_ext.models import Product

        response = self._call(self.client.search, index=self.alias, body=suggest_body(prefix=" ".join(words), limit=limit))
        ids = [int(option["_id"]) for option in response["suggest"]["products"][0]["options"]]
        slugs = dict(Product.objects.filter(id__in=ids).values_list("id", "slug"))
        titles = {int(o["_id"]): o["_source"]["title"] for o in response["suggest"]["products"][0]["options"]}
        return [(pid, titles[pid], slugs[pid]) for pid in ids if pid in slugs]

    def _actions(self, index: str, documents: Iterable[ProductDocument], removed: Iterable[int]) -> Iterator[dict]:
        for document in documents:
            yield {"_op_type": "index", "_index": index, "_id": document.product_id, "_source": document_source(document)}
        for product_id in removed:
            yield {"_op_type": "delete", "_index": index, "_id": product_id}

    def write(self, documents: list[ProductDocument], *, product_ids: list[int]) -> None:
        kept = {d.product_id for d in documents}
        removed = [pid for pid in product_ids if pid not in kept]
        try:
            for ok, item in streaming_bulk(self.client, self._actions(self.alias, documents, removed), chunk_size=BULK_CHUNK, raise_on_error=False):
                if not ok and item.get("delete", {}).get("status") != 404:
                    logger.warning("Elasticsearch refused an index action: %s", item)
        except es_exceptions.TransportError as exc:
            raise EngineUnavailable(str(exc)) from exc

    def rebuild(self, batches: Iterable[list[ProductDocument]]) -> str:
        """Fill a new index, then move the alias to it in one step; old indexes are dropped after."""
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}"
        index = Index(name, using=self.client)
        index.settings(number_of_shards=1, number_of_replicas=0)
        index.document(ProductIndexDocument)
        try:
            index.create()
            for batch in batches:
                for ok, item in streaming_bulk(self.client, self._actions(name, batch, ()), chunk_size=BULK_CHUNK, raise_on_error=False):
                    if not ok:
                        logger.warning("Elasticsearch refused a document: %s", item)
            self.client.indices.refresh(index=name)
            old = list(self.client.indices.get_alias(name=self.alias, ignore_unavailable=True).keys()) if self.client.indices.exists_alias(name=self.alias) else []
            actions = [{"remove": {"index": old_name, "alias": self.alias}} for old_name in old]
            actions.append({"add": {"index": name, "alias": self.alias}})
            self.client.indices.update_aliases(actions=actions)
            for old_name in old:
                self.client.indices.delete(index=old_name, ignore_unavailable=True)
        except es_exceptions.TransportError as exc:
            raise EngineUnavailable(str(exc)) from exc
        return name
