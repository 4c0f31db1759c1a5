import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Flags that keep Debian's Chromium quiet on a machine with no outside network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_server():
    """pytest-django's server, but static files come through whitenoise's manifest as in production."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost", start=False)
    server.thread.static_handler = lambda handler: handler
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but no Chromium at {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium to run the end-to-end tests")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def csp_violations_recorded(page) -> list[str]:
    """What the browser refused under the shop's Content-Security-Policy on this page (issue 12)."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return violations


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-IN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations = csp_violations_recorded(page)
    yield page
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
DEVICES = {"desktop": DESKTOP, "phone": PHONE}
# Screenshots of the journeys go here (git-ignored); E2E_SCREENSHOTS moves them.
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS") or Path(__file__).parent / "screenshots")


@pytest.fixture(params=sorted(DEVICES))
def device_page(request, browser):
    """A fresh page on a 1366×900 desktop and on a 390×844 phone."""
    context = browser.new_context(locale="en-IN", **DEVICES[request.param])
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.device = request.param
    violations = csp_violations_recorded(page)
    yield page
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


def shoot(page, name: str) -> None:
    folder = SCREENSHOTS / page.device
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytest.fixture
def shop(transactional_db, odop_reference):
    """A shop a guest can buy from: a Moradabad brass vase whose artisan ships from 244001, a saree from
    Varanasi, both searchable; Mumbai 400001 is a pincode the couriers serve with cash on delivery."""
    from catalogue_ext.models import Craft, District, GITag, State
    from search.services import search_index_products
    from tests.factories import CraftProductFactory, PickupAddressFactory, PincodeFactory, default_rate_card, india

    india()
    default_rate_card()
    PincodeFactory(code="244001", district="Moradabad")
    PincodeFactory(code="400001", district="Mumbai", state=State.objects.get(code="MH"), is_metro=True)
    vase = CraftProductFactory(
        title="Engraved Brass Flower Vase",
        craft=Craft.objects.get(slug="brassware"),
        gi_tag=GITag.objects.get(name__icontains="Moradabad"),
        stockrecords__price="1249.00",
    )
    PickupAddressFactory(partner=vase.stockrecords.get().partner)
    saree = CraftProductFactory(title="Banarasi Katan Silk Saree", district=District.objects.get(slug="varanasi"))
    search_index_products(product_ids=[vase.id, saree.id])
    return vase


def checkout_as_guest(page, base_url: str, *, step=lambda name: None) -> None:
    """From a filled basket to the thank-you page: guest e-mail, Indian address (pincode first), cash on delivery."""
    page.goto(f"{base_url}/basket/", wait_until="networkidle")
    page.locator("main a[href='/checkout/']").first.click()
    step("checkout-who")
    page.fill("#id_username", "guest@example.com")
    page.locator("main form.card button[type=submit]").click()
    page.locator("#new_shipping_address").wait_for()
    step("checkout-address-empty")
    page.fill("#id_postcode", "400001")
    # the pincode fills the town and the state
    page.wait_for_function("() => document.querySelector('#id_line4').value === 'Mumbai'")
    page.wait_for_load_state("networkidle")
    assert page.locator("#id_state").input_value() == "Maharashtra"
    page.fill("#id_first_name", "Asha")
    page.fill("#id_last_name", "Rao")
    page.fill("#id_phone_number", "98200 12345")
    page.fill("#id_line1", "12 Marine Drive")
    step("checkout-address")
    page.locator("#new_shipping_address button[type=submit]").click()
    page.locator("#payment-method-form").wait_for()
    assert page.locator("input[name=method][value=cod]").is_checked()  # the sole method, preselected
    step("checkout-payment")
    page.locator("#payment-method-form button[type=submit]").click()
    page.locator("#place-order").wait_for()
    step("checkout-preview")
    page.locator("#place-order").click()
    page.wait_for_url("**/checkout/thank-you/")
    step("checkout-thank-you")
