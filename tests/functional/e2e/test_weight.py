"""A page is light enough for a cheap phone on a slow connection: at most 150 KB of HTML, CSS, JavaScript
and fonts transferred (compressed) for home and a product page, images aside; and nothing from another site."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.e2e

BUDGET = 150 * 1024
COUNTED = {"document", "stylesheet", "script", "font"}


def _load(page, url: str) -> list:
    responses = []

    def record(response):
        responses.append(response)

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.remove_listener("response", record)
    return responses


def _weight(responses) -> tuple[int, dict]:
    sizes = {}
    for response in responses:
        if response.request.resource_type in COUNTED:
            sizes[response.url] = response.request.sizes()["responseBodySize"]
    return sum(sizes.values()), sizes


@pytest.mark.parametrize("which", ["home", "product"])
def test_home_and_product_page_stay_under_150_kb(live_server, device_page, shop, which):
    url = live_server.url + ("/" if which == "home" else shop.get_absolute_url())

    responses = _load(device_page, url)

    total, sizes = _weight(responses)
    assert total <= BUDGET, f"{total / 1024:.1f} KB: " + ", ".join(
        f"{u.rsplit('/', 1)[-1]} {s}" for u, s in sizes.items()
    )
    # the HTML itself came compressed
    [document] = [r for r in responses if r.request.resource_type == "document"]
    assert document.headers.get("content-encoding") in {"gzip", "br"}


def test_storefront_pages_request_nothing_from_another_site(live_server, page, shop):
    own = urlsplit(live_server.url).netloc
    responses = []
    for path in [
        "/",
        "/districts/",
        "/districts/moradabad/",
        "/search/?q=brass",
        shop.get_absolute_url(),
        "/basket/",
        "/about/",
        "/artisans/join/",
    ]:
        responses += _load(page, live_server.url + path)

    assert len(responses) > 8
    elsewhere = [
        r.url for r in responses if urlsplit(r.url).scheme in {"http", "https"} and urlsplit(r.url).netloc != own
    ]
    assert elsewhere == []
