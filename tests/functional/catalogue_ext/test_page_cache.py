"""Anonymous storefront pages come from the cache, and never show a price or a product that changed."""

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from artisans import services as artisan_services
from catalogue_ext.models import Product
from search.services import search_index_products
from tests.factories import CraftProductFactory


@pytest.fixture
def listed(odop_reference):
    product = CraftProductFactory(title="Engraved Brass Lota")
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


PAGES = ["/", "/catalogue/", "/districts/moradabad/", "product"]


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
def test_a_suspended_artisans_product_leaves_cached_pages(client, listed, page, ops, django_capture_on_commit_callbacks):
    url = _url(page, listed)
    assert listed.title in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        artisan_services.artisan_suspend(profile=_record(listed).partner.artisan_profile, by=ops, reason="Fake GI claims")
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
        f"/basket/add/{listed.pk}/", {"csrfmiddlewaretoken": token, "quantity": 1}, HTTP_REFERER=listed.get_absolute_url()
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
        assert not any("catalogue_district" in sql and "COUNT(" in sql.upper() and "SELECT U0" in sql for sql in counting)
