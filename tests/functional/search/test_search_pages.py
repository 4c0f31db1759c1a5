import logging
import re

import pytest

from catalogue_ext.models import Category, Craft, District, Product
from demo.catalogue import demo_catalogue_load
from search.services import search_index_products
from tests.factories import CraftProductFactory


def _index_all():
    search_index_products(product_ids=Product.objects.values_list("id", flat=True))


def _facet_counts(html: str, facet: str) -> dict[str, int]:
    section = html.split(f'data-facet="{facet}"', 1)[1].split("</section>", 1)[0]
    return {
        key: int(count)
        for key, count in re.findall(r'data-key="([^"]+)">.*?class="facet-count[^"]*">(\d+)<', section, flags=re.S)
    }


@pytest.fixture
def brass_and_silk(odop_reference):
    CraftProductFactory(title="Engraved Brass Vase")
    CraftProductFactory(title="Brass Diya Stand")
    CraftProductFactory(
        title="Banarasi Silk Saree",
        district=District.objects.get(slug="varanasi"),
        craft=Craft.objects.filter(slug__contains="silk").first(),
    )
    _index_all()


def test_search_page_lists_matches_with_facets_and_counts(client, brass_and_silk):
    response = client.get("/search/?q=brass")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Engraved Brass Vase" in html and "Brass Diya Stand" in html
    assert "Banarasi Silk Saree" not in html
    assert _facet_counts(html, "district") == {"moradabad": 2}
    assert _facet_counts(html, "state") == {"UP": 2}


def test_a_selected_district_still_offers_the_others_with_their_counts(client, brass_and_silk):
    html = client.get("/search/?district=moradabad").content.decode()
    assert _facet_counts(html, "district") == {"moradabad": 2, "varanasi": 1}
    assert "Banarasi Silk Saree" not in html.split('class="product-grid', 1)[1]


def test_out_of_stock_products_are_marked_and_hidden_by_in_stock(client, odop_reference):
    CraftProductFactory(title="Sold Out Brass Bell", stockrecords__num_in_stock=0)
    _index_all()
    html = client.get("/search/?q=bell").content.decode()
    assert "Sold Out Brass Bell" in html and "out-of-stock-badge" in html
    assert "Sold Out Brass Bell" not in client.get("/search/?q=bell&in_stock=1").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "brass " * 2000,
        "q=%00%07brass%1b",
        'q=brass*+OR+"vase"~2+\\',
        "q=title:brass AND (x OR y)",
        "q=%27%3B+DROP+TABLE+catalogue_product%3B--",
        "district=atlantis&craft=unknown&gi=nope&artisan=nobody",
        "district=%3Cscript%3E",
        "price_min=-100&price_max=-5",
        "price_min=9000&price_max=10",
        "price_min=abc&price_max=Infinity",
        "page=abc",
        "page=-1",
        "page=99999999999999999999",
        "sort=drop",
        "in_stock=maybe",
    ],
)
def test_bad_input_is_a_page_never_an_error(client, brass_and_silk, query):
    response = client.get(f"/search/?{query}")
    assert response.status_code == 200


def test_a_page_beyond_the_last_shows_the_last_with_a_note(client, brass_and_silk):
    html = client.get("/search/?q=brass&page=40").content.decode()
    assert "Engraved Brass Vase" in html
    assert "fewer pages" in html


def test_reversed_prices_are_swapped_with_a_friendly_note(client, brass_and_silk):
    html = client.get("/search/?price_min=5000&price_max=100").content.decode()
    assert "swapped" in html


def test_suggest_returns_products_crafts_districts_and_artisans(client, brass_and_silk):
    response = client.get("/search/suggest/?q=bra")
    data = response.json()
    assert response.status_code == 200
    assert {p["title"] for p in data["products"]} == {"Engraved Brass Vase", "Brass Diya Stand"}
    assert any(c["slug"] == "brassware" for c in data["crafts"])
    assert client.get("/search/suggest/?q=morad").json()["districts"][0]["slug"] == "moradabad"
    assert client.get("/search/suggest/?q=artisan").json()["artisans"]


