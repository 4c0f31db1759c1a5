from datetime import timedelta
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from tests.integration.checkout_ext.conftest import ADDRESS, guest_checkout_to_payment, place_cod_order

Order = get_model("order", "Order")


@pytest.mark.django_db(transaction=False)
def test_guest_cod_checkout_places_one_order_with_gst_shipment_and_fee(
    client, catalogue, outbox, django_capture_on_commit_callbacks
):
    # given a guest buying two vases from Moradabad (UP) to Mumbai (MH)
    response = guest_checkout_to_payment(client, catalogue, quantity=2)
    assert response.status_code == 302
    page = client.get("/checkout/payment-method/")
    assert "Cash on delivery" in page.content.decode()

    # when they choose cash on delivery and confirm
    with django_capture_on_commit_callbacks(execute=True):
        response = place_cod_order(client)

    # then one order is placed: inter-state so IGST, one parcel from 244001 in zone D, COD fee added
    assert response.status_code == 302 and response["Location"].endswith("/checkout/thank-you/")
    order = Order.objects.get()
    line = order.lines.get()
    assert line.line_price_incl_tax == Decimal("2498.00")
    assert (line.taxable_value, line.igst, line.cgst) == (Decimal("2379.05"), Decimal("118.95"), Decimal("0.00"))
    group = order.shipment_groups.get()
    assert (group.pickup_pincode, group.zone, group.chargeable_weight_grams) == ("244001", "D", 3600)
    assert group.shipping_charge == Decimal("525.00")
    fee = order.surcharges.get().incl_tax
    assert fee == Decimal("60.46")  # 2 % of 3023.00
    assert order.total_incl_tax == Decimal("2498.00") + Decimal("525.00") + fee
    assert group.cod_amount == order.total_incl_tax
    assert order.sources.get().source_type.name == "Cash on delivery"
    assert order.guest_email == "guest@example.com"
    assert order.status == "Pending"
    # the confirmation email lists the GST breakup, shipping and the fee
    assert len(outbox) == 1
    body = outbox[0].body
    assert "IGST" in body and "118.95" in body and "525.00" in body and "60.46" in body
    # the basket is emptied
    assert client.get("/basket/").context["basket"].is_empty


@pytest.mark.django_db
def test_non_serviceable_pincode_is_refused_at_the_address_step(client, catalogue):
    response = guest_checkout_to_payment(client, catalogue, address={**ADDRESS, "postcode": "999999"})
    assert response.status_code == 200
    assert "do not know pincode 999999" in response.content.decode()


@pytest.mark.django_db
def test_cod_is_not_offered_over_the_limit(client, catalogue, settings):
    settings.COD_MAX_ORDER_VALUE = Decimal("1000")
    guest_checkout_to_payment(client, catalogue)
    page = client.get("/checkout/payment-method/")
    assert "only for orders up to" in page.content.decode()
    response = client.post("/checkout/payment-method/", {"method": "cod"})
    assert response.status_code == 200 and not Order.objects.exists()


@pytest.mark.django_db
def test_cod_is_not_offered_to_a_non_cod_pincode(client, catalogue):
    from fulfilment.models import Pincode

    Pincode.objects.filter(code="400001").update(cod_allowed=False)
    guest_checkout_to_payment(client, catalogue)
    page = client.get("/checkout/payment-method/")
    assert "not available at pincode 400001" in page.content.decode()


@pytest.mark.django_db
def test_basket_changed_in_another_tab_is_caught_before_placing(client, catalogue):
    guest_checkout_to_payment(client, catalogue)
    client.post("/checkout/payment-method/", {"method": "cod"})
    preview = client.get("/checkout/preview/")
    fingerprint = preview.context["basket_fingerprint"]
    # another tab adds one more
    client.post(f"/basket/add/{catalogue.pk}/", {"quantity": 1})
    response = client.post("/checkout/preview/", {"action": "place_order", "basket_fingerprint": fingerprint})
    assert response.status_code == 302 and response["Location"].endswith("/checkout/preview/")
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_stock_gone_at_placement_keeps_the_basket(client, catalogue):
    guest_checkout_to_payment(client, catalogue)
    client.post("/checkout/payment-method/", {"method": "cod"})
    preview = client.get("/checkout/preview/")
    catalogue.stockrecords.update(num_allocated=10)  # someone else bought them all meanwhile
    response = client.post(
        "/checkout/preview/", {"action": "place_order", "basket_fingerprint": preview.context["basket_fingerprint"]}
    )
    assert response.status_code == 302 and response["Location"].endswith("/basket/")
    assert not Order.objects.exists()
    basket_page = client.get("/basket/")
    assert "no longer available to buy" in basket_page.content.decode()
    assert basket_page.context["basket"].num_items == 1


