"""The same cases against every engine: the database engine always, Elasticsearch when ELASTICSEARCH_URL is set."""

import os
from decimal import Decimal

import pytest
from django.test import RequestFactory

from catalogue_ext.models import Craft, District, Product
from search.engines import database_engine
from search.query import search_request_parse
from search.services import search_index_products, search_index_rebuild
from tests.factories import CraftProductFactory, VerifiedArtisanPartnerFactory

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture(params=["database", "elasticsearch"])
def engine(request, settings):
    if request.param == "elasticsearch":
        if not ES_URL:
            pytest.skip(
                "ELASTICSEARCH_URL is not set: the Elasticsearch contract runs against a local Elasticsearch 8 only"
            )
        settings.ELASTICSEARCH_URL = ES_URL
        settings.ELASTICSEARCH_INDEX = "odop-test-products"
        from search.engines import elasticsearch_engine

        return elasticsearch_engine()
    settings.ELASTICSEARCH_URL = ""
    return database_engine()


def _index(engine) -> None:
    if engine.name == "elasticsearch":
        search_index_rebuild()
    else:
        search_index_products(product_ids=Product.objects.values_list("id", flat=True))


def _search(engine, query: str = ""):
    request, _ = search_request_parse(RequestFactory().get("/search/" + query).GET)
    return engine.search(request)


def _titles(result) -> list[str]:
    return list(Product.objects.filter(id__in=result.product_ids).values_list("title", flat=True))


def _ordered_titles(result) -> list[str]:
    titles = dict(Product.objects.filter(id__in=result.product_ids).values_list("id", "title"))
    return [titles[pid] for pid in result.product_ids]


def _district(slug):
    return District.objects.get(slug=slug)


def _craft(slug):
    return Craft.objects.get(slug=slug)


@pytest.fixture
def bazaar(odop_reference):
    """A small catalogue across crafts, districts, artisans, prices and stock."""
    varanasi, kannauj = _district("varanasi"), _district("kannauj")
    silk = (
        _craft("banarasi-silk")
        if Craft.objects.filter(slug="banarasi-silk").exists()
        else Craft.objects.filter(slug__contains="silk").first()
    )
    attar = (
        Craft.objects.filter(slug__contains="attar").first() or Craft.objects.filter(slug__contains="perfume").first()
    )
    moradabad_artisan = VerifiedArtisanPartnerFactory(name="Rehman Brass Works", code="rehman-brass")
    products = {
        "vase": CraftProductFactory(
            title="Engraved Brass Vase", stockrecords__partner=moradabad_artisan, stockrecords__price=Decimal("1200.00")
        ),
        "thali": CraftProductFactory(
            title="Puja Thali",
            description="<p>Hand-beaten brass plate</p>",
            stockrecords__partner=moradabad_artisan,
            stockrecords__price=Decimal("650.00"),
        ),
        "saree": CraftProductFactory(
            title="Banarasi Silk Saree", district=varanasi, craft=silk, stockrecords__price=Decimal("8500.00")
        ),
        "attar": CraftProductFactory(
            title="Rose Attar",
            district=kannauj,
            craft=attar,
            stockrecords__price=Decimal("450.00"),
            stockrecords__num_in_stock=0,
        ),
    }
    CraftProductFactory(title="Hidden Brass Lamp", is_public=False)
    return products


def test_text_matches_title_description_and_artisan(engine, bazaar):
    _index(engine)
    assert set(_titles(_search(engine, "?q=brass"))) == {"Engraved Brass Vase", "Puja Thali"}
    assert _titles(_search(engine, "?q=rehman")) and set(_titles(_search(engine, "?q=rehman"))) == {
        "Engraved Brass Vase",
        "Puja Thali",
    }
    assert set(_titles(_search(engine, "?q=kannauj"))) == {"Rose Attar"}


def test_title_matches_rank_first(engine, bazaar):
    _index(engine)
    assert _ordered_titles(_search(engine, "?q=brass"))[0] == "Engraved Brass Vase"


def test_one_typo_in_a_long_word_is_forgiven_but_not_in_a_short_one(engine, bazaar):
    _index(engine)
    assert _titles(_search(engine, "?q=banarsi")) == ["Banarasi Silk Saree"]
    assert _titles(_search(engine, "?q=engravd")) == ["Engraved Brass Vase"]
    assert _titles(_search(engine, "?q=rsoe")) == []


@pytest.mark.parametrize("query", ["pital", "पीतल", "peetal"])
def test_synonyms_across_english_hinglish_and_hindi(engine, bazaar, query):
    _index(engine)
    assert set(_titles(_search(engine, f"?q={query}"))) == {"Engraved Brass Vase", "Puja Thali"}


@pytest.mark.parametrize("query", ["sari", "साड़ी", "banaras", "kashi"])
def test_saree_and_varanasi_synonyms(engine, bazaar, query):
    _index(engine)
    assert _titles(_search(engine, f"?q={query}")) == ["Banarasi Silk Saree"]


def test_devanagari_names_of_places_are_searchable(engine, bazaar):
    _index(engine)
    name_hi = _district("kannauj").name_hi
    assert name_hi
    assert _titles(_search(engine, f"?q={name_hi}")) == ["Rose Attar"]


def test_only_buyable_products_are_found_and_stock_is_marked(engine, bazaar):
    _index(engine)
    everything = _search(engine)
    assert everything.total == 4
    assert "Hidden Brass Lamp" not in _titles(_search(engine, "?q=lamp"))
    attar_id = bazaar["attar"].id
    assert attar_id in everything.product_ids and attar_id not in everything.in_stock_ids
    assert attar_id not in _search(engine, "?in_stock=1").product_ids


