"""Both engines ask for the same thing: the same cases through the database engine (the SQL it really
runs, captured) and the Elasticsearch engine (the request body it really sends), read back into one
plain form — word groups, the filters on the hits, the filters under each facet's counts, the sort
keys and the page window — and compared. Runs without Elasticsearch (SQLite's FTS5 form of the SQL).
"""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from catalogue_ext.models import Craft, District, GITag, Product, State
from search.engines.db import DatabaseEngine, word_groups
from search.engines.es import facet_sizes, search_body
from search.query import FACETS, search_request_parse
from search.services import search_index_products
from tests.factories import CraftProductFactory, VerifiedArtisanPartnerFactory

pytestmark = pytest.mark.skipif(
    "connection.vendor != 'sqlite'", reason="reads SQLite's FTS5 form of the database engine's SQL"
)

CASES = [
    "q=brass vase&district=moradabad&state=up&price_min=500&in_stock=1&sort=price_asc",
    "q=banarsi saree",
    "",
    "craft=brassware&sort=price_desc&page=2",
    "q=पीतल&artisan=rehman-brass",
    "district=moradabad&district=varanasi&price_max=5000&sort=newest",
    "q=women's shawl&district=varanasi",
    "q=engraved&craft=metal-craft&sort=relevance",
]

_COLUMNS = {
    "state_id": "state",
    "district_id": "district",
    "craft_id": "craft",
    "gi_tag_id": "gi",
    "artisan_id": "artisan",
}
_MODELS = {"state": (State, "code"), "district": (District, "slug"), "craft": (Craft, "slug"), "gi": (GITag, "slug")}


def _keys(facet: str, ids: list[int]) -> frozenset[str]:
    if facet == "artisan":
        from oscar.core.loading import get_model

        return frozenset(get_model("partner", "Partner").objects.filter(id__in=ids).values_list("code", flat=True))
    model, field = _MODELS[facet]
    return frozenset(model.objects.filter(id__in=ids).values_list(field, flat=True))


def _ids(text: str) -> list[int]:
    return [int(x) for x in text.split(",") if x.strip()]


# The database engine's SQL, read back -----------------------------------------------------------


def _sql_words(sql: str) -> list[frozenset[str]]:
    match = re.search(r"MATCH '(.*?)'\)", sql)
    if not match:
        return []
    return [frozenset(re.findall(r'"([^"]+)"', group)) for group in re.findall(r"\(([^()]*)\)", match.group(1))]


def _sql_filters(sql: str) -> dict:
    where = sql.split(" WHERE ", 1)[1] if " WHERE " in sql else ""
    where = re.split(r" GROUP BY | ORDER BY | LIMIT ", where)[0]
    filters: dict = {}
    craft = re.search(
        r'\("search_productsearchdocument"\."craft_id" IN \(([^)]*)\) OR "search_productsearchdocument"\."craft_family_id" IN \(([^)]*)\)\)',
        where,
    )
    if craft:
        filters["craft"] = _keys("craft", _ids(craft.group(1)))
        where = where.replace(craft.group(0), "")
    for column, facet in _COLUMNS.items():
        found = re.search(rf'"search_productsearchdocument"\."{column}" IN \(([^)]*)\)', where)
        if found:
            filters[facet] = _keys(facet, _ids(found.group(1)))
    low = re.search(r""""price" >= '([\d.]+)'""", where)
    high = re.search(r""""price" <= '([\d.]+)'""", where)
    if low or high:
        filters["price"] = (Decimal(low.group(1)) if low else None, Decimal(high.group(1)) if high else None)
    filters["in_stock"] = '"search_productsearchdocument"."in_stock"' in where
    return filters


def _sql_ask(queries: list[str]) -> dict:
    grouped = [q for q in queries if "COUNT(*)" in q and "search_productsearchdocument" in q]
    (page,) = [q for q in queries if " LIMIT " in q and '"search_productsearchdocument"."product_id" AS' in q]
    facets = {}
    for sql in grouped:
        head = sql.split(" FROM ", 1)[0]
        filters = _sql_filters(sql)
        for column, facet in _COLUMNS.items():
            if f'."{column}" AS' in head:
                facets[facet] = filters
        if '"band"' in head:
            facets["price"] = filters
    order = page.rsplit(" ORDER BY ", 1)[1].split(" LIMIT ")[0]
    # The relevance is FTS5's bm25 (title weighted 10, the rest 1) ordered by its expression.
    order = re.sub(r"\(\(SELECT -bm25\(.*?rowid = search_productsearchdocument\.product_id\)\)", '"rank"', order)
    sort = []
    selected = re.findall(r'AS "(\w+)"', page.split(" FROM ", 1)[0])
    for part in order.split(", "):
        field = re.match(r'\s*(?:"\w+"\.)?"?(\w+)"?\s*(ASC|DESC)?', part)
        name = field.group(1)
        name = selected[int(name) - 1] if name.isdigit() else name  # Django orders by a selected column's position
        name = {"rank": "_score"}.get(name, name)
        direction = (field.group(2) or "ASC").lower()
        sort.append((name, direction, "last" if "NULLS LAST" in part else None))
    limit = re.search(r"LIMIT (\d+)(?: OFFSET (\d+))?", page)
    return {
        "words": _sql_words(page) or _sql_words(grouped[0]),
        "hits": _sql_filters(page),
        "facets": facets,
        "sort": sort,
        "window": (int(limit.group(2) or 0), int(limit.group(1))),
    }


