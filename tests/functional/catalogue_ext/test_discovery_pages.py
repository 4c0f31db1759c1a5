"""/states/<code>/, /crafts/<slug>/, /gi/ and /gi/<slug>/: what a shopper finds there, in English and Hindi."""

import pytest

from artisans.models import GIAuthorisation
from catalogue_ext.models import Craft, District, GITag, Product
from demo.catalogue import demo_catalogue_load
from search.services import search_index_products
from tests.factories import ArtisanPartnerFactory, ArtisanProfileFactory, CraftProductFactory


def _index():
    search_index_products(product_ids=Product.objects.values_list("id", flat=True))


def _section(html: str, css_class: str) -> str:
    return html.split(f'class="{css_class}', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def brass_and_silk(odop_reference):
    partner = ArtisanPartnerFactory(name="Ansari Brass Works", code="ansari-brass-works")
    ArtisanProfileFactory(partner=partner)
    CraftProductFactory(title="Brass Puja Thali", stockrecords__partner=partner)
    CraftProductFactory(
        title="Varanasi Silk Dupatta",
        district=District.objects.get(slug="varanasi"),
        craft=Craft.objects.get(slug="silk-sarees"),
    )
    CraftProductFactory(
        title="Darjeeling First Flush",
        district=District.objects.get(slug="darjeeling"),
        craft=Craft.objects.get(slug="tea"),
    )
    _index()
    return partner


def test_state_page_lists_its_districts_odop_products_makers_and_products(client, brass_and_silk):
    response = client.get("/states/up/")
    html = response.content.decode()
    assert response.status_code == 200
    districts = _section(html, "state-districts")
    # Districts with something on sale are links; the rest are "coming soon", never links to empty pages
    assert 'href="/districts/moradabad/"' in districts and 'href="/districts/varanasi/"' in districts
    assert 'href="/districts/agra/"' not in districts
    agra = districts.split("Agra", 1)[1].split("</li>", 1)[0]
    assert "coming soon" in agra and "Leather Product" in agra
    assert "Ansari Brass Works" in _section(html, "state-makers")
    assert "Brass Puja Thali" in html and "Varanasi Silk Dupatta" in html
    assert "Darjeeling First Flush" not in html
    # The same facet panel as search, without the fixed state facet
    assert 'data-facet="district"' in html and 'data-facet="state"' not in html


def test_state_page_filters_with_the_facet_panel(client, brass_and_silk):
    html = client.get("/states/up/?district=varanasi").content.decode()
    assert "Varanasi Silk Dupatta" in html and "Brass Puja Thali" not in html


@pytest.mark.parametrize("code", ["xx", "UP", "u", "upp", "1", "%E0%A4%89"])
def test_unknown_or_malformed_state_codes_are_404(client, odop_reference, code):
    assert client.get(f"/states/{code}/").status_code == 404


def test_state_page_in_hindi_names_the_state_and_districts_in_hindi(client, brass_and_silk):
    html = client.get("/states/up/", HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "उत्तर प्रदेश" in html and "मुरादाबाद" in html
    assert "जल्द आ रहा है" in html


def test_craft_page_for_a_craft_and_for_its_family(client, brass_and_silk):
    craft = client.get("/crafts/brassware/").content.decode()
    assert "Brass Puja Thali" in craft and "Varanasi Silk Dupatta" not in craft
    assert 'href="/districts/moradabad/"' in _section(craft, "craft-places")
    assert "Ansari Brass Works" in _section(craft, "craft-makers")
    assert 'href="/gi/moradabad-metal-craft/"' in craft
    family = client.get("/crafts/metal-craft/").content.decode()
    children = _section(family, "craft-children")
    assert 'href="/crafts/brassware/"' in children
    # a craft of the family with nothing on sale is not a link
    assert 'href="/crafts/bidriware/"' not in children and "coming soon" in children
    assert "Brass Puja Thali" in family


def test_unknown_craft_is_404(client, odop_reference):
    assert client.get("/crafts/unobtainium/").status_code == 404


def test_gi_directory_shows_every_gi_with_products_or_coming_soon(client, brass_and_silk):
    html = client.get("/gi/").content.decode()
    assert html.count('class="col-sm-6 col-md-4 mb-2 gi-item"') == GITag.objects.count()
    assert 'href="/gi/darjeeling-tea/"' in html
    kashmir = html.split("Kashmir Saffron", 1)[1].split("</li>", 1)[0]
    assert "coming soon" in kashmir


def test_gi_page_shows_registered_facts_with_sources_makers_and_products(client, brass_and_silk, ops):
    tag = GITag.objects.get(slug="darjeeling-tea")
    CraftProductFactory(title="Darjeeling Tea Estate Pack", district=tag.district, craft=tag.craft, gi_tag=tag)
    maker = ArtisanProfileFactory(partner=ArtisanPartnerFactory(name="Makaibari Growers"), district=tag.district)
    GIAuthorisation.objects.create(profile=maker, gi_tag=tag, registration_number="AU/1/2020", verified_by=ops)
    _index()
    html = client.get("/gi/darjeeling-tea/").content.decode()
    facts = _section(html, "gi-facts")
    assert "1, 2" in facts and "2004" in facts and "class 30" in facts and "Darjeeling hills" in facts
    assert "not yet checked against the GI Journal" in facts  # each fact says where it came from
    assert "Makaibari Growers" in _section(html, "gi-makers")
    assert "Darjeeling Tea Estate Pack" in html and "Brass Puja Thali" not in html


def test_gi_page_without_verified_facts_says_so(client, odop_reference):
    html = client.get("/gi/bidriware/").content.decode()
    assert "not yet verified" in _section(html, "gi-facts")


def test_unknown_gi_is_404(client, odop_reference):
    assert client.get("/gi/atlantis-tea/").status_code == 404


def test_every_gi_the_shop_lists_has_a_region_and_a_source_for_each_fact(odop_reference):
    for tag in GITag.objects.all():
        assert tag.region and tag.region_hi, tag.slug
        for fact in ("registration_number", "nice_classes", "registered_year", "region"):
            if getattr(tag, fact):
                assert tag.fact_sources.get(fact), (tag.slug, fact)


@pytest.fixture
def thousand_products(odop_reference):
    demo_catalogue_load(products=1000, seed=3)


@pytest.mark.parametrize(
    ("path", "most"),
    [
        ("/states/up/", 30),
        ("/crafts/metal-craft/", 30),
        ("/crafts/brassware/", 30),
        ("/gi/", 6),
        ("/gi/moradabad-metal-craft/", 28),
    ],
)
def test_discovery_pages_cost_a_fixed_number_of_queries_at_1000_products(
    client, thousand_products, django_assert_max_num_queries, path, most
):
    client.get(path)  # thumbnails are made on the first view
    with django_assert_max_num_queries(most):
        response = client.get(path)
    assert response.status_code == 200
