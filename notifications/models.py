"""The notification outbox: one row per message per channel, written after the business change commits,
sent by a drainer (notifications_drain) and never twice (a unique idempotency key per event,
recipient and channel)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SMS = "sms"
WHATSAPP = "whatsapp"
EMAIL = "email"
CHANNEL_CHOICES = [(SMS, _("SMS")), (WHATSAPP, _("WhatsApp")), (EMAIL, _("Email"))]

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"
STATUS_CHOICES = [(PENDING, _("Waiting")), (SENDING, _("Sending")), (SENT, _("Sent")), (FAILED, _("Failed"))]


class NotificationPreference(models.Model):
    """How a person wants to hear from us, and in which language. No row: SMS and email, in English."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("User"),
    )
    sms = models.BooleanField(_("SMS"), default=True)
    whatsapp = models.BooleanField(
        _("WhatsApp"), default=False, help_text=_("Messages from our WhatsApp Business number.")
    )
    email = models.BooleanField(_("Email"), default=True)
    language = models.CharField(_("Language of messages"), max_length=2, choices=settings.LANGUAGES, default="en")
    date_updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Message settings")
        verbose_name_plural = _("Message settings")
        constraints = [
            models.CheckConstraint(condition=Q(language__in=["en", "hi"]), name="notification_language_valid")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"


class Notification(models.Model):
    event = models.CharField(_("Event"), max_length=24, db_index=True)
    channel = models.CharField(_("Channel"), max_length=8, choices=CHANNEL_CHOICES)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Recipient"),
    )
    address = models.CharField(_("To"), max_length=254, help_text=_("Mobile number or email address."))
    language = models.CharField(_("Language"), max_length=2, default="en")
    subject = models.CharField(_("Subject"), max_length=200, blank=True)
    body = models.TextField(_("Message"))
    # [[name, value], …] in the template's order: WhatsApp and DLT SMS templates take values by
    # position, and PostgreSQL's jsonb does not keep an object's key order.
    variables = models.JSONField(_("Template variables"), default=list, blank=True)
    idempotency_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(_("Status"), max_length=8, choices=STATUS_CHOICES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(_("Attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("Next attempt"))
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("Last error"), blank=True)
    provider_id = models.CharField(_("Provider's message id"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("Queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("Sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Notification")
        verbose_name_plural = _("Notifications")
        indexes = [
            # The drainer's question: what is due? (partial: sent rows, the vast majority, stay out)
            models.Index(fields=["next_attempt_at"], condition=Q(status="pending"), name="notification_due"),
            models.Index(fields=["status", "-created_at"], name="notification_status_recent"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=[SMS, WHATSAPP, EMAIL]), name="notification_channel_valid"),
            models.CheckConstraint(
                condition=Q(status__in=[PENDING, SENDING, SENT, FAILED]), name="notification_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=SENT) | Q(sent_at__isnull=False), name="notification_sent_has_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.address} ({self.channel})"

    @property
    def variable_values(self) -> dict:
        return {str(name): str(value) for name, value in self.variables}