# The Elasticsearch engine's request body, read back -------------------------------------------------


def _es_filters(clauses: list[dict], in_stock: bool) -> dict:
    filters: dict = {}
    for clause in clauses:
        if "terms" in clause:
            ((field, values),) = clause["terms"].items()
            filters[field] = frozenset(values)
        elif "bool" in clause and "should" in clause["bool"]:
            filters["craft"] = frozenset(v for s in clause["bool"]["should"] for v in s["terms"].get("craft", []))
        elif "range" in clause:
            bounds = clause["range"]["price"]
            filters["price"] = tuple(
                Decimal(str(bounds[k])).quantize(Decimal("0.01")) if k in bounds else None for k in ("gte", "lte")
            )
    filters["in_stock"] = in_stock
    return filters


def _es_ask(body: dict) -> dict:
    query = body["query"]["bool"]
    in_stock = {"term": {"in_stock": True}} in query["filter"]
    must = query["must"][0]
    words = [frozenset(m["multi_match"]["query"].split()) for m in must["bool"]["must"]] if "bool" in must else []
    hits = _es_filters(body.get("post_filter", {"bool": {"filter": []}})["bool"]["filter"], in_stock)
    facets = {}
    for name in [*FACETS, "price"]:
        agg_filter = body["aggs"][name]["filter"]
        facets[name] = _es_filters(agg_filter["bool"]["filter"] if "bool" in agg_filter else [], in_stock)
    sort = []
    for key in body["sort"]:
        if key == "_score":
            sort.append(("_score", "desc", None))
        else:
            ((field, spec),) = key.items()
            sort.append((field, spec["order"], spec.get("missing", "").lstrip("_") or None))
    return {"words": words, "hits": hits, "facets": facets, "sort": sort, "window": (body["from"], body["size"])}


@pytest.fixture
def catalogue(odop_reference):
    rehman = VerifiedArtisanPartnerFactory(name="Rehman Brass Works", code="rehman-brass")
    varanasi = District.objects.get(slug="varanasi")
    silk = Craft.objects.filter(slug__contains="silk").first() or Craft.objects.first()
    products = [
        CraftProductFactory(
            title="Engraved Brass Vase", stockrecords__partner=rehman, stockrecords__price=Decimal("1200.00")
        ),
        CraftProductFactory(title="पीतल का लोटा", stockrecords__partner=rehman, stockrecords__price=Decimal("700.00")),
        CraftProductFactory(
            title="Banarasi Silk Saree", district=varanasi, craft=silk, stockrecords__price=Decimal("8500.00")
        ),
        CraftProductFactory(
            title="Women's Brocade Shawl", district=varanasi, craft=silk, stockrecords__price=Decimal("3000.00")
        ),
    ]
    products += [CraftProductFactory(title=f"Brass Bowl {n}", stockrecords__price=Decimal("300.00")) for n in range(6)]
    search_index_products(product_ids=Product.objects.values_list("id", flat=True))
    return products


@pytest.mark.parametrize("query", CASES)
def test_both_engines_ask_for_the_same_words_filters_facets_sorts_and_page(catalogue, query):
    request, _ = search_request_parse(QueryDict(query), per_page=4)
    with CaptureQueriesContext(connection) as captured:
        result = DatabaseEngine().search(request)
    sql = [q["sql"] for q in captured.captured_queries]
    if not any(" LIMIT " in q and '"search_productsearchdocument"."product_id" AS' in q for q in sql):
        pytest.fail(f"the case {query!r} matched nothing; it must match to compare the page query")
    database = _sql_ask(sql)
    body = search_body(request, page=result.page, groups=word_groups(request.words), sizes=facet_sizes())
    elasticsearch = _es_ask(body)
    assert elasticsearch["words"] == database["words"]
    assert elasticsearch["hits"] == database["hits"]
    for name, filters in database["facets"].items():
        assert elasticsearch["facets"][name] == filters, name
    assert elasticsearch["sort"] == database["sort"]
    assert elasticsearch["window"] == database["window"]
