import pytest
from django.conf import settings

from catalogue_ext.models import District, Product
from demo.catalogue import demo_catalogue_load
from search.services import search_index_products
from tests.factories import CraftProductFactory


def test_district_directory_groups_districts_by_state_with_product_counts(client, odop_reference):
    # Given two brass products from Moradabad and one hidden one
    CraftProductFactory.create_batch(2)
    CraftProductFactory(is_public=False)
    # When the shopper opens the directory
    response = client.get("/districts/")
    html = response.content.decode()
    # Then every state with districts is a group, and Moradabad counts only its listed products
    assert response.status_code == 200
    assert 'id="state-UP"' in html and 'id="state-WB"' in html
    moradabad = html.split('href="/districts/moradabad/"', 1)[1].split("</li>", 1)[0]
    assert "2 products" in moradabad
    assert "Metal Craft" in moradabad
    assert html.count('class="col-sm-6 col-md-4 mb-2 district-item"') == District.objects.count()


def test_district_page_shows_its_odop_products_and_its_products(client, odop_reference):
    product = CraftProductFactory(title="Brass Puja Thali")
    CraftProductFactory(title="Varanasi Silk Dupatta", district=District.objects.get(slug="varanasi"))
    search_index_products(product_ids=Product.objects.values_list("id", flat=True))
    response = client.get("/districts/moradabad/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Metal Craft" in html.split('class="odop-designations', 1)[1].split("</section>", 1)[0]
    assert product.title in html
    assert "Varanasi Silk Dupatta" not in html


def test_unknown_district_is_a_404(client, odop_reference):
    assert client.get("/districts/atlantis/").status_code == 404


def test_a_bad_page_number_shows_a_real_page(client, odop_reference):
    CraftProductFactory()
    search_index_products(product_ids=Product.objects.values_list("id", flat=True))
    for page in ("abc", "999", "-1"):
        response = client.get(f"/districts/moradabad/?page={page}")
        assert response.status_code == 200
        assert "<strong>1</strong> product." in response.content.decode()


@pytest.fixture
def thousand_products(odop_reference):
    demo_catalogue_load(products=1000, seed=3)
    assert Product.objects.filter(is_public=True).count() == 1000


def _busiest_district() -> District:
    return max(District.objects.all(), key=lambda d: d.products.count())


# Listing pages run the faceted search (text, five facets, price bands) behind their product grid.
@pytest.mark.parametrize(
    ("path", "most"), [("/", 14), ("/districts/", 6), ("district", 26), ("/catalogue/", 26), ("product", 18)]
)
def test_catalogue_pages_cost_a_fixed_number_of_queries_at_1000_products(
    client, thousand_products, django_assert_max_num_queries, path, most
):
    url = {
        "district": _busiest_district().get_absolute_url(),
        "product": Product.objects.last().get_absolute_url(),
    }.get(path, path)
    client.get(url)  # thumbnails are made on the first view
    with django_assert_max_num_queries(most):
        response = client.get(url)
    assert response.status_code == 200


def test_home_page_leads_to_districts_crafts_and_new_products(client, odop_reference):
    CraftProductFactory(title="Brass Puja Thali")
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="/districts/moradabad/"' in html
    assert "Metal Craft" in html
    assert "Metal craft" in html.split('class="home-crafts"', 1)[1]
    assert "Brass Puja Thali" in html


def test_districts_opens_on_a_clickable_map_shaded_by_products_on_sale(client, odop_reference):
    # Given products on sale in Uttar Pradesh only
    CraftProductFactory.create_batch(3)
    html = client.get("/districts/").content.decode()
    svg = html.split('<svg class="india-map-svg"', 1)[1].split("</svg>", 1)[0]
    # Then UP is a keyboard-reachable link to its page, named for screen readers with its count, darkest shade
    up = svg.split('data-state="UP"', 1)[0].rsplit("<a ", 1)[1] + svg.split('data-state="UP"', 1)[1].split("</a>", 1)[0]
    assert 'href="/states/up/"' in up and 'aria-label="Uttar Pradesh: 3 products"' in up and "shade-4" in up
    assert "svg-maps-india/india" in up and "#up" in up
    # and a state with nothing on sale is drawn but is not a link
    assert 'href="/states/wb/"' not in svg and "West Bengal: coming soon" in svg
    # The list beside the map says the same
    listing = html.split('class="list-unstyled map-state-list', 1)[1].split("</ul>", 1)[0]
    assert 'href="/states/up/"' in listing and 'href="/states/wb/"' not in listing
    assert "CC BY 4.0" in html and "style=" not in svg and "<script" not in svg


def test_every_state_in_the_reference_data_is_on_the_map_or_beside_it(odop_reference):
    from catalogue_ext.india_map import SHAPES_BY_STATE, shade_for
    from catalogue_ext.models import State

    missing = set(State.objects.values_list("code", flat=True)) - set(SHAPES_BY_STATE)
    assert missing == {"LA"}  # Ladakh is drawn within Jammu and Kashmir in the outline
    shapes = [shape for shapes in SHAPES_BY_STATE.values() for shape in shapes]
    svg = (settings.BASE_DIR / "static/shop/vendor/svg-maps-india/india.svg").read_text()
    assert all(f'id="{shape}"' in svg for shape in shapes) and svg.count("<path") == len(shapes)
    assert [shade_for(n, most=100) for n in (0, 1, 25, 26, 50, 99, 100)] == [0, 1, 1, 2, 2, 4, 4]
