"""The outbox: business services call `notify_*` inside their transaction; the rows are written only
after it commits (transaction.on_commit, robust: a failure here is logged, never a failed request);
`notifications_drain` sends them, one sender per channel, retrying with backoff.

Never twice: each row's idempotency key is event + the thing it is about + recipient + channel, unique
in the database, and inserts ignore a key already there. Two drainers never take the same row:
they claim due rows with SELECT … FOR UPDATE SKIP LOCKED (PostgreSQL; SQLite writes one at a time).
A drainer that dies after claiming leaves rows "sending"; after NOTIFY_CLAIM_TIMEOUT_SECONDS they are
due again (at-least-once for that crash only)."""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from notifications.channels import SENDERS, ChannelError
from notifications.events import EVENTS
from notifications.models import (
    EMAIL,
    FAILED,
    PENDING,
    SENDING,
    SENT,
    SMS,
    WHATSAPP,
    Notification,
    NotificationPreference,
)
from phone_auth.phone import mobile_normalise

logger = logging.getLogger(__name__)
Order = get_model("order", "Order")


# ---- who hears it ------------------------------------------------------------------------------


@dataclass
class Recipient:
    key: str  # stable: "u<user id>" or the address, for the idempotency key
    user: object | None
    phone: str
    email: str
    language: str
    channels: set = field(default_factory=set)


def _phone(raw) -> str:
    try:
        return mobile_normalise(str(raw or ""))
    except ValidationError:
        return ""


def _recipient(*, user, phone: str, email: str, language: str | None = None) -> Recipient:
    preference = NotificationPreference.objects.filter(user=user).first() if user is not None else None
    mobile = getattr(user, "mobile", None) if user is not None else None
    if mobile is not None:
        phone = mobile.phone
    email = (user.email if user is not None and user.email else email) or ""
    channels = (
        {SMS, EMAIL}
        if preference is None
        else {
            channel
            for channel, on in ((SMS, preference.sms), (WHATSAPP, preference.whatsapp), (EMAIL, preference.email))
            if on
        }
    )
    if not phone:
        channels -= {SMS, WHATSAPP}
    if not email:
        channels.discard(EMAIL)
    return Recipient(
        key=f"u{user.pk}" if user is not None else (phone or email),
        user=user,
        phone=phone,
        email=email,
        language=preference.language if preference is not None else (language or "en"),
        channels=channels,
    )


def artisan_recipients(*, partner_id: int) -> list[Recipient]:
    """Everyone who works for this artisan, each by their own choice of channels."""
    from artisans.models import ArtisanProfile

    profile = ArtisanProfile.objects.filter(partner_id=partner_id).first()
    phone = profile.phone if profile else ""
    email = (profile.email or "") if profile else ""
    # An artisan who wrote their story only in Hindi reads Hindi, until they choose otherwise.
    language = "hi" if profile and profile.story_hi and not profile.story_en else "en"
    users = list(get_user_model().objects.filter(partners__id=partner_id, is_active=True).select_related("mobile"))
    if not users:
        return [_recipient(user=None, phone=phone, email=email, language=language)] if profile else []
    return [_recipient(user=user, phone=phone, email=email, language=language) for user in users]


def shopper_recipient(*, order) -> Recipient:
    address = order.shipping_address
    user = get_user_model().objects.filter(pk=order.user_id).select_related("mobile").first() if order.user_id else None
    return _recipient(user=user, phone=_phone(address.phone_number if address else ""), email=order.email or "")


# ---- writing the outbox ------------------------------------------------------------------------


def _site_url() -> str:
    configured = getattr(settings, "SITE_URL", "")
    return configured.rstrip("/") if configured else f"https://{Site.objects.get_current().domain}"


