"""The Elasticsearch engine at the level of what it sends: mapping, queries, aggregations, bulk actions."""

from datetime import datetime, timezone
from decimal import Decimal

from django.http import QueryDict

from search.documents import ProductDocument
from search.engines.es import document_source, index_mapping, search_body, suggest_body
from search.query import search_request_parse


def _body(query: str, page: int = 1) -> dict:
    request, _ = search_request_parse(QueryDict(query))
    return search_body(request, page=page)


def test_mapping_has_english_and_hindi_text_keyword_facets_and_a_suggester():
    properties = index_mapping()["properties"]
    assert properties["title"]["fields"]["en"]["analyzer"] == "english"
    assert properties["title"]["fields"]["hi"]["analyzer"] == "hindi"
    assert properties["body"]["fields"]["hi"]["analyzer"] == "hindi"
    for facet in ("state", "district", "craft", "craft_family", "gi", "artisan"):
        assert properties[facet]["type"] == "keyword"
    assert properties["price"]["type"] == "scaled_float"
    assert properties["suggest"]["type"] == "completion"


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
    assert body["aggs"]["district"]["aggs"]["values"]["terms"]["field"] == "district"


def test_price_bands_ignore_the_price_filter_but_hits_apply_it():
    body = _body("price_min=500&price_max=5000&craft=brassware")
    assert {"range": {"price": {"gte": 500.0, "lte": 5000.0}}} in body["post_filter"]["bool"]["filter"]
    price_agg = body["aggs"]["price"]
    assert all("range" not in f for f in price_agg["filter"]["bool"]["filter"])
    assert [r["key"] for r in price_agg["aggs"]["bands"]["range"]["ranges"]] == ["0-500", "500-1000", "1000-2500", "2500-5000", "5000-"]


def test_words_are_all_required_with_one_typo_from_five_letters_and_synonyms():
    must = _body("q=pital vase")["query"]["bool"]["must"][0]["bool"]["must"]
    assert len(must) == 2
    pital = must[0]["bool"]["should"]
    assert pital[0]["multi_match"]["fuzziness"] == "AUTO:5,100" and pital[0]["multi_match"]["prefix_length"] == 1
    assert {"brass", "पीतल"} <= {s["multi_match"]["query"] for s in pital}
    assert "title^3" in pital[0]["multi_match"]["fields"]


def test_in_stock_is_a_query_filter_sort_and_paging_are_sent():
    body = _body("in_stock=1&sort=price_desc", page=3)
    assert {"term": {"in_stock": True}} in body["query"]["bool"]["filter"]
    assert body["sort"][0] == {"price": {"order": "desc", "missing": "_last"}}
    assert body["from"] == 48 and body["size"] == 24 and body["track_total_hits"] is True


def test_an_empty_query_lists_everything_newest_first():
    body = _body("")
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert body["sort"] == [{"date_created": "desc"}]


def test_suggest_uses_the_completion_field():
    assert suggest_body(prefix="bra", limit=5)["suggest"]["products"] == {
        "prefix": "bra",
        "completion": {"field": "suggest", "size": 5, "skip_duplicates": True},
    }


def test_documents_carry_facet_keys_and_all_names():
    document = ProductDocument(
        product_id=7, title="Brass Vase", description="Hand engraved", state_id=1, state_code="UP", state_names=("Uttar Pradesh", "उत्तर प्रदेश"),
        district_id=2, district_slug="moradabad", district_names=("Moradabad", "मुरादाबाद"), craft_id=3, craft_slug="brassware",
        family_id=4, family_slug="metal-craft", craft_names=("Brassware", "Metal craft"), gi_tag_id=None, gi_slug="", gi_names=(),
        artisan_id=5, artisan_code="demo-artisan-01", artisan_name="Rehman", price=Decimal("1249.00"), in_stock=True,
        date_created=datetime(2026, 1, 1, tzinfo=timezone.utc),
    )
    source = document_source(document)
    assert source["district"] == "moradabad" and source["craft_family"] == "metal-craft" and source["gi"] is None
    assert "मुरादाबाद" in source["body"] and "Rehman" in source["body"]
    assert source["price"] == 1249.0
    assert "Brass Vase" in source["suggest"]["input"]