def test_facets_are_disjunctive(engine, bazaar):
    _index(engine)
    result = _search(engine, "?district=moradabad")
    districts = {f.key: f.count for f in result.facets["district"]}
    # The district facet ignores its own filter so the shopper can widen the choice...
    assert districts == {"moradabad": 2, "varanasi": 1, "kannauj": 1}
    # ...while every other facet applies it.
    assert {f.key: f.count for f in result.facets["state"]} == {"UP": 2}
    assert {f.key: f.count for f in result.facets["artisan"]} == {"rehman-brass": 2}
    assert result.total == 2


def test_a_repeated_filter_is_an_or(engine, bazaar):
    _index(engine)
    result = _search(engine, "?district=moradabad&district=kannauj")
    assert set(_titles(result)) == {"Engraved Brass Vase", "Puja Thali", "Rose Attar"}


def test_price_range_and_bands(engine, bazaar):
    _index(engine)
    result = _search(engine, "?price_min=500&price_max=5000")
    assert set(_titles(result)) == {"Engraved Brass Vase", "Puja Thali"}
    # Price bands count everything but the price filter itself.
    assert result.price_bands == {"0-500": 1, "500-1000": 1, "1000-2500": 1, "2500-5000": 0, "5000-": 1}


def test_sorts(engine, bazaar):
    _index(engine)
    assert _ordered_titles(_search(engine, "?sort=price_asc"))[0] == "Rose Attar"
    assert _ordered_titles(_search(engine, "?sort=price_desc"))[0] == "Banarasi Silk Saree"


def test_reindexing_a_product_that_is_no_longer_buyable_removes_it(engine, bazaar):
    _index(engine)
    vase = bazaar["vase"]
    Product.objects.filter(id=vase.id).update(is_public=False)
    if engine.name == "elasticsearch":
        search_index_rebuild()
    else:
        search_index_products(product_ids=[vase.id])
    assert vase.id not in _search(engine, "?q=brass").product_ids


def test_page_beyond_the_last_is_the_last_page(engine, bazaar):
    _index(engine)
    request, _ = search_request_parse(RequestFactory().get("/search/?page=99").GET, per_page=3)
    result = engine.search(request)
    assert result.page == 2 and len(result.product_ids) == 1


def test_products_without_a_price_come_last_in_both_price_orders(engine, bazaar):
    CraftProductFactory(title="Unpriced Brass Bell", stockrecords__price=None)
    _index(engine)
    assert _ordered_titles(_search(engine, "?sort=price_asc"))[-1] == "Unpriced Brass Bell"
    assert _ordered_titles(_search(engine, "?sort=price_desc"))[-1] == "Unpriced Brass Bell"


def test_ties_are_broken_by_the_product_id_so_pages_never_overlap(engine, bazaar):
    for n in range(4):
        CraftProductFactory(title=f"Brass Bowl {n}", stockrecords__price=Decimal("300.00"))
    Product.objects.update(date_created=bazaar["vase"].date_created)
    _index(engine)
    seen = []
    for page in (1, 2, 3):
        request, _ = search_request_parse(RequestFactory().get(f"/search/?sort=price_asc&page={page}").GET, per_page=3)
        seen += engine.search(request).product_ids
    assert len(seen) == len(set(seen)) == 8


def test_an_apostrophe_and_markup_are_words_and_not_words(engine, bazaar):
    CraftProductFactory(title="Women's Pashmina Shawl", description="<table><tr><td>Soft</td></tr></table>")
    _index(engine)
    assert _titles(_search(engine, "?q=women's shawl")) == ["Women's Pashmina Shawl"]
    assert _titles(_search(engine, "?q=table")) == []
    assert _titles(_search(engine, "?q=strong")) == []


def test_a_selected_value_stays_in_its_facet_even_with_no_match(engine, bazaar):
    from search.selectors import search_run

    _index(engine)
    request, _ = search_request_parse(RequestFactory().get("/search/?district=agra&q=brass").GET)
    page = search_run(request=request)
    agra = [value for value in page.facets["district"] if value.key == "agra"]
    assert agra and agra[0].selected and agra[0].count == 0


def test_suggestions_are_word_prefixes_of_titles_newest_first(engine, bazaar):
    _index(engine)
    rows = engine.suggest_products(words=["bra"], limit=5)
    assert [title for _pid, title, _slug in rows] == ["Engraved Brass Vase"]
    assert [title for _pid, title, _slug in engine.suggest_products(words=["silk", "sa"], limit=5)] == [
        "Banarasi Silk Saree"
    ]


def test_a_write_reaches_the_index_and_a_removal_leaves_it(engine, bazaar):
    _index(engine)
    lamp = CraftProductFactory(title="Dhokra Horse Lamp")
    search_index_products(product_ids=[lamp.id])
    _refresh(engine)
    assert _titles(_search(engine, "?q=dhokra")) == ["Dhokra Horse Lamp"]
    Product.objects.filter(id=lamp.id).update(is_public=False)
    search_index_products(product_ids=[lamp.id])
    _refresh(engine)
    assert _titles(_search(engine, "?q=dhokra")) == []


def _refresh(engine) -> None:
    if engine.name == "elasticsearch":
        engine.admin().indices.refresh(index=engine.alias)
