"""Run as `python -m tests.integration.shop.checkout_setup` against a fault test's own database: a
product in stock and a guest shopper at the last checkout step (COD), printed as JSON (cookies, the
basket fingerprint, the stock record) for the test to place the order over HTTP."""

import json
import re

import django

django.setup()

from django.test import Client  # noqa: E402

from catalogue_ext.models import State  # noqa: E402
from tests.factories import CraftProductFactory, PickupAddressFactory, PincodeFactory, default_rate_card, india  # noqa: E402
from tests.integration.checkout_ext.conftest import guest_checkout_to_payment  # noqa: E402


def main() -> None:
    from catalogue_ext.services import odop_reference_load

    # As the checkout tests' `catalogue`: a Moradabad brass vase shipped from 244001 to Mumbai 400001
    odop_reference_load()
    india()
    default_rate_card()
    PincodeFactory(code="244001", district="Moradabad")
    PincodeFactory(code="400001", district="Mumbai", state=State.objects.get(code="MH"), is_metro=True)
    product = CraftProductFactory()
    record = product.stockrecords.get()
    PickupAddressFactory(partner=record.partner)
    record.num_in_stock, record.num_allocated = 5, 0
    record.save()
    client = Client()
    guest_checkout_to_payment(client, product)
    assert client.post("/checkout/payment-method/", {"method": "cod"}).status_code == 302
    preview = client.get("/checkout/preview/")
    assert preview.status_code == 200
    print(
        json.dumps(
            {
                "cookies": {name: morsel.value for name, morsel in client.cookies.items()},
                "fingerprint": re.search(r'name="basket_fingerprint" value="([^"]+)"', preview.content.decode()).group(
                    1
                ),
                "stockrecord": record.pk,
            }
        )
    )


if __name__ == "__main__":
    main()
