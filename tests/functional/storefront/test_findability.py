"""Search engines and link previews: titles, descriptions, canonical, Open Graph, JSON-LD and sitemaps."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from tests.factories import CraftProductFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    items = []
    for block in blocks:
        data = json.loads(block)
        items.extend(data if isinstance(data, list) else [data])
    return items


def of_type(items, kind):
    return [item for item in items if item.get("@type") == kind]


def meta(html: str, attr: str, name: str) -> str:
    match = re.search(rf'<meta {attr}="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else ""


@pytest.fixture
def product(odop_reference):
    return CraftProductFactory(
        title="Engraved Brass Flower Vase", description="<p>Hand-engraved by <b>Ansari</b> & sons.</p>"
    )


def test_product_page_carries_product_offer_and_brand_as_json_ld(client, product):
    html = client.get(product.get_absolute_url()).content.decode()

    [data] = of_type(json_ld(html), "Product")
    assert data["name"] == "Engraved Brass Flower Vase"
    assert data["url"] == f"http://testserver{product.get_absolute_url()}"
    assert data["brand"] == {"@type": "Brand", "name": product.stockrecords.first().partner.name}
    assert data["offers"]["@type"] == "Offer"
    assert data["offers"]["price"] == "1249.00"
    assert data["offers"]["priceCurrency"] == "INR"
    assert data["offers"]["availability"] == "https://schema.org/InStock"
    assert data["description"] == "Hand-engraved by Ansari & sons."
    assert {"@type": "PropertyValue", "name": "District", "value": "Moradabad"} in data["additionalProperty"]
    assert "aggregateRating" not in data  # no reviews, no stars


def test_a_sold_out_product_says_so_in_its_offer(client, product):
    product.stockrecords.update(num_in_stock=0)
    html = client.get(product.get_absolute_url()).content.decode()

    [data] = of_type(json_ld(html), "Product")
    assert data["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_product_page_has_breadcrumbs_as_json_ld(client, product):
    html = client.get(product.get_absolute_url()).content.decode()

    [crumbs] = of_type(json_ld(html), "BreadcrumbList")
    names = [item["name"] for item in crumbs["itemListElement"]]
    assert names == ["Home", "Moradabad", "Engraved Brass Flower Vase"]
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]
    assert crumbs["itemListElement"][1]["item"] == "http://testserver/districts/moradabad/"


def test_product_page_has_title_description_canonical_and_link_preview(client, product):
    html = client.get(product.get_absolute_url() + "?utm_source=whatsapp").content.decode()

    assert re.search(r"<title>Engraved Brass Flower Vase — Moradabad \| ODOP Bazaar</title>", html)
    description = meta(html, "name", "description")
    assert "Engraved Brass Flower Vase" in description and "Moradabad" in description and "₹1,249.00" in description
    assert f'<link rel="canonical" href="http://testserver{product.get_absolute_url()}">' in html
    assert meta(html, "property", "og:type") == "product"
    assert meta(html, "property", "og:title") == "Engraved Brass Flower Vase"
    assert meta(html, "property", "og:image").startswith("http://testserver/")
    assert meta(html, "name", "twitter:card") == "summary_large_image"


def test_titles_and_descriptions_differ_between_pages(client, product):
    other = CraftProductFactory(title="Brass Puja Thali")
    pages = ["/", "/catalogue/", "/districts/", product.get_absolute_url(), other.get_absolute_url(), "/about/"]
    titles, descriptions = set(), set()
    for url in pages:
        html = client.get(url).content.decode()
        titles.add(re.search(r"<title>(.*?)</title>", html, flags=re.S).group(1).strip())
        descriptions.add(meta(html, "name", "description"))
    assert len(titles) == len(pages)
    assert len(descriptions) >= len(pages) - 2  # listing pages share the shop's own description


def test_home_describes_the_shop_as_an_organization_with_a_site_search(client, odop_reference):
    items = json_ld(client.get("/").content.decode())

    assert of_type(items, "Organization")[0]["name"] == "ODOP Bazaar"
    [site] = of_type(items, "WebSite")
    assert site["potentialAction"]["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"


def test_json_ld_cannot_be_closed_by_text_in_the_data(client, odop_reference):
    product = CraftProductFactory(title="Vase </script><script>alert(1)</script>")
    html = client.get(product.get_absolute_url()).content.decode()

    assert "</script><script>alert(1)" not in html
    [data] = of_type(json_ld(html), "Product")
    assert data["name"] == "Vase </script><script>alert(1)</script>"


def _locations(xml_bytes: bytes, tag: str) -> list[str]:
    root = ET.fromstring(xml_bytes)
    return [el.text for el in root.findall(f"sm:{tag}/sm:loc", SITEMAP_NS)]


def test_sitemap_index_lists_one_sitemap_per_kind_of_page(client, product):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    sitemaps = _locations(response.content, "sitemap")
    for section in ("pages", "products", "districts", "crafts", "artisans"):
        assert f"http://testserver/sitemap-{section}.xml" in sitemaps


def test_product_sitemap_lists_buyable_products_only(client, odop_reference):
    listed = CraftProductFactory(title="Listed Vase")
    hidden = CraftProductFactory(title="Hidden Vase", is_public=False)

    urls = _locations(client.get("/sitemap-products.xml").content, "url")

    assert f"http://testserver{listed.get_absolute_url()}" in urls
    assert f"http://testserver{hidden.get_absolute_url()}" not in urls


def test_product_sitemap_is_paginated_and_each_page_costs_a_fixed_number_of_queries(
    client, odop_reference, settings, django_assert_max_num_queries, monkeypatch
):
    from storefront import sitemaps

    monkeypatch.setattr(sitemaps.ProductSitemap, "limit", 3)
    products = [CraftProductFactory(title=f"Vase {n}") for n in range(7)]

    index = _locations(client.get("/sitemap.xml").content, "sitemap")
    assert "http://testserver/sitemap-products.xml?p=3" in index
    with django_assert_max_num_queries(4):
        page = client.get("/sitemap-products.xml?p=2")
    urls = _locations(page.content, "url")
    assert len(urls) == 3
    seen = set()
    for p in (1, 2, 3):
        seen.update(_locations(client.get(f"/sitemap-products.xml?p={p}").content, "url"))
    assert seen == {f"http://testserver{p.get_absolute_url()}" for p in products}


def test_information_pages_are_in_the_sitemap_in_one_language(client, odop_reference):
    urls = _locations(client.get("/sitemap-pages.xml").content, "url")

    assert "http://testserver/returns/" in urls
    assert not any("/hi/" in url for url in urls)
