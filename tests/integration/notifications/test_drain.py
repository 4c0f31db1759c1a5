"""Draining the outbox: one sender per channel, retries with backoff, failures kept for ops, never twice."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from notifications import services
from notifications.models import FAILED, PENDING, SENDING, SENT, Notification
from phone_auth import sms

pytestmark = pytest.mark.django_db


def queue(n=1, *, channel="sms", event="order_placed", address="9820012345", **fields):
    rows = [
        Notification(
            event=event,
            channel=channel,
            address=address if channel != "email" else "asha@example.com",
            subject="Order 100 placed",
            body=f"Thank you! Your order 100 is placed. ({i})",
            language="en",
            variables=[["order", "100"], ["total", "₹1,309.00"], ["url", "https://example.com/x"]],
            idempotency_key=f"{event}:{channel}:{i}:{address}",
            next_attempt_at=timezone.now(),
            **fields,
        )
        for i in range(n)
    ]
    return Notification.objects.bulk_create(rows)


def test_each_channel_is_sent_by_its_own_sender(sms_outbox, whatsapp_outbox):
    queue(channel="sms")
    queue(channel="email")
    queue(channel="whatsapp")
    result = services.notifications_drain()
    assert (result.sent, result.retrying, result.failed) == (3, 0, 0)
    assert sms_outbox[0].to == "9820012345" and sms_outbox[0].template == "order_placed"
    assert mail.outbox[0].to == ["asha@example.com"] and mail.outbox[0].subject == "Order 100 placed"
    assert whatsapp_outbox[0]["template"] == {
        "name": "odop_order_placed",
        "language": {"code": "en"},
        "components": [
            {
                "type": "body",
                "parameters": [
                    {"type": "text", "text": "100"},
                    {"type": "text", "text": "₹1,309.00"},
                    {"type": "text", "text": "https://example.com/x"},
                ],
            }
        ],
    }
    assert set(Notification.objects.values_list("status", flat=True)) == {SENT}
    assert all(row.sent_at and row.attempts == 1 for row in Notification.objects.all())


def test_a_sent_message_is_not_sent_again(sms_outbox):
    queue(3)
    services.notifications_drain()
    services.notifications_drain()
    assert len(sms_outbox) == 3


def test_a_message_not_yet_due_waits(sms_outbox):
    row = queue()[0]
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now() + timedelta(minutes=5))
    assert services.notifications_drain().sent == 0 and sms_outbox == []


def test_a_passing_provider_failure_is_retried_later_with_growing_waits(monkeypatch, settings):
    def busy(self, message):
        raise sms.SmsError("HTTP 503", retryable=True)

    monkeypatch.setattr(sms.OutboxBackend, "send", busy)
    (row,) = queue()
    waits = []
    for attempt in range(1, settings.NOTIFY_MAX_ATTEMPTS):
        before = timezone.now()
        assert services.notifications_drain().retrying == 1
        row.refresh_from_db()
        assert row.status == PENDING and row.attempts == attempt and "503" in row.last_error
        waits.append((row.next_attempt_at - before).total_seconds())
        Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    assert (
        waits[0] == pytest.approx(60, abs=2)
        and waits[1] == pytest.approx(120, abs=2)
        and waits[2] == pytest.approx(240, abs=2)
    )
    # The last allowed attempt fails for good and stays for ops to see
    assert services.notifications_drain().failed == 1
    row.refresh_from_db()
    assert row.status == FAILED and row.attempts == settings.NOTIFY_MAX_ATTEMPTS


def test_a_refusal_that_cannot_get_better_fails_at_once(monkeypatch):
    def refused(self, message):
        raise sms.SmsError("Invalid template id", retryable=False)

    monkeypatch.setattr(sms.OutboxBackend, "send", refused)
    queue()
    assert services.notifications_drain().failed == 1
    assert Notification.objects.get().status == FAILED


def test_a_sender_bug_does_not_stop_the_queue(monkeypatch, sms_outbox):
    calls = []

    def flaky(self, message):
        calls.append(message)
        if len(calls) == 1:
            raise KeyError("boom")
        sms_outbox.append(message)
        return "ok"

    monkeypatch.setattr(sms.OutboxBackend, "send", flaky)
    queue(2)
    result = services.notifications_drain()
    assert (result.sent, result.retrying) == (1, 1)


def test_claims_of_a_drainer_that_died_are_released_after_the_timeout(sms_outbox, settings):
    (row,) = queue()
    Notification.objects.filter(pk=row.pk).update(status=SENDING, claimed_at=timezone.now() - timedelta(minutes=5))
    assert services.notifications_drain().sent == 0
    Notification.objects.filter(pk=row.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=settings.NOTIFY_CLAIM_TIMEOUT_SECONDS + 1)
    )
    assert services.notifications_drain().sent == 1


def test_the_command_drains_and_says_what_it_did(sms_outbox, capsys):
    queue(4)
    call_command("notifications_drain", "--batch-size", "3")
    assert "sent 4, to retry 0, failed 0" in capsys.readouterr().out
    assert len(sms_outbox) == 4


def test_ops_can_send_a_failed_message_again(sms_outbox):
    (row,) = queue(status=FAILED, attempts=8)
    services.notification_retry(notification=row)
    assert services.notifications_drain().sent == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SELECT … FOR UPDATE SKIP LOCKED needs PostgreSQL; SQLite serialises writers",
)
@pytest.mark.django_db(transaction=True)
def test_two_drainers_at_once_never_send_a_message_twice(monkeypatch):
    queue(3000)
    sent, errors = [], []
    lock = threading.Lock()

    def record(self, message):
        with lock:
            sent.append(message.text)
        return "ok"

    monkeypatch.setattr(sms.OutboxBackend, "send", record)
    barrier = threading.Barrier(2)

    def drain():
        try:
            barrier.wait(timeout=30)
            services.notifications_drain(batch_size=100)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=drain) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(sent) == len(set(sent)) == 3000
    assert Notification.objects.filter(status=SENT).count() == 3000


def test_each_sent_message_keeps_its_providers_id(sms_outbox):
    queue(25)
    services.notifications_drain(batch_size=20)
    ids = list(Notification.objects.order_by("id").values_list("provider_id", flat=True))
    assert len(set(ids)) == 25 and all(pid.startswith("outbox-") for pid in ids)


def test_the_queue_worker_drains_the_outbox_on_beat_and_a_repeat_sends_nothing_twice(sms_outbox, settings):
    from notifications.tasks import notifications_drain_task, notifications_remind_task

    # Given the scheduler of `make serve` runs the drain and the reminders
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {notifications_drain_task.name, notifications_remind_task.name} <= scheduled
    queue(2)
    # When the task runs (at once here: no broker in the tests), and runs again
    assert notifications_drain_task.delay().get() == 2
    assert notifications_drain_task.delay().get() == 0
    # Then each message went once
    assert len(sms_outbox) == 2
    assert set(Notification.objects.values_list("status", flat=True)) == {SENT}
