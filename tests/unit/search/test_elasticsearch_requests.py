"""The Elasticsearch engine at the level of what it sends: mapping, queries, aggregations, documents."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.http import QueryDict

from search.documents import ProductDocument
from search.engines.es import document_source, index_mapping, search_body, suggest_body
from search.query import FACETS, search_request_parse

SIZES = dict.fromkeys(FACETS, 50)


def _body(query: str, page: int = 1, groups=None) -> dict:
    request, _ = search_request_parse(QueryDict(query))
    if groups is None:
        groups = [{w} for w in request.words]
    return search_body(request, page=page, groups=groups, sizes=SIZES)


def test_mapping_holds_our_own_words_in_whitespace_fields_keyword_facets_and_is_strict():
    mapping = index_mapping()
    properties = mapping["properties"]
    assert mapping["dynamic"] == "strict"
    assert properties["title_words"] == {"type": "text", "analyzer": "whitespace"}
    assert properties["body_words"] == {"type": "text", "analyzer": "whitespace"}
    for facet in ("state", "district", "craft", "craft_family", "gi", "artisan"):
        assert properties[facet]["type"] == "keyword"
    assert properties["price"]["type"] == "scaled_float"
    assert properties["product_id"]["type"] == "long"
    assert "suggest" not in properties


def test_selected_facets_filter_hits_through_post_filter_and_every_other_facet():
    body = _body("q=brass&district=moradabad&district=agra&state=up")
    post = body["post_filter"]["bool"]["filter"]
    assert {"terms": {"district": ["moradabad", "agra"]}} in post
    assert {"terms": {"state": ["UP"]}} in post
    district_filters = body["aggs"]["district"]["filter"]["bool"]["filter"]
    assert {"terms": {"state": ["UP"]}} in district_filters
    assert {"terms": {"district": ["moradabad", "agra"]}} not in district_filters
    state_filters = body["aggs"]["state"]["filter"]["bool"]["filter"]
    assert {"terms": {"district": ["moradabad", "agra"]}} in state_filters
    assert body["aggs"]["craft"]["filter"]["bool"]["filter"]
    terms = body["aggs"]["district"]["aggs"]["values"]["terms"]
    assert terms["field"] == "district" and terms["size"] == 50
    assert terms["order"] == [{"_count": "desc"}, {"_key": "asc"}]


def test_price_bands_ignore_the_price_filter_but_hits_apply_it():
    body = _body("price_min=500&price_max=5000&craft=brassware")
    assert {"range": {"price": {"gte": 500.0, "lte": 5000.0}}} in body["post_filter"]["bool"]["filter"]
    price_agg = body["aggs"]["price"]
    assert all("range" not in f for f in price_agg["filter"]["bool"]["filter"])
    assert [r["key"] for r in price_agg["aggs"]["bands"]["range"]["ranges"]] == [
        "0-500",
        "500-1000",
        "1000-2500",
        "2500-5000",
        "5000-",
    ]


def test_each_word_group_is_required_and_any_of_its_words_matches():
    must = _body("q=pital vase", groups=[{"pital", "brass", "पीतल"}, {"vase"}])["query"]["bool"]["must"][0]["bool"][
        "must"
    ]
    assert must == [
        {"multi_match": {"query": "brass pital पीतल", "fields": ["title_words^3", "body_words"], "operator": "or"}},
        {"multi_match": {"query": "vase", "fields": ["title_words^3", "body_words"], "operator": "or"}},
    ]


def test_in_stock_is_a_query_filter_sort_is_unique_and_missing_prices_last():
    body = _body("in_stock=1&sort=price_desc", page=3)
    assert {"term": {"in_stock": True}} in body["query"]["bool"]["filter"]
    assert body["sort"] == [
        {"price": {"order": "desc", "missing": "_last"}},
        {"date_created": {"order": "desc"}},
        {"product_id": {"order": "desc"}},
    ]
    assert body["from"] == 48 and body["size"] == 24 and body["track_total_hits"] is True


def test_an_empty_query_lists_everything_newest_first():
    body = _body("")
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert body["sort"] == [{"date_created": {"order": "desc"}}, {"product_id": {"order": "desc"}}]


def test_no_page_reaches_past_the_result_window():
    request, _ = search_request_parse(QueryDict("page=9999"))
    body = search_body(request, page=request.page, groups=[], sizes=SIZES)
    assert body["from"] + body["size"] <= 10_000


def test_suggest_is_a_word_prefix_on_title_words_newest_first():
    body = suggest_body(words=["silk", "s"], limit=5)
    assert {"prefix": {"title_words": "s"}} in body["query"]["bool"]["filter"]
    assert {"term": {"title_words": "silk"}} in body["query"]["bool"]["filter"]
    assert body["sort"] == [{"date_created": {"order": "desc"}}, {"product_id": {"order": "desc"}}]
    assert body["size"] == 5 and body["_source"] == ["title"]


@pytest.mark.parametrize("title,words", [("पीतल का लोटा", "पीतल का लोटा"), ("Women's <b>Shawl</b>", "women s shawl")])
def test_documents_carry_our_tokenisers_words_tags_stripped_devanagari_intact(title, words):
    document = ProductDocument(
        product_id=7,
        title=title,
        description="<table><tr><td>Hand <strong>engraved</strong></td></tr></table>",
        state_id=1,
        state_code="UP",
        state_names=("Uttar Pradesh", "उत्तर प्रदेश"),
        district_id=2,
        district_slug="moradabad",
        district_names=("Moradabad", "मुरादाबाद"),
        craft_id=3,
        craft_slug="brassware",
        family_id=4,
        family_slug="metal-craft",
        craft_names=("Brassware", "Metal craft"),
        gi_tag_id=None,
        gi_slug="",
        gi_names=(),
        artisan_id=5,
        artisan_code="demo-artisan-01",
        artisan_name="Rehman",
        price=Decimal("1249.00"),
        in_stock=True,
        date_created=datetime(2026, 1, 1, tzinfo=UTC),
    )
    source = document_source(document)
    assert source["title_words"] == words
    assert source["body_words"].startswith("hand engraved ")
    assert "table" not in source["body_words"] and "strong" not in source["body_words"]
    assert "मुरादाबाद" in source["body_words"] and "rehman" in source["body_words"]
    assert source["district"] == "moradabad" and source["craft_family"] == "metal-craft" and source["gi"] is None
    assert source["price"] == 1249.0 and source["product_id"] == 7


NASTY = [
    "page=99999999999999999999999&per_page=100000",
    "page=-1&sort=_script",
    "q=" + "brass%20" * 400,
    "q=" + "a" * 5000,
    "q=%22%5C*~%20OR%20AND%20(%7B%7D)%5B%5D%3A%2F",
    "q=%00%01%7F%C2%85",
    "district=" + "&district=".join(f"d{n}" for n in range(200)),
    "state=%7B%22script%22%3A1%7D&craft=..%2F..&gi=*&artisan=" + "x" * 500,
    "price_min=NaN&price_max=Infinity",
    "price_min=-5&price_max=1e400",
    "price_min=99999999999",
]


@pytest.mark.parametrize("query", NASTY)
def test_bad_input_is_cleaned_before_it_can_reach_elasticsearch(query):
    """What would be a 400 (or a heavy query) from Elasticsearch never leaves the shop."""
    import math
    import re

    request, _ = search_request_parse(QueryDict(query))
    body = search_body(request, page=request.page, groups=[{w} for w in request.words], sizes=SIZES)
    assert body["from"] >= 0 and body["from"] + body["size"] <= 10_000
    must = body["query"]["bool"]["must"][0]
    words = [m["multi_match"]["query"] for m in must["bool"]["must"]] if "bool" in must else []
    assert len(words) <= 8 and all(0 < len(w) <= 64 and re.fullmatch(r"[^\W_]+|[\u0900-\u097f]+", w) for w in words)
    for clause in body.get("post_filter", {}).get("bool", {}).get("filter", []):
        values = clause.get("terms", {})
        for field_values in values.values():
            assert len(field_values) <= 20 and all(
                re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}", v) for v in field_values
            )
        for bound in clause.get("range", {}).get("price", {}).values():
            assert math.isfinite(bound) and 0 <= bound <= 10_000_000
    assert body["sort"][-1] == {"product_id": {"order": "desc"}}
