"""Anonymous storefront pages come from the cache, and never show a price or a product that changed."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from artisans import services as artisan_services
from catalogue_ext.models import Product
from search.services import search_index_products
from tests.factories import CraftProductFactory, gi_tag


@pytest.fixture
def listed(odop_reference):
    product = CraftProductFactory(title="Engraved Brass Lota", gi_tag=gi_tag("moradabad-metal"))
    search_index_products(product_ids=[product.pk])
    return product


def _record(product):
    return product.stockrecords.get()


def _save(product, *, price=None, num_in_stock=None):
    record = _record(product)
    artisan_services.artisan_product_save(
        profile=record.partner.artisan_profile,
        product=product,
        fields={},
        price=price if price is not None else record.price,
        num_in_stock=num_in_stock if num_in_stock is not None else record.num_in_stock,
    )


PAGES = [
    "/",
    "/catalogue/",
    "/districts/moradabad/",
    "/states/up/",
    "/crafts/brassware/",
    "/gi/moradabad-metal-craft/",
    "product",
]


def _url(page, product):
    return product.get_absolute_url() if page == "product" else page


@pytest.mark.parametrize("page", PAGES)
def test_a_second_anonymous_visit_is_served_from_the_cache_without_touching_the_database(
    client, listed, page, django_assert_num_queries
):
    # Given a shopper already saw the page
    first = client.get(_url(page, listed))
    assert first["X-Page-Cache"] == "miss"
    # When another shopper without cookies opens it
    fresh = Client()
    queries = 1 if page == "product" else 0  # Oscar's product-view counter still counts the visit
    with django_assert_num_queries(queries):
        second = fresh.get(_url(page, listed))
    # Then it is the same page, from the cache
    assert second["X-Page-Cache"] == "hit"
    assert second.status_code == 200
    assert listed.title in second.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_a_new_price_shows_at_once_on_cached_pages(client, listed, page, django_capture_on_commit_callbacks):
    client.get(_url(page, listed))
    # When the artisan changes the price
    with django_capture_on_commit_callbacks(execute=True):
        _save(listed, price=Decimal("2345.00"))
    # Then the next shopper sees the new price, not the cached old one
    html = Client().get(_url(page, listed)).content.decode()
    assert "₹2,345.00" in html
    assert "₹1,249.00" not in html


def test_a_product_that_sold_out_is_not_offered_from_a_cached_page(client, listed, django_capture_on_commit_callbacks):
    url = listed.get_absolute_url()
    assert 'id="add_to_basket_form"' in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _save(listed, num_in_stock=0)
    html = Client().get(url).content.decode()
    assert 'id="add_to_basket_form"' not in html


@pytest.mark.parametrize("page", PAGES)
def test_a_suspended_artisans_product_leaves_cached_pages(
    client, listed, page, ops, django_capture_on_commit_callbacks
):
    url = _url(page, listed)
    assert listed.title in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        artisan_services.artisan_suspend(
            profile=_record(listed).partner.artisan_profile, by=ops, reason="Fake GI claims"
        )
    response = Client().get(url)
    if page == "product":
        assert response.status_code == 404
    else:
        assert listed.title not in response.content.decode()


def test_an_order_taking_the_last_piece_takes_the_offer_off_cached_pages(listed, django_capture_on_commit_callbacks):
    from order_ext.utils import OrderCreator

    record = _record(listed)
    record.num_in_stock = 1
    record.save()
    url = listed.get_absolute_url()
    assert 'id="add_to_basket_form"' in Client().get(url).content.decode()

    class Line:
        product = listed
        stockrecord_id = record.pk
        quantity = 1

    with django_capture_on_commit_callbacks(execute=True):
        OrderCreator().update_stock_records(Line())
    assert 'id="add_to_basket_form"' not in Client().get(url).content.decode()


def test_hindi_and_english_are_cached_apart(client, listed):
    english = client.get("/districts/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    hindi = Client().get("/districts/", HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "मुरादाबाद" in hindi and "मुरादाबाद" not in english


def test_signed_in_shoppers_and_shoppers_with_a_basket_get_their_own_page(client, listed):
    Client().get("/")
    user = get_user_model().objects.create_user(username="asha", email="asha@example.com", password="pass-1234-word")
    client.force_login(user)
    # Their page is rendered for them (with their account and basket), never taken from or put in the cache
    assert "X-Page-Cache" not in client.get("/")
    assert "X-Page-Cache" not in client.get(listed.get_absolute_url())


def test_a_form_on_a_cached_page_carries_a_token_that_works_for_its_visitor(listed):
    Client().get(listed.get_absolute_url())  # cached by someone else
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(listed.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', page.content.decode()).group(1)
    response = visitor.post(
        f"/basket/add/{listed.pk}/",
        {"csrfmiddlewaretoken": token, "quantity": 1},
        HTTP_REFERER=listed.get_absolute_url(),
    )
    assert response.status_code == 302
    assert visitor.get("/basket/").context["basket"].num_items == 1


def test_counts_are_grouped_not_one_query_per_district(client, odop_reference, django_assert_max_num_queries):
    """The home page and the directory count with one grouped query each, however many districts sell."""
    from catalogue_ext.models import District

    districts = list(District.objects.order_by("slug")[:12])
    for district in districts:
        CraftProductFactory(district=district)
    search_index_products(product_ids=Product.objects.values_list("id", flat=True))
    client.get("/")  # thumbnails, the first time
    from django.core.cache import cache

    for path, most in (("/", 16), ("/districts/", 6)):
        cache.clear()
        with django_assert_max_num_queries(most) as captured:
            response = Client().get(path)
        assert response.status_code == 200
        counting = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
        assert len(counting) <= 2, counting
        assert not any(
            "catalogue_district" in sql and "COUNT(" in sql.upper() and "SELECT U0" in sql for sql in counting
        )


def _count(html: str, href: str) -> int:
    """The product count shown beside a link on a directory page (0 when it is not a link or has none)."""
    if f'href="{href}"' not in html:
        return 0
    item = html.split(f'href="{href}"', 1)[1].split("</li>", 1)[0]
    found = re.search(r'product-count">(\d+)', item)
    return int(found.group(1)) if found else 0


@pytest.mark.parametrize(
    ("page", "href"),
    [
        ("/gi/", "/gi/moradabad-metal-craft/"),
        ("/states/up/", "/districts/moradabad/"),
        ("/crafts/metal-craft/", "/crafts/brassware/"),
        ("/districts/", "/districts/moradabad/"),
    ],
)
def test_counts_on_cached_discovery_pages_follow_new_and_vanished_products(
    client, listed, page, href, ops, django_capture_on_commit_callbacks
):
    # Given an anonymous shopper saw the count (the page is now cached)
    assert _count(client.get(page).content.decode(), href) == 1
    # When the artisan lists a second product
    with django_capture_on_commit_callbacks(execute=True):
        second = CraftProductFactory(
            title="Brass Diya", gi_tag=gi_tag("moradabad-metal"), stockrecords__partner=_record(listed).partner
        )
        _save(second)
    # Then the next shopper sees two
    assert _count(Client().get(page).content.decode(), href) == 2
    # And when ops suspend the artisan, nothing is left to count and the place is "coming soon"
    with django_capture_on_commit_callbacks(execute=True):
        artisan_services.artisan_suspend(
            profile=_record(listed).partner.artisan_profile, by=ops, reason="Fake GI claims"
        )
    html = Client().get(page).content.decode()
    assert _count(html, href) == 0
    assert "Engraved Brass Lota" not in html


def _catalogue_of(size: int) -> None:
    """`size` buyable products spread over many districts, crafts, states and GI tags (Moradabad's
    brassware and metal-craft GI among them, so every page measured lists some)."""
    from catalogue_ext.models import Craft, District, GITag

    def first(rows, slug):
        return [*rows.filter(slug=slug), *rows.exclude(slug=slug).order_by("slug")[: size - 1]]

    districts = first(District.objects.all(), "moradabad")
    crafts = first(Craft.objects.filter(parent__isnull=False), "brassware")
    tags = first(GITag.objects.all(), "moradabad-metal-craft")
    for n in range(size):
        CraftProductFactory(
            district=districts[n % len(districts)], craft=crafts[n % len(crafts)], gi_tag=tags[n % len(tags)]
        )
    search_index_products(product_ids=Product.objects.values_list("id", flat=True))


DISCOVERY = ["/", "/districts/", "/states/up/", "/crafts/metal-craft/", "/gi/", "/gi/moradabad-metal-craft/"]


def _product_aggregates(captured) -> list[str]:
    """Queries that count or group over products: a scan of the catalogue, whatever its size."""
    return [
        q["sql"]
        for q in captured.captured_queries
        if "catalogue_product" in q["sql"] and ("COUNT(" in q["sql"].upper() or "GROUP BY" in q["sql"].upper())
    ]


@pytest.mark.parametrize("path", DISCOVERY)
def test_a_signed_in_shoppers_discovery_page_never_counts_the_catalogue_and_costs_the_same_at_any_size(
    client, odop_reference, django_user_model, path
):
    """Signed-in shoppers are not served whole cached pages; their pages still read every count from the
    per-version cache. At 12 and at 48 products over as many districts, crafts and GI tags, the page
    makes the same number of queries, and none of them counts or groups products."""
    user = django_user_model.objects.create_user(username="asha", email="asha@example.com", password="pass-1234-word")
    client.force_login(user)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    costs = []
    for size in (12, 36):
        _catalogue_of(size)
        assert client.get(path).status_code == 200  # first visit of this version: counts computed once
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200 and "X-Page-Cache" not in response
        assert _product_aggregates(captured) == [], _product_aggregates(captured)
        costs.append(len(captured.captured_queries))
    assert costs[0] == costs[1], costs


@pytest.mark.parametrize("path", [path for path in DISCOVERY if path != "/gi/moradabad-metal-craft/"])
def test_a_new_catalogue_version_counts_each_kind_once_with_one_grouped_query(client, odop_reference, path):
    """When the catalogue changed, the first page counts per state, district, craft or GI tag with one
    GROUP BY each, not a sub-query per row (the home page once took 5 s this way at 100,000 products)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _catalogue_of(24)
    Client().get(path)  # thumbnails and Oscar's first-visit work out of the way
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(path).status_code == 200
    counting = _product_aggregates(captured)
    assert counting, "the page shows counts, so a fresh version must compute them"
    for sql in counting:
        assert sql.upper().count("SELECT") <= 3, sql  # the buyable filter's EXISTS, not one count per row
        assert "GROUP BY" in sql.upper() or "LIMIT" in sql.upper(), sql
    assert len(counting) <= 4, counting


def test_product_views_are_still_counted_and_remembered_when_the_page_comes_from_the_cache(listed, django_user_model):
    from oscar.core.loading import get_model

    ProductRecord = get_model("analytics", "ProductRecord")
    UserProductView = get_model("analytics", "UserProductView")
    url = listed.get_absolute_url()
    Client().get(url)
    # When a second anonymous shopper gets the cached page and a signed-in one gets theirs
    visitor = Client()
    assert visitor.get(url)["X-Page-Cache"] == "hit"
    shopper = Client()
    shopper.force_login(
        django_user_model.objects.create_user(username="asha", email="asha@example.com", password="pass-1234-word")
    )
    shopper.get(url)
    # Then all three views are counted (on the queue; at once here), the signed-in one against the shopper
    assert ProductRecord.objects.get(product=listed).num_views == 3
    assert UserProductView.objects.filter(product=listed, user__username="asha").count() == 1
    # and the visitor's recently-viewed list has the product
    assert str(listed.pk) in visitor.cookies["oscar_history"].value
