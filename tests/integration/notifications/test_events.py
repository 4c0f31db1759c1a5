"""Who hears what, when: rows are written after the change commits, in the recipient's language, on the
channels they chose, once per event and recipient."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from fulfilment.models import Payout, PayoutBatch, Shipment
from fulfilment.shipments import services as shipments
from notifications import services
from notifications.models import Notification, NotificationPreference
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import order_with_shipments, shipment_force
from tests.integration.fulfilment.payouts_givens import remittance_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def artisan(odop_reference):
    partner = VerifiedArtisanPartnerFactory(
        name="Ansari Brass Works", profile__phone="9411100001", profile__email="ansari@example.com"
    )
    user = get_user_model().objects.create_user(username="ansari", email="", password=None)
    partner.users.add(user)
    return partner


@pytest.fixture
def order(artisan):
    return order_with_shipments(partners=[artisan])


def _rows(**filters):
    return list(Notification.objects.filter(**filters).order_by("event", "channel"))


def test_an_order_tells_the_shopper_and_each_artisan_after_it_commits(
    order, artisan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.notify_order_placed(order=order)
        assert not Notification.objects.exists()  # nothing before the commit
    assert callbacks
    shopper = _rows(event="order_placed")
    # The shopper gets an SMS at the delivery phone; Oscar's confirmation mail already covers email
    assert [(row.channel, row.address) for row in shopper] == [("sms", "9820012345")]
    assert order.number in shopper[0].body and "₹1,309.00" in shopper[0].body
    assert "/accounts/order-status/" in shopper[0].body
    artisan_rows = _rows(event="order_new")
    # The artisan's user has no email of their own: the profile's email and mobile reach them
    assert [(row.channel, row.address) for row in artisan_rows] == [
        ("email", "ansari@example.com"),
        ("sms", "9411100001"),
    ]
    assert "Please accept it by" in artisan_rows[0].body and "/artisans/studio/shipments/" in artisan_rows[0].body


def test_nothing_is_queued_when_the_change_is_rolled_back(order, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.notify_order_placed(order=order)
                raise RuntimeError("checkout failed")
        except RuntimeError:
            pass
    assert not Notification.objects.exists()


def test_the_same_event_for_the_same_person_is_queued_once(order, django_capture_on_commit_callbacks):
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.notify_order_placed(order=order)
    assert Notification.objects.filter(event="order_placed").count() == 1
    assert Notification.objects.filter(event="order_new").count() == 2  # sms + email, once each


def test_messages_follow_the_persons_channels_and_language(order, artisan, django_capture_on_commit_callbacks):
    user = artisan.users.get()
    NotificationPreference.objects.create(user=user, sms=False, whatsapp=True, email=False, language="hi")
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_order_placed(order=order)
    (row,) = _rows(event="order_new")
    assert row.channel == "whatsapp" and row.address == "9411100001" and row.language == "hi"
    assert "नया ऑर्डर" in row.body
    assert [name for name, _value in row.variables] == ["order", "items", "deadline", "url"]


def test_an_artisan_who_wrote_only_in_hindi_hears_in_hindi(odop_reference, django_capture_on_commit_callbacks):
    partner = VerifiedArtisanPartnerFactory(profile__story_en="", profile__phone="9411100002")
    order = order_with_shipments(partners=[partner])
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_order_placed(order=order)
    assert {row.language for row in _rows(event="order_new")} == {"hi"}


def test_parcel_moves_tell_the_shopper_and_a_failed_delivery_tells_the_artisan(
    order, ops, django_capture_on_commit_callbacks
):
    shipment = shipment_force(Shipment.objects.get(group__order=order), status=Shipment.IN_TRANSIT)
    with django_capture_on_commit_callbacks(execute=True):
        shipments.shipment_transition(shipment=shipment, to=Shipment.OUT_FOR_DELIVERY, source="ops", user=ops)
    with django_capture_on_commit_callbacks(execute=True):
        shipments.shipment_transition(shipment=shipment, to=Shipment.NDR, source="ops", user=ops, note="Door locked")
    with django_capture_on_commit_callbacks(execute=True):
        shipments.shipment_transition(shipment=shipment, to=Shipment.DELIVERED, source="ops", user=ops)
    assert [row.event for row in Notification.objects.order_by("id") if row.channel == "sms"] == [
        "out_for_delivery",
        "delivery_failed",
        "delivered",
    ]
    failed = Notification.objects.get(event="delivery_failed", channel="sms")
    assert failed.address == "9411100001" and "Door locked" in failed.body
    assert "out for delivery today" in Notification.objects.get(event="out_for_delivery", channel="sms").body
    assert Notification.objects.get(event="out_for_delivery", channel="email").address == "asha@example.com"


def test_a_picked_up_parcel_tells_the_shopper_with_the_carrier_and_tracking_link(
    order, django_capture_on_commit_callbacks
):
    shipment = shipment_force(Shipment.objects.get(group__order=order), status=Shipment.MANIFESTED, awb="ODX000000123")
    with django_capture_on_commit_callbacks(execute=True):
        shipments.shipment_transition(shipment=shipment, to=Shipment.PICKED_UP, source="carrier")
    row = Notification.objects.get(event="shipped", channel="sms")
    assert "ODX000000123" in row.body and "Courier aggregator" in row.body and "/accounts/order-status/" in row.body


def test_cod_money_remitted_and_a_payout_paid_tell_the_artisan(order, artisan, ops, django_capture_on_commit_callbacks):
    shipment = shipment_force(Shipment.objects.get(group__order=order), status=Shipment.DELIVERED)
    remittance = remittance_file((shipment, Decimal("1309.00"), "matched"))
    batch = PayoutBatch.objects.create(created_by=ops)
    Payout.objects.create(
        batch=batch,
        partner=artisan,
        amount=Decimal("1118.15"),
        reference="ODOP-PB1-ansari",
        payee_name="Ansari Brass Works",
        bank_account_number="123456789012",
        ifsc="SBIN0001234",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.notify_cod_remitted(remittance=remittance)
        services.notify_payout_batch_paid(batch=batch)
    remitted = Notification.objects.get(event="cod_remitted", channel="sms")
    assert "₹1,309.00" in remitted.body and "1 parcel" in remitted.body
    paid = Notification.objects.get(event="payout_paid", channel="sms")
    assert "₹1,118.15" in paid.body and "ODOP-PB1-ansari" in paid.body


def test_reminders_for_a_near_deadline_and_tomorrows_pickup_are_queued_once(order, artisan, settings):
    from datetime import timedelta

    from django.utils import timezone

    from fulfilment.models import ShipmentEvent

    shipment = Shipment.objects.get(group__order=order)
    Shipment.objects.filter(pk=shipment.pk).update(accept_by=timezone.now() + timedelta(hours=3))
    other = order_with_shipments(partners=[artisan])
    handed = shipment_force(Shipment.objects.get(group__order=other), status=Shipment.MANIFESTED)
    ShipmentEvent.objects.create(shipment=handed, status="manifested", occurred_at=timezone.now(), source="artisan")
    services.notifications_remind()
    services.notifications_remind()
    assert Notification.objects.filter(event="accept_due", channel="sms").count() == 1
    pickup = Notification.objects.get(event="pickup_tomorrow", channel="sms")
    assert "1 parcel(s)" in pickup.body and "/artisans/studio/manifest/?date=" in pickup.body
