"""The shopper's whole journey on a desktop and a phone, with a screenshot of every step
(tests/functional/e2e/screenshots/<device>/, git-ignored; E2E_SCREENSHOTS moves them)."""

import re

import pytest

from tests.functional.e2e.conftest import checkout_as_guest, shoot

pytestmark = pytest.mark.e2e


def test_home_to_district_to_craft_to_product_to_cod_order_and_invoice(live_server, device_page, shop):
    page, base = device_page, live_server.url
    step = lambda name: shoot(page, name)  # noqa: E731

    # Given the home page
    page.goto(base + "/")
    step("01-home")
    # When the shopper goes to the districts and picks Moradabad
    page.locator("main").get_by_role("link", name=re.compile("Shop by district")).click()
    page.locator("#state-UP").get_by_role("link", name=re.compile("Moradabad")).first.click()
    page.get_by_role("heading", name=re.compile("Products from Moradabad")).wait_for()
    step("02-district")
    # and narrows it to brassware (on a phone the filters open from a button)
    if page.locator(".filter-toggle").is_visible():
        page.locator(".filter-toggle").click()
    page.locator("#filter-panel").get_by_role("link", name=re.compile(r"^Brassware")).first.click()
    page.wait_for_url(re.compile(r"brassware"))
    step("03-craft-filter")
    cards = page.locator(".product_pod h3 a")
    assert cards.count() == 1 and "Engraved Brass Flower Vase" in cards.first.inner_text()
    # Then the product page shows where it comes from
    cards.first.click()
    page.get_by_role("heading", level=1, name="Engraved Brass Flower Vase").wait_for()
    assert "₹1,249.00" in page.locator(".buy-box").inner_text()
    assert page.locator(".provenance .badge-gi").count() == 1
    step("04-product")
    # When they check delivery to their pincode
    page.fill(".delivery-check input[name=pincode]", "400001")
    page.locator(".delivery-check button[type=submit]").click()
    result = page.locator(".delivery-check-result.is-good")
    result.wait_for()
    assert re.search(r"\d", result.inner_text())  # an estimate in days
    step("05-pincode-check")
    # and put it in the basket
    page.locator("#add_to_basket_form button[type=submit]").click()
    page.locator(".alert-success").first.wait_for()
    # (the page re-checks the remembered pincode; let it finish: the test database is SQLite, one writer)
    page.wait_for_load_state("networkidle")
    page.goto(base + "/basket/")
    assert "Engraved Brass Flower Vase" in page.locator("main").inner_text()
    step("06-basket")
    # and check out as a guest paying cash on delivery
    checkout_as_guest(page, base, step=lambda name: step(f"07-{name}"))
    number = re.search(r"\b(\d{6,})\b", page.locator("main h1, main .page-header").first.inner_text()).group(1)
    # Then the order page (after the e-mail check) lists the parcel with its tax invoice
    page.locator("main").get_by_role("link", name=re.compile("View order status")).click()
    if page.locator("input[name=email]").count():
        page.fill("input[name=email]", "guest@example.com")
        page.locator("main form button[type=submit]").first.click()
    page.locator(".order-parcel").first.wait_for()
    assert number in page.locator("main").inner_text()
    step("08-order")
    page.locator("[data-invoice-link] a").first.click()
    page.wait_for_url(re.compile(r"/invoices/\d+/$"))
    body = page.locator("body").inner_text()
    assert "Tax invoice" in body or "TAX INVOICE" in body.upper()
    assert "Engraved Brass Flower Vase" in body and "Asha Rao" in body
    step("09-invoice")
