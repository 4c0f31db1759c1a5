"""Issue 17: ops find orders, parcels and money under one menu of the dashboard."""

import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_one_menu_holds_orders_parcels_and_money(admin_client):
    html = admin_client.get("/dashboard/").content.decode()
    assert "Orders, parcels &amp; money" in html
    assert "Shipments &amp; money" not in html
    # Oscar's own "Fulfilment" top entry is gone: its orders and statistics are in ours, partners with artisans
    assert not re.search(r">\s*Fulfilment\s*<", html)
    menu = html[html.index("Orders, parcels &amp; money") :]
    menu = menu[: menu.index("</ul>")]
    for name in (
        "dashboard:order-list",
        "fulfilment-ops:shipment-list",
        "fulfilment-ops:remittance-list",
        "fulfilment-ops:payout-list",
        "dashboard:order-stats",
    ):
        assert f'href="{reverse(name)}"' in menu, name
    assert f'href="{reverse("dashboard:partner-list")}"' in html
