"""axe-core finds no critical or serious WCAG 2.1 A/AA violation on the pages a shopper or an artisan uses,
on a desktop and on a phone."""

import pytest

from tests.functional.e2e.axe import describe, serious_violations
from tests.functional.e2e.conftest import checkout_as_guest

pytestmark = pytest.mark.e2e


def test_storefront_pages_pass_axe(live_server, device_page, shop):
    page, base = device_page, live_server.url
    found = {}

    def check(name):
        page.wait_for_load_state()
        if violations := serious_violations(page):
            found[name] = violations

    for name, path in [
        ("home", "/"),
        ("district listing", "/districts/moradabad/"),
        ("all products", "/catalogue/"),
        ("search", "/search/?q=brass"),
        ("districts", "/districts/"),
        ("about", "/about/"),
        ("artisan sign-up", "/artisans/join/"),
        ("not found", "/no-such-page/"),
    ]:
        page.goto(base + path)
        check(name)
    page.goto(base + shop.get_absolute_url())
    check("product")
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state("networkidle")  # the remembered-pincode check first: SQLite has one writer
    page.goto(base + "/basket/")
    check("basket")

    assert found == {}, describe(found)


def test_every_checkout_step_passes_axe(live_server, device_page, shop):
    page, base = device_page, live_server.url
    found = {}

    def check(name):
        page.wait_for_load_state()
        if violations := serious_violations(page):
            found[name] = violations

    page.goto(base + shop.get_absolute_url())
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.wait_for_load_state("networkidle")  # the remembered-pincode check first: SQLite has one writer
    checkout_as_guest(page, base, step=check)

    assert found == {}, describe(found)


def test_the_studio_product_form_passes_axe(live_server, device_page, shop):
    from django.contrib.auth import get_user_model

    page, base = device_page, live_server.url
    partner = shop.stockrecords.get().partner  # a verified artisan's
    user = get_user_model().objects.create_user(
        username="studio-e2e", email="studio@example.com", password="pass-1234-word"
    )
    partner.users.add(user)

    page.goto(base + "/accounts/login/?next=/artisans/studio/products/new/")
    page.fill("#id_login-username", "studio@example.com")
    page.fill("#id_login-password", "pass-1234-word")
    page.locator("button[name=login_submit]").click()
    page.wait_for_url("**/artisans/studio/products/new/")
    found = {}
    if violations := serious_violations(page):
        found["studio product form"] = violations

    assert found == {}, describe(found)
