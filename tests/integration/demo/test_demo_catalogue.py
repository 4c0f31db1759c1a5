from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from oscar.core.loading import get_model

from catalogue_ext.models import Product
from demo.catalogue import demo_catalogue_load


def signing_in():
    """A sign-in needs its request (the sign-in throttle counts by address, issue 12)."""
    return RequestFactory().post("/accounts/login/")


StockRecord = get_model("partner", "StockRecord")


def _snapshot() -> list[tuple]:
    return list(
        Product.objects.order_by("upc").values_list(
            "upc", "title", "district__slug", "craft__slug", "gi_tag__slug", "stockrecords__price"
        )
    )


def test_the_same_seed_builds_the_same_catalogue_and_a_larger_run_extends_it(odop_reference):
    # Given a 30-product catalogue
    first = demo_catalogue_load(products=30, seed=5)
    small = _snapshot()
    # When it is asked for 60 with the same seed
    second = demo_catalogue_load(products=60, seed=5)
    # Then the first 30 are untouched and 30 more were added
    assert (first.created, second.created, second.skipped) == (30, 30, 30)
    assert _snapshot()[:30] == small
    assert Product.objects.count() == 60


def test_demo_products_are_complete_listings_from_many_districts(odop_reference):
    demo_catalogue_load(products=200, seed=9)
    products = Product.objects.all()
    assert not products.filter(district__isnull=True).exists()
    assert not products.filter(craft__isnull=True).exists()
    assert not products.filter(weight_grams__isnull=True).exists()
    assert products.values("district").distinct().count() >= 15
    assert products.filter(gi_tag__isnull=False).exists()
    assert StockRecord.objects.values("partner").distinct().count() >= 20
    prices = StockRecord.objects.values_list("price", flat=True)
    assert all(isinstance(price, Decimal) and price > 0 and price.as_tuple().exponent == -2 for price in prices)
    assert all(product.images.exists() for product in products[:20])
    odop = [product.is_odop for product in Product.objects.with_origin()]
    assert any(odop) and not all(odop)


def test_the_demo_loader_refuses_without_reference_data(db):
    from catalogue_ext.models import OdopDesignation

    OdopDesignation.objects.all().delete()
    with pytest.raises(CommandError, match="load_odop_reference"):
        call_command("load_demo_catalogue", products=5, verbosity=0)


@pytest.mark.parametrize("args", [{"products": -1}, {"seed": 5000}])
def test_the_demo_loader_refuses_bad_arguments(odop_reference, args):
    with pytest.raises(CommandError):
        call_command("load_demo_catalogue", verbosity=0, **args)


def test_demo_logins_are_never_created_in_production_mode(odop_reference, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=0"):
        call_command("demo_logins", verbosity=0)


def test_demo_logins_reach_the_dashboard_as_ops_and_the_studio_as_the_artisan(client, odop_reference, settings):
    settings.DEBUG = True
    demo_catalogue_load(products=40, seed=2)
    call_command("demo_logins", verbosity=0)
    settings.DEBUG = False
    # The ops login sees the dashboard
    assert client.login(request=signing_in(), username="ops@odop.example", password="ops-demo-2026")
    assert client.get("/dashboard/").status_code == 200
    client.logout()
    # The artisan login works in its studio, which lists only its own products; Oscar's dashboard is ops-only
    assert client.login(request=signing_in(), username="artisan@odop.example", password="artisan-demo-2026")
    response = client.get("/artisans/studio/")
    assert response.status_code == 200
    own = set(Product.objects.filter(stockrecords__partner__code="demo-artisan-01").values_list("title", flat=True))
    listed = {product.title for product in response.context["products"]}
    assert listed and listed == own
    assert client.get("/dashboard/orders/").status_code == 403
    client.logout()
    # The shopper login is not let into the dashboard
    assert client.login(request=signing_in(), username="shopper@odop.example", password="shopper-demo-2026")
    assert client.get("/dashboard/").status_code in (302, 403)


def test_demo_products_with_a_gi_badge_come_from_authorised_users_of_that_gi(odop_reference):
    from artisans.models import GIAuthorisation

    demo_catalogue_load(products=200, seed=9)
    tagged = Product.objects.filter(gi_tag__isnull=False, stockrecords__partner__artisan_profile__status="verified")
    assert tagged.exists()
    for product in tagged.select_related("gi_tag"):
        profile = product.stockrecords.get().partner.artisan_profile
        assert GIAuthorisation.objects.filter(profile=profile, gi_tag=product.gi_tag).exists(), product.title
    assert not GIAuthorisation.objects.exclude(profile__status="verified").exists()
