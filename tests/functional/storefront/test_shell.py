"""The storefront shell: one look of our own, light, labelled, with the shop's information pages."""

import re

import pytest
from django.utils import translation

from search.services import search_index_products
from tests.factories import CraftProductFactory

pytestmark = pytest.mark.django_db

SHOPPER_PAGES = (
    "/",
    "/catalogue/",
    "/search/?q=brass",
    "/districts/",
    "/districts/moradabad/",
    "/basket/",
    "/artisans/join/",
)


@pytest.fixture
def product(odop_reference, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product = CraftProductFactory(title="Engraved Brass Flower Vase with Lotus Border, Large")
        search_index_products(product_ids=[product.pk])
    return product


@pytest.mark.parametrize("url", SHOPPER_PAGES)
def test_shopper_pages_use_the_shops_own_shell(client, product, url):
    # When a shopper opens any storefront page
    html = client.get(url).content.decode()

    # Then it is the shop's own page: one <main>, our stylesheet and script, none of Oscar's
    # Bootstrap, jQuery or its 283 KB stylesheet, no icon font
    assert html.count("<main") == 1
    assert "shop/css/shop" in html and "shop/js/shop" in html
    for heavy in ("oscar/css/styles", "jquery", "bootstrap", "fontawesome", "font-awesome"):
        assert heavy not in html, heavy
    # And nothing inline that a strict Content-Security-Policy would block (JSON-LD data blocks aside)
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert all('type="application/ld+json"' in attrs for attrs in scripts), scripts
    assert " style=" not in html
    assert not re.search(r"\son[a-z]+=", html)


def test_header_offers_one_tap_language_switch_and_a_labelled_search(client, product):
    html = client.get("/").content.decode()

    assert '<button type="submit" name="language" value="hi" lang="hi"' in html
    assert '<select name="language"' not in html
    for field_id in re.findall(r'<input type="search" name="q" id="([^"]+)"', html):
        assert f'<label class="sr-only" for="{field_id}">' in html


def test_footer_links_the_shops_information_pages_and_each_page_answers(client, odop_reference):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer"') :]

    for url in ("/about/", "/contact/", "/returns/", "/shipping-policy/", "/privacy/", "/terms/"):
        assert f'href="{url}"' in footer
        page = client.get(url)
        assert page.status_code == 200, url
        assert "<main" in page.content.decode()


def test_information_pages_are_in_hindi_for_a_hindi_reader(client, odop_reference):
    client.cookies["django_language"] = "hi"
    html = client.get("/returns/").content.decode()

    assert "<title>वापसी और रिफ़ंड | ODOP Bazaar</title>" in html
    assert "कार्ड से भुगतान" in html


def test_ops_edit_an_information_page_in_the_dashboard(ops_client, ops, odop_reference):
    from django.contrib.auth.models import Permission
    from django.contrib.flatpages.models import FlatPage

    ops.user_permissions.add(*Permission.objects.filter(content_type__app_label="flatpages"))
    page = FlatPage.objects.get(url="/returns/")
    response = ops_client.post(
        f"/dashboard/pages/update/{page.pk}/",
        {"title": "Returns", "url": "/returns/", "content": "<p>Thirty days, no questions.</p>", "sites": [1]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Thirty days, no questions." in ops_client.get("/returns/").content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_private_pages(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    for private in ("/basket/", "/checkout/", "/accounts/", "/dashboard/", "/artisans/studio/"):
        assert f"Disallow: {private}" in body


def test_favicon_is_an_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"


def test_a_missing_page_is_a_404_in_the_shops_look_with_a_way_on(client, odop_reference):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "shop/css/shop" in html and "<main" in html
    assert 'name="robots" content="noindex"' in html
    assert 'action="/search/"' in html


def test_the_500_page_renders_without_a_request(settings):
    from django.template.loader import render_to_string

    with translation.override("en"):
        html = render_to_string("500.html")
    assert "Something went wrong on our side" in html
    assert "shop/css/shop" in html


def test_card_shows_the_full_title_maker_district_and_no_empty_stars(client, product):
    html = client.get("/catalogue/").content.decode()
    card = html[html.index('<article class="product_pod">') :]
    card = card[: card.index("</article>")]

    assert "Engraved Brass Flower Vase with Lotus Border, Large" in card
    assert "Moradabad" in card
    assert product.stockrecords.first().partner.name in card
    assert "badge-odop" in card
    assert "₹1,249.00" in card
    assert "star" not in card


def test_home_shows_only_products_that_can_be_bought_now(client, odop_reference):
    buyable = CraftProductFactory(title="Brass Lamp In Stock")
    sold_out = CraftProductFactory(title="Brass Lamp Sold Out")
    sold_out.stockrecords.update(num_in_stock=0)

    html = client.get("/").content.decode()

    assert buyable.title in html
    assert sold_out.title not in html


def test_listing_filters_fold_into_a_panel_with_clear_all(client, product):
    html = client.get("/search/", {"q": "brass", "district": "moradabad"}).content.decode()

    assert 'href="#filter-panel"' in html and 'id="filter-panel"' in html
    assert 'class="clear-filters" href="?q=brass"' in html
    # the filter panel comes before the products in the page but is closed on a phone (CSS), so the
    # first product is the first thing under the bar
    assert html.index('id="filter-panel"') < html.index('<article class="product_pod">')
