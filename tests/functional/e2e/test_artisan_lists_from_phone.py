"""Issue 16: an artisan lists a product from a phone (390×844, Hindi): photos first, a size, done."""

import io
import os

import pytest
from django.test import Client
from PIL import Image

from catalogue_ext.models import Product

pytestmark = pytest.mark.e2e


def _photo(colour) -> dict:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), colour).save(out, format="JPEG")
    return {"name": f"{colour}.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


@pytest.fixture
def artisan(transactional_db, odop_reference):
    from tests.functional.artisans.conftest import make_artisan

    return make_artisan(name="Ansari Brass Works")


@pytest.fixture
def phone(browser, live_server, artisan):
    """A Hindi phone signed in as the artisan (the session cookie of a signed-in test client)."""
    client = Client()
    client.force_login(artisan.user)
    context = browser.new_context(
        locale="hi-IN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    host = live_server.url.split("//", 1)[1].split(":")[0]
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "domain": host, "path": "/"}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_an_artisan_lists_a_product_from_the_phone_camera_in_hindi(live_server, phone, artisan):
    page = phone
    page.goto(f"{live_server.url}/artisans/studio/products/new/")
    form = page.locator("form.studio-product-form")
    # The first thing on the form is the camera, taking several photos
    first = form.locator("input:not([type=hidden])").first
    assert first.get_attribute("name") == "photos" and first.get_attribute("capture") == "environment"
    assert first.get_attribute("multiple") is not None
    # Hindi labels, and the page fits the phone's width
    assert "फ़ोटो" in form.inner_text() or "तस्वीर" in form.inner_text()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    # The details are folded away; only name, price, stock and a size are asked
    assert not form.locator("[name=hsn_code]").is_visible()
    first.set_input_files([_photo("orange"), _photo("brown")])
    form.locator("[name=title]").fill("नक्काशीदार पीतल का लोटा")
    form.locator("[name=price]").fill("1499")
    form.locator("[name=num_in_stock]").fill("4")
    form.locator("label.studio-size").nth(1).tap()
    if os.environ.get("E2E_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["E2E_SCREENSHOTS"], "studio-listing-phone-hi.png"), full_page=True)
    form.locator("button[type=submit]").last.tap()
    page.locator(".alert-success").first.wait_for()
    product = Product.objects.get(title="नक्काशीदार पीतल का लोटा")
    assert product.images.count() == 2 and product.hsn_code == "7418" and product.weight_grams == 1500