def notification_rows(*, event: str, ref: str, recipients: list[Recipient], variables: dict) -> list[Notification]:
    """Messages for each recipient and channel, rendered in the recipient's language."""
    spec = EVENTS[event]
    now = timezone.now()
    rows = []
    for recipient in recipients:
        with translation.override(recipient.language):
            values = {name: (value() if callable(value) else value) for name, value in variables.items()}
            values = {name: str(value) for name, value in values.items()}
            subject, body = str(spec.subject) % values, str(spec.body) % values
        for channel in sorted(recipient.channels):
            if channel == EMAIL and not spec.email:
                continue
            rows.append(
                Notification(
                    event=event,
                    channel=channel,
                    recipient=recipient.user,
                    address=recipient.email if channel == EMAIL else recipient.phone,
                    language=recipient.language,
                    subject=subject[:200],
                    body=body,
                    variables=[[name, value] for name, value in values.items()],
                    idempotency_key=f"{event}:{ref}:{recipient.key}:{channel}"[:200],
                    next_attempt_at=now,
                )
            )
    return rows


def notifications_enqueue(*, event: str, ref: str, recipients: list[Recipient], variables: dict) -> int:
    """Write the rows now (callers are already after commit); a key already queued is left alone."""
    rows = notification_rows(event=event, ref=ref, recipients=recipients, variables=variables)
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _after_commit(work, *args, **kwargs) -> None:
    transaction.on_commit(lambda: work(*args, **kwargs), robust=True)


# ---- the events, as the business services call them --------------------------------------------


def _when(value) -> callable:
    return lambda: date_format(timezone.localtime(value), "j M, H:i")


def _money(amount) -> callable:
    return lambda: currency(amount, "INR")


def _order_url(order) -> str:
    return _site_url() + reverse(
        "customer:anon-order", kwargs={"order_number": order.number, "hash": order.verification_hash()}
    )


def notify_order_placed(*, order) -> None:
    """The shopper: order placed; each artisan: a new parcel to accept."""
    _after_commit(_order_placed, order_id=order.pk)


def _order_placed(*, order_id: int) -> None:
    from fulfilment.models import Shipment

    order = Order.objects.select_related("shipping_address").get(pk=order_id)
    notifications_enqueue(
        event="order_placed",
        ref=order.number,
        recipients=[shopper_recipient(order=order)],
        variables={"order": order.number, "total": _money(order.total_incl_tax), "url": _order_url(order)},
    )
    for shipment in Shipment.objects.filter(group__order=order).select_related("group"):
        lines = list(shipment.group.lines.all()) if hasattr(shipment.group, "lines") else []
        items = ", ".join(f"{line.quantity} × {line.title}" for line in lines)[:120]
        notifications_enqueue(
            event="order_new",
            ref=f"s{shipment.pk}",
            recipients=artisan_recipients(partner_id=shipment.group.partner_id),
            variables={
                "order": order.number,
                "items": items,
                "deadline": _when(shipment.accept_by),
                "url": _site_url() + reverse("fulfilment-studio:shipment-detail", kwargs={"shipment_pk": shipment.pk}),
            },
        )


SHOPPER_MOVES = {"picked_up": "shipped", "out_for_delivery": "out_for_delivery", "delivered": "delivered"}


def notify_shipment_moved(*, shipment, to: str) -> None:
    """Called by the shipment pipeline for every move; only some moves are news to someone."""
    if to in SHOPPER_MOVES or to == "ndr":
        _after_commit(_shipment_moved, shipment_id=shipment.pk, to=to)


def _shipment_moved(*, shipment_id: int, to: str) -> None:
    from fulfilment.models import Shipment

    shipment = Shipment.objects.select_related("group__order__shipping_address", "group__partner", "carrier").get(
        pk=shipment_id
    )
    order = shipment.group.order
    base = {"order": order.number, "awb": shipment.awb or f"#{shipment.pk}"}
    if to == "ndr":
        notifications_enqueue(
            event="delivery_failed",
            ref=f"s{shipment.pk}:ndr{shipment.ndr_attempts}",
            recipients=artisan_recipients(partner_id=shipment.group.partner_id),
            variables={
                **base,
                "reason": shipment.ndr_reason or "—",
                "url": _site_url() + reverse("fulfilment-studio:shipment-detail", kwargs={"shipment_pk": shipment.pk}),
            },
        )
        return
    event = SHOPPER_MOVES[to]
    variables = {**base, "artisan": shipment.group.partner.name}
    if event == "shipped":
        variables["carrier"] = shipment.carrier.name if shipment.carrier else "—"
    if event != "delivered":
        variables["url"] = _order_url(order)
    notifications_enqueue(
        event=event,
        ref=f"s{shipment.pk}",
        recipients=[shopper_recipient(order=order)],
        variables=variables,
    )