@pytest.mark.django_db
def test_failing_email_does_not_fail_the_order(client, catalogue, monkeypatch, django_capture_on_commit_callbacks):
    from oscar.apps.order.utils import OrderDispatcher

    def explode(*args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(OrderDispatcher, "send_order_placed_email_for_user", explode)
    guest_checkout_to_payment(client, catalogue)
    with django_capture_on_commit_callbacks(execute=True):
        response = place_cod_order(client)
    assert response.status_code == 302 and response["Location"].endswith("/checkout/thank-you/")
    assert Order.objects.count() == 1
    assert client.get("/basket/").context["basket"].is_empty
    assert client.get("/checkout/thank-you/").status_code == 200


@pytest.mark.django_db
def test_guest_sees_the_order_status_move_with_the_parcels(client, catalogue):
    from fulfilment.shipments.services import shipment_transition
    from tests.factories_fulfilment import shipment_force

    # given a guest's placed COD order: checkout opened one pending parcel, due for acceptance in 48 h
    guest_checkout_to_payment(client, catalogue)
    place_cod_order(client)
    order = Order.objects.get()
    shipment = order.shipment_groups.get().shipment
    assert shipment.status == "pending"
    assert shipment.accept_by == order.date_placed + timedelta(hours=48)
    status_url = f"/accounts/order-status/{order.number}/{order.verification_hash()}/"
    client.post(
        f"/accounts/order-status-form/{order.number}/{order.verification_hash()}/", {"email": "guest@example.com"}
    )
    page = client.get(status_url).content.decode()
    assert "Pending" in page and "Awaiting the artisan" in page
    # when the courier picks the handed-over parcel up
    shipment_force(shipment, status="manifested", awb="AGG000123")
    shipment_transition(shipment=shipment, to="picked_up", source="carrier")
    # then the order reads Shipped and the parcel shows its tracking number and pickup
    page = client.get(status_url).content.decode()
    assert "Shipped" in page and "AGG000123" in page and "Picked up" in page
    order.refresh_from_db()
    assert order.status == "Shipped"


@pytest.mark.django_db
def test_stock_gone_at_placement_raises_and_leaves_basket_and_stock_alone(catalogue):
    from checkout_ext.services import order_place
    from order_ext.utils import StockUnavailable
    from payments.gateways import CashOnDelivery
    from tests.integration.checkout_ext.conftest import new_basket, snapshot_for

    basket = new_basket(catalogue)
    snapshot = snapshot_for(basket)
    # the last units are allocated to someone else after the shopper reviewed the order
    catalogue.stockrecords.update(num_allocated=10)
    with pytest.raises(StockUnavailable, match="just sold out"):
        order_place(basket=basket, snapshot=snapshot, gateway=CashOnDelivery(), reference="to be collected")
    basket.refresh_from_db()
    assert basket.status == "Open" and not Order.objects.exists()
    assert catalogue.stockrecords.get().num_allocated == 10


def test_the_delivery_check_and_checkout_agree_on_cod_at_the_limit(client, catalogue, settings):
    from shop.money import cod_fee

    # Given a basket of 2 × ₹1,249 and its shipping to Mumbai
    client.post(f"/basket/add/{catalogue.pk}/", {"quantity": 2})
    check = client.get("/shipping/pincode/", {"pincode": "400001"}).json()
    amount = Decimal("2498.00") + Decimal(check["shipping_total"])
    limit = amount + cod_fee(amount=amount)
    client.post("/checkout/", {"username": "guest@example.com", "options": "new"})
    client.post("/checkout/shipping-address/", ADDRESS)
    client.get("/checkout/shipping-method/")
    # When the limit is exactly goods + shipping + fee, both the check and checkout offer COD
    settings.COD_MAX_ORDER_VALUE = limit
    assert client.get("/shipping/pincode/", {"pincode": "400001"}).json()["cod_available"] is True
    assert 'value="cod"' in client.get("/checkout/payment-method/").content.decode()
    # When it is one paisa less (goods + shipping alone are still under it), neither does, for the same reason
    settings.COD_MAX_ORDER_VALUE = limit - Decimal("0.01")
    check = client.get("/shipping/pincode/", {"pincode": "400001"}).json()
    assert check["cod_available"] is False and "only for orders up to" in check["cod_reason"]
    page = client.get("/checkout/payment-method/").content.decode()
    assert 'value="cod"' not in page and check["cod_reason"] in page.replace("&#x27;", "'")
