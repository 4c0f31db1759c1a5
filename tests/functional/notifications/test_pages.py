"""Ops see the outbox with its failures; each person chooses their channels and language."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from notifications.models import FAILED, PENDING, SENT, Notification, NotificationPreference

pytestmark = pytest.mark.django_db


def _row(status, i=0, **fields):
    return Notification.objects.create(
        event="order_new",
        channel="sms",
        address=f"94111000{i:02d}",
        body=f"New order {i}",
        idempotency_key=f"k{i}",
        status=status,
        next_attempt_at=timezone.now(),
        sent_at=timezone.now() if status == SENT else None,
        **fields,
    )


def test_ops_see_failures_first_with_the_reason_and_can_send_again(ops_client):
    _row(SENT, 1)
    failed = _row(FAILED, 2, attempts=8, last_error="MSG91 refused the message (HTTP 200): Invalid template id")
    _row(PENDING, 3)
    page = ops_client.get("/dashboard/notifications/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Waiting: 1. Sending: 0. Sent: 1. Failed: 1." in html
    assert list(page.context["notifications"])[0] == failed
    assert "Invalid template id" in html
    response = ops_client.post(f"/dashboard/notifications/{failed.pk}/retry/")
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == PENDING


def test_ops_filter_the_outbox_and_bad_filters_are_ignored(ops_client):
    _row(SENT, 1)
    _row(FAILED, 2)
    assert len(ops_client.get("/dashboard/notifications/?status=failed").context["notifications"]) == 1
    assert ops_client.get("/dashboard/notifications/?status=nonsense&page=abc").status_code == 200


def test_the_outbox_is_for_ops_only(client, django_user_model):
    assert client.get("/dashboard/notifications/").status_code == 302
    client.force_login(
        django_user_model.objects.create_user(username="s", email="s@example.com", password="x-pass-123-y")
    )
    assert client.get("/dashboard/notifications/").status_code == 403
    assert client.post("/dashboard/notifications/1/retry/").status_code == 403


def test_a_person_chooses_channels_and_language(client):
    user = get_user_model().objects.create_user(username="m", email="", password=None)
    client.force_login(user)
    page = client.get("/accounts/message-settings/", HTTP_ACCEPT_LANGUAGE="hi")
    assert "हम आपको संदेश कैसे भेजें" in page.content.decode()
    assert "ईमेल आप तक नहीं पहुँच सकता" in page.content.decode()  # no email: they are told
    response = client.post("/accounts/message-settings/", {"sms": "on", "whatsapp": "on", "language": "hi"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=user)
    assert (preference.sms, preference.whatsapp, preference.email, preference.language) == (True, True, False, "hi")


def test_a_bad_language_is_refused_without_saving(client):
    user = get_user_model().objects.create_user(username="m", email="m@example.com", password=None)
    client.force_login(user)
    response = client.post("/accounts/message-settings/", {"sms": "on", "language": "fr"})
    assert response.status_code == 200
    assert response.context["form"].errors["language"]
    assert not NotificationPreference.objects.filter(user=user).exists()


def test_message_settings_need_a_signed_in_person(client):
    assert client.get("/accounts/message-settings/").status_code == 302
