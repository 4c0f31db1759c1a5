"""What we asked payment gateways for and what they told us, so every webhook can be replayed safely."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PaymentAttempt(models.Model):
    """One try at paying for a basket as it stood; carries everything needed to place its order later."""

    STATUS_CREATED = "created"
    STATUS_SUCCEEDED = "succeeded"
    STATUS_FAILED = "failed"
    STATUS_CANCELED = "canceled"
    STATUS_CHOICES = [
        (STATUS_CREATED, _("Awaiting payment")),
        (STATUS_SUCCEEDED, _("Paid")),
        (STATUS_FAILED, _("Failed")),
        (STATUS_CANCELED, _("Cancelled")),
    ]

    key = models.UUIDField(_("Idempotency key"), default=uuid.uuid4, unique=True, editable=False)
    gateway = models.CharField(_("Gateway"), max_length=32)
    basket = models.ForeignKey(
        "basket.Basket", on_delete=models.PROTECT, related_name="payment_attempts", verbose_name=_("Basket")
    )
    fingerprint = models.CharField(_("Basket fingerprint"), max_length=64)
    amount = models.DecimalField(_("Amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("Currency"), max_length=3, default="INR")
    reference = models.CharField(_("Gateway reference"), max_length=255, blank=True, db_index=True)
    status = models.CharField(_("Status"), max_length=16, choices=STATUS_CHOICES, default=STATUS_CREATED)
    order_number = models.CharField(_("Order number"), max_length=128, blank=True)
    snapshot = models.JSONField(_("Checkout snapshot"))
    amount_refunded = models.DecimalField(_("Refunded"), max_digits=12, decimal_places=2, default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("Payment attempt")
        verbose_name_plural = _("Payment attempts")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_attempt_amount_positive"),
            models.CheckConstraint(
                condition=Q(amount_refunded__gte=0) & Q(amount_refunded__lte=models.F("amount")),
                name="payment_attempt_refund_within_amount",
            ),
            models.UniqueConstraint(
                fields=["gateway", "reference"], condition=~Q(reference=""), name="payment_attempt_unique_reference"
            ),
            models.UniqueConstraint(
                fields=["gateway", "basket", "fingerprint"], name="payment_attempt_one_per_basket_state"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gateway} {self.reference or self.key}"


class GatewayEvent(models.Model):
    """Every webhook event id we have processed; a repeat is acknowledged and ignored."""

    gateway = models.CharField(_("Gateway"), max_length=32)
    event_id = models.CharField(_("Event id"), max_length=255)
    event_type = models.CharField(_("Event type"), max_length=64)
    received = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received"]
        verbose_name = _("Gateway event")
        verbose_name_plural = _("Gateway events")
        constraints = [
            models.UniqueConstraint(fields=["gateway", "event_id"], name="gateway_event_once"),
        ]

    def __str__(self) -> str:
        return f"{self.gateway} {self.event_id}"