def notify_cod_remitted(*, remittance) -> None:
    _after_commit(_cod_remitted, remittance_id=remittance.pk)


def _cod_remitted(*, remittance_id: int) -> None:
    from fulfilment.models import REMITTANCE_SETTLING, CodRemittanceLine

    per_artisan = (
        CodRemittanceLine.objects.filter(remittance_id=remittance_id, outcome__in=REMITTANCE_SETTLING)
        .values("shipment__group__partner_id")
        .annotate(amount=Sum("amount"), count=Count("id"))
    )
    for row in per_artisan:
        partner_id = row["shipment__group__partner_id"]
        notifications_enqueue(
            event="cod_remitted",
            ref=f"r{remittance_id}:p{partner_id}",
            recipients=artisan_recipients(partner_id=partner_id),
            variables={
                "amount": _money(row["amount"]),
                "count": row["count"],
                "url": _site_url() + reverse("fulfilment-studio:money"),
            },
        )


def notify_payout_batch_paid(*, batch) -> None:
    _after_commit(_payout_batch_paid, batch_id=batch.pk)


def _payout_batch_paid(*, batch_id: int) -> None:
    from fulfilment.models import Payout

    for payout in Payout.objects.filter(batch_id=batch_id):
        notifications_enqueue(
            event="payout_paid",
            ref=f"payout{payout.pk}",
            recipients=artisan_recipients(partner_id=payout.partner_id),
            variables={
                "amount": _money(payout.amount),
                "reference": payout.reference,
                "url": _site_url() + reverse("fulfilment-studio:money"),
            },
        )


def notifications_remind(*, now=None) -> int:
    """Reminders due now (cron, hourly): parcels whose accept deadline is near, and tomorrow's pickups."""
    from fulfilment.models import Shipment

    now = now or timezone.now()
    queued = 0
    due = Shipment.objects.filter(
        status="pending", accept_by__gt=now, accept_by__lte=now + timedelta(hours=settings.NOTIFY_ACCEPT_REMINDER_HOURS)
    ).select_related("group__order")
    for shipment in due:
        queued += notifications_enqueue(
            event="accept_due",
            ref=f"s{shipment.pk}",
            recipients=artisan_recipients(partner_id=shipment.group.partner_id),
            variables={
                "order": shipment.group.order.number,
                "deadline": _when(shipment.accept_by),
                "url": _site_url() + reverse("fulfilment-studio:shipment-detail", kwargs={"shipment_pk": shipment.pk}),
            },
        )
    # Handed over today (Indian time) and not yet collected: the courier comes tomorrow.
    today = timezone.localdate(now)
    start = timezone.make_aware(timezone.datetime.combine(today, timezone.datetime.min.time()))
    waiting = (
        Shipment.objects.filter(status="manifested", events__status="manifested", events__occurred_at__gte=start)
        .values("group__partner_id")
        .annotate(count=Count("id", distinct=True))
    )
    for row in waiting:
        queued += notifications_enqueue(
            event="pickup_tomorrow",
            ref=f"p{row['group__partner_id']}:{today.isoformat()}",
            recipients=artisan_recipients(partner_id=row["group__partner_id"]),
            variables={
                "count": row["count"],
                "url": _site_url() + reverse("fulfilment-studio:manifest") + f"?date={today.isoformat()}",
            },
        )
    return queued


# ---- sending ------------------------------------------------------------------------------------


@dataclass
class DrainResult:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(settings.NOTIFY_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), 6 * 3600))


def _claim(*, batch_size: int, now) -> list[int]:
    with transaction.atomic():
        ids = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(status=PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "id")
            .values_list("id", flat=True)[:batch_size]
        )
        if ids:
            Notification.objects.filter(id__in=ids).update(status=SENDING, claimed_at=now)
    return ids


