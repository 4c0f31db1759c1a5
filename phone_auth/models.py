"""A person's verified mobile number and the one-time codes sent to it (stored hashed)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SIGN_IN = "sign_in"
JOIN = "join"
PURPOSE_CHOICES = [(SIGN_IN, _("Sign in")), (JOIN, _("Join as an artisan"))]


class UserMobile(models.Model):
    """One mobile number per person and one person per number; the number signs them in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mobile", verbose_name=_("User")
    )
    phone = models.CharField(_("Mobile number"), max_length=10, unique=True)
    verified_at = models.DateTimeField(_("Confirmed by a code at"), null=True, blank=True)
    date_created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Mobile number")
        verbose_name_plural = _("Mobile numbers")
        constraints = [
            models.CheckConstraint(condition=Q(phone__regex=r"^[6-9][0-9]{9}$"), name="user_mobile_indian"),
        ]

    def __str__(self) -> str:
        return self.phone


class OneTimeCode(models.Model):
    """A code sent by SMS: only its HMAC is kept; it expires, is used once and allows a few tries."""

    phone = models.CharField(max_length=10)
    purpose = models.CharField(max_length=8, choices=PURPOSE_CHOICES)
    code_hash = models.CharField(max_length=64)
    requested_from = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["phone", "purpose", "-created_at"], name="otp_phone_recent"),
            models.Index(fields=["requested_from", "-created_at"], name="otp_address_recent"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(purpose__in=[SIGN_IN, JOIN]), name="otp_purpose_valid"),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")), name="otp_expires_after_created"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phone} ({self.purpose})"
