from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fulfilment.models import Pincode
from tests.factories import CraftProductFactory, PickupAddressFactory, PincodeFactory, default_rate_card

HEADER = "pincode,district,state_code,serviceable,cod_allowed,metro\n"


def write(tmp_path, body) -> Path:
    path = tmp_path / "pincodes.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_import_loads_and_reloads_pincodes(tmp_path, odop_reference):
    path = write(tmp_path, "244001,Moradabad,UP,yes,yes,no\n400001,Mumbai,MH,yes,yes,yes\n")
    call_command("import_pincodes", str(path), verbosity=0)
    call_command("import_pincodes", str(path), verbosity=0)
    assert Pincode.objects.count() == 2
    assert Pincode.objects.get(code="400001").is_metro


def test_demo_pincodes_file_loads(odop_reference, db):
    call_command("import_pincodes", str(Path("fulfilment/data/demo_pincodes.csv")), verbosity=0)
    assert Pincode.objects.get(code="221001").district == "Varanasi"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "244001,Moradabad,UP,yes,yes,no\n24400,Moradabad,UP,yes,yes,no\n",
            "line 3: pincode '24400' is not six digits",
        ),
        ("244001,Moradabad,XX,yes,yes,no\n", "line 2: unknown state code 'XX'"),
        ("244001,Moradabad,UP,maybe,yes,no\n", "line 2: serviceable must be yes or no"),
        ("244001,Moradabad,UP,yes,yes,no\n244001,Moradabad,UP,yes,yes,no\n", "line 3: pincode 244001 appears twice"),
        ("244001,Moradabad,UP,yes\n", "line 2: expected 6 fields"),
    ],
)
def test_bad_rows_stop_the_import_with_their_line_and_write_nothing(tmp_path, odop_reference, body, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_pincodes", str(write(tmp_path, body)), verbosity=0)
    assert not Pincode.objects.exists()


@pytest.fixture
def vase(odop_reference):
    default_rate_card()
    PincodeFactory(code="244001", district="Moradabad")
    PincodeFactory(code="221001", district="Varanasi")
    product = CraftProductFactory()
    PickupAddressFactory(partner=product.stockrecords.get().partner)
    return product


@pytest.mark.django_db
def test_product_delivery_check_quotes_and_remembers_the_pincode(client, vase, django_assert_max_num_queries):
    # 12 for the quote, 3 for its "arrives by" (the maker's dispatch days, transit days, holidays), 1 for
    # the place's name in the shopper's language
    with django_assert_max_num_queries(16):
        response = client.get("/shipping/pincode/", {"pincode": "221001", "product": vase.pk})
    data = response.json()
    assert response.status_code == 200 and data["deliverable"] and data["cod_available"]
    assert data["parcels"][0]["zone"] == "B" and data["shipping_total"] == "185.00"  # 1.8 kg → the 2 kg slab of zone B
    assert client.session["delivery_pincode"] == "221001"
    # the next page asks without a pincode and gets the remembered one
    assert client.get("/shipping/pincode/", {"product": vase.pk}).json()["pincode"] == "221001"


@pytest.mark.django_db
def test_basket_delivery_check_sums_parcels(client, vase):
    client.post(f"/basket/add/{vase.pk}/", {"quantity": 2})
    data = client.get("/shipping/pincode/", {"pincode": "244001"}).json()
    assert data["parcels"][0]["zone"] == "A" and data["parcels"][0]["chargeable_weight_grams"] == 3600


@pytest.mark.django_db
@pytest.mark.parametrize(("pincode", "reason"), [("abc", "six digits"), ("999999", "do not know"), ("", "six digits")])
def test_bad_pincodes_get_a_400_with_a_reason(client, vase, pincode, reason):
    response = client.get("/shipping/pincode/", {"pincode": pincode, "product": vase.pk})
    assert response.status_code == 400 and reason in response.json()["error"]


@pytest.mark.django_db
def test_rate_card_is_editable_by_staff_only(client, admin_client, odop_reference):
    from fulfilment.selectors import rate_for

    default_rate_card()
    assert client.get("/dashboard/shipping-rates/").status_code == 302
    page = admin_client.get("/dashboard/shipping-rates/")
    assert page.status_code == 200 and "₹40.00" in page.content.decode()
    bad = admin_client.post("/dashboard/shipping-rates/", {"zone": "A", "up_to_kg": "0.7", "charge": "45"})
    assert "multiples of 0.5 kg" in bad.content.decode()
    admin_client.post("/dashboard/shipping-rates/", {"zone": "A", "up_to_kg": "0.5", "charge": "45"})
    assert rate_for(zone="A", grams=400) == 45


@pytest.mark.django_db
def test_basket_page_offers_the_delivery_check_with_the_remembered_pincode(client, vase):
    client.post(f"/basket/add/{vase.pk}/", {"quantity": 1})
    client.get("/shipping/pincode/", {"pincode": "221001"})
    page = client.get("/basket/").content.decode()
    assert 'class="delivery-check' in page and 'value="221001"' in page


@pytest.mark.django_db
@pytest.mark.parametrize("product", ["²", "٣", "1" * 4301, "-1", "1e3", "0x1", " 1", "\x00"])
def test_a_product_id_that_is_not_a_plain_number_is_unknown_not_a_500(client, vase, product):
    response = client.get("/shipping/pincode/", {"pincode": "244001", "product": product})
    assert response.status_code == 404
    assert response.json()["error"] == "Unknown product."


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_products_not_on_sale_get_no_answer_naming_their_artisan(client, vase, status):
    # Given a product whose artisan ops have not verified (or have stopped)
    partner = vase.stockrecords.get().partner
    partner.artisan_profile.status = status
    partner.artisan_profile.save()
    # When a visitor asks whether it delivers
    response = client.get("/shipping/pincode/", {"pincode": "244001", "product": vase.pk})
    # Then it is unknown: no artisan name, no pickup pincode
    assert response.status_code == 404
    assert partner.name not in response.content.decode() and "from_pincode" not in response.json()


@pytest.mark.django_db
def test_a_hidden_product_gets_no_answer(client, vase):
    vase.is_public = False
    vase.save()
    assert client.get("/shipping/pincode/", {"pincode": "244001", "product": vase.pk}).status_code == 404
