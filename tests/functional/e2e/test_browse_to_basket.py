import os
import re

import pytest

from catalogue_ext.models import District, GITag
from search.services import search_index_products
from tests.factories import CraftProductFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def listed(transactional_db, odop_reference):
    brass = CraftProductFactory(
        title="Engraved Brass Flower Vase",
        gi_tag=GITag.objects.get(name__icontains="Moradabad"),
        stockrecords__price="2499.00",
    )
    saree = CraftProductFactory(title="Banarasi Katan Silk Saree", district=District.objects.get(slug="varanasi"))
    search_index_products(product_ids=[brass.id, saree.id])
    return brass


def test_shopper_finds_an_odop_product_by_district_and_buys_it(live_server, page, listed):
    # Given the district directory
    page.goto(f"{live_server.url}/districts/")
    page.get_by_role("link", name="Moradabad").click()
    # When the shopper opens Moradabad's brass vase
    page.get_by_role("heading", name=re.compile("Products from Moradabad")).wait_for()
    page.get_by_role("link", name=re.compile("Engraved Brass")).first.click()
    # Then the product page shows its origin and both badges
    origin = page.locator(".product-origin")
    assert origin.locator(".badge-odop").inner_text() == "ODOP"
    assert "Moradabad Metal Craft" in origin.locator(".badge-gi").inner_text()
    assert page.locator(".origin-state").inner_text() == "Uttar Pradesh"
    assert "₹2,499.00" in page.locator(".product_main").inner_text()
    if os.environ.get("E2E_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["E2E_SCREENSHOTS"], "product.png"), full_page=True)
    # When it goes into the basket
    page.get_by_role("button", name=re.compile("Add to (basket|cart)")).click()
    page.locator(".alert-success").first.wait_for()
    page.goto(f"{live_server.url}/basket/")
    # Then the basket holds it at its rupee price
    basket = page.locator("#content_inner")
    assert "Engraved Brass Flower Vase" in basket.inner_text()
    assert "₹2,499.00" in basket.inner_text()


def test_shopper_switches_the_shop_to_hindi(live_server, page, listed):
    page.goto(f"{live_server.url}/districts/")
    page.get_by_role("button", name="हिन्दी").click()
    page.get_by_role("heading", name="ज़िले के अनुसार ख़रीदें").wait_for()
    assert "मुरादाबाद" in page.locator("#state-UP").inner_text()