@pytest.mark.parametrize(
    ("query", "reason"), [("", "?q="), ("q=b", "at least"), ("q=" + "a" * 101, "100"), ("q=br%00ass", "control")]
)
def test_suggest_rejects_malformed_input_with_a_reason(client, odop_reference, query, reason):
    response = client.get(f"/search/suggest/?{query}")
    assert response.status_code == 400
    assert reason in response.json()["error"]


def test_when_elasticsearch_is_unreachable_the_database_answers_and_a_warning_is_logged(
    client, settings, brass_and_silk, caplog
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 1
    with caplog.at_level(logging.WARNING, logger="search"):
        response = client.get("/search/?q=brass")
        suggest = client.get("/search/suggest/?q=bra")
    assert response.status_code == 200 and "Engraved Brass Vase" in response.content.decode()
    assert suggest.status_code == 200 and suggest.json()["products"]
    assert "Elasticsearch is unreachable" in caplog.text


def test_district_and_craft_pages_agree_with_search(client, odop_reference):
    demo_catalogue_load(products=120, seed=5)
    district = max(District.objects.all(), key=lambda d: d.products.count())
    page = client.get(district.get_absolute_url()).content.decode()
    search = client.get(f"/search/?district={district.slug}").content.decode()
    assert _facet_counts(page, "craft") == _facet_counts(search, "craft")
    assert _facet_counts(page, "craft")
    category = Category.objects.filter(depth=1).first()
    page = client.get(category.get_absolute_url()).content.decode()
    search = client.get(f"/search/?craft={category.slug}").content.decode()
    assert _facet_counts(page, "district") == _facet_counts(search, "district")
    assert _facet_counts(page, "district")


@pytest.fixture
def thousand_products(odop_reference):
    demo_catalogue_load(products=1000, seed=3)


@pytest.mark.parametrize(
    "path",
    [
        "/search/?q=brass&state=UP&district=moradabad&sort=price_asc",
        "/search/",
        "/search/?q=banarsi+saree&in_stock=1&page=2",
    ],
)
def test_search_pages_cost_a_bounded_number_of_queries(client, thousand_products, django_assert_max_num_queries, path):
    client.get(path)  # thumbnails are made on the first view
    with django_assert_max_num_queries(24):
        response = client.get(path)
    assert response.status_code == 200


def test_suggest_costs_a_bounded_number_of_queries(client, thousand_products, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get("/search/suggest/?q=bras")
    assert response.status_code == 200 and response.json()["products"]


@pytest.mark.parametrize("typed", ["pital", "peetal", "पीतल"])
def test_suggest_matches_hindi_typed_in_either_script(client, brass_and_silk, typed):
    data = client.get("/search/suggest/", {"q": typed}).json()
    assert {p["title"] for p in data["products"]} == {"Engraved Brass Vase", "Brass Diya Stand"}
    assert any(c["slug"] == "brassware" for c in data["crafts"])


def test_suggest_names_things_in_the_script_typed(client, brass_and_silk):
    latin = client.get("/search/suggest/", {"q": "morad"}).json()
    assert latin["script"] == "latn" and latin["districts"][0]["name"] == "Moradabad"
    deva = client.get("/search/suggest/", {"q": "मुराद"}).json()
    assert deva["script"] == "deva" and deva["districts"][0]["name"] == "मुरादाबाद"
    assert deva["districts"][0]["state"] == "उत्तर प्रदेश"
    assert client.get("/search/suggest/", {"q": "brassw"}).json()["crafts"][0]["url"] == "/crafts/brassware/"


def test_a_hinglish_suggestion_costs_at_most_one_more_query(client, thousand_products, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get("/search/suggest/?q=pital")
    assert response.status_code == 200 and response.json()["products"]
