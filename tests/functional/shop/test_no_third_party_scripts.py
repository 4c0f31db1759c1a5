"""Scripts come from our own static files: no CDN learns who shops or who works the dashboard."""

import re

import pytest
from django.contrib.auth import get_user_model

SCRIPT_SRC = re.compile(r'<script[^>]+src="([^"]+)"')


def _script_sources(response) -> list[str]:
    return SCRIPT_SRC.findall(response.content.decode())


@pytest.mark.django_db
def test_storefront_and_dashboard_load_scripts_from_our_static_files(client, odop_reference):
    ops = get_user_model().objects.create_user(
        username="ops", email="ops@example.com", password="pw-12345678", is_staff=True
    )
    shop_page = client.get("/catalogue/")
    client.force_login(ops)
    dashboard = client.get("/dashboard/fulfilment/")

    for response in (shop_page, dashboard):
        assert response.status_code == 200
        assert all(src.startswith("/static/") for src in _script_sources(response)), _script_sources(response)
    # The storefront runs on the shop's own small script; the dashboard keeps Oscar's jQuery, served by us.
    assert not any("jquery" in src or "bootstrap" in src for src in _script_sources(shop_page))
    assert any("shop/js/shop" in src for src in _script_sources(shop_page))
    assert any("jquery" in src for src in _script_sources(dashboard))