def _release_stale(*, now) -> int:
    stale = now - timedelta(seconds=settings.NOTIFY_CLAIM_TIMEOUT_SECONDS)
    return Notification.objects.filter(status=SENDING, claimed_at__lt=stale).update(status=PENDING, next_attempt_at=now)


def _record_sent(sent: list[Notification], *, now) -> None:
    """Mark a batch's sent rows in a few statements (not one per row, nor a CASE per column: 10,000 in seconds)."""
    by_provider_id: dict[str, list[int]] = {}
    for row in sent:
        by_provider_id.setdefault(row.provider_id, []).append(row.pk)
    common = {"status": SENT, "sent_at": now, "attempts": F("attempts") + 1, "claimed_at": None, "last_error": ""}
    if len(by_provider_id) <= 10:  # console, outbox and email answer with one id (or none) for all
        for provider_id, ids in by_provider_id.items():
            Notification.objects.filter(id__in=ids).update(provider_id=provider_id, **common)
        return
    Notification.objects.filter(id__in=[row.pk for row in sent]).update(**common)
    if connection.vendor == "postgresql":
        table = Notification._meta.db_table
        values = ", ".join(["(%s::bigint, %s)"] * len(sent))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS n SET provider_id = v.column2 FROM (VALUES {values}) AS v WHERE n.id = v.column1",
                [item for row in sent for item in (row.pk, row.provider_id)],
            )
    else:
        Notification.objects.bulk_update(sent, ["provider_id"])


def _send_one(row: Notification, *, now, result: DrainResult) -> bool:
    """Try one message; True when it went. A failed try is recorded on the row at once."""
    try:
        row.provider_id = (SENDERS[row.channel](row) or "")[:200]
        return True
    except ChannelError as error:
        row.last_error = str(error)[:2000]
        retry = error.retryable and row.attempts + 1 < settings.NOTIFY_MAX_ATTEMPTS
    except Exception as error:  # a sender bug must not stop the queue; ops see it on the dashboard
        logger.exception("Notification %s could not be sent", row.pk)
        row.last_error = f"{type(error).__name__}: {error}"[:2000]
        retry = row.attempts + 1 < settings.NOTIFY_MAX_ATTEMPTS
    row.attempts += 1
    row.claimed_at = None
    if retry:
        row.status, row.next_attempt_at = PENDING, now + _backoff(row.attempts)
        result.retrying += 1
    else:
        row.status = FAILED
        result.failed += 1
    row.save(update_fields=["status", "attempts", "claimed_at", "last_error", "next_attempt_at"])
    return False


def notifications_drain(*, batch_size: int = 500, limit: int | None = None, progress=None) -> DrainResult:
    """Send everything due, batch by batch, until nothing is due (or `limit` messages were tried)."""
    result = DrainResult()
    _release_stale(now=timezone.now())
    tried = 0
    while limit is None or tried < limit:
        now = timezone.now()
        size = batch_size if limit is None else min(batch_size, limit - tried)
        ids = _claim(batch_size=size, now=now)
        if not ids:
            break
        rows = list(Notification.objects.filter(id__in=ids).order_by("id"))
        sent = [row for row in rows if _send_one(row, now=now, result=result)]
        if sent:
            _record_sent(sent, now=timezone.now())
            result.sent += len(sent)
        tried += len(rows)
        if progress:
            progress(len(rows))
    return result


@transaction.atomic
def notification_retry(*, notification: Notification) -> Notification:
    """Ops: send a failed message again now (after fixing a number or a template)."""
    row = Notification.objects.select_for_update().get(pk=notification.pk)
    if row.status == FAILED:
        row.status, row.next_attempt_at = PENDING, timezone.now()
        row.save(update_fields=["status", "next_attempt_at"])
    return row


def notification_preference_set(
    *, user, sms: bool, whatsapp: bool, email: bool, language: str
) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"sms": sms, "whatsapp": whatsapp, "email": email, "language": language}
    )
    return preference


def notification_language_remember(*, user, language: str) -> None:
    """A person's first choice of language (at sign-up or mobile sign-in) becomes their messages' language."""
    NotificationPreference.objects.get_or_create(
        user=user, defaults={"language": "hi" if language.startswith("hi") else "en"}
    )
