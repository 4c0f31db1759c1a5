"""Artisans: the people behind each Oscar Partner, their verification by ops and their GI authorisations."""

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

PENDING = "pending"
VERIFIED = "verified"
REJECTED = "rejected"
SUSPENDED = "suspended"
STATUS_CHOICES = [
    (PENDING, _("Pending")),
    (VERIFIED, _("Verified")),
    (REJECTED, _("Rejected")),
    (SUSPENDED, _("Suspended")),
]

phone_validator = RegexValidator(r"^[6-9]\d{9}$", _("Enter a 10-digit Indian mobile number, e.g. 9876543210."))
ifsc_validator = RegexValidator(r"^[A-Z]{4}0[A-Z0-9]{6}$", _("An IFSC has 11 characters, e.g. SBIN0001234."))
account_validator = RegexValidator(r"^\d{9,18}$", _("A bank account number has 9 to 18 digits."))
upi_validator = RegexValidator(r"^[\w.\-]{2,256}@[a-zA-Z]{2,64}$", _("A UPI id looks like name@bank."))


def mask(value: str) -> str:
    """Payout details in lists show only their last four characters."""
    return f"••••{value[-4:]}" if value else ""


MAX_DISPATCH_DAYS = 15


class ArtisanProfile(models.Model):
    KIND_CHOICES = [
        ("individual", _("Individual artisan")),
        ("collective", _("Artisan collective")),
        ("shg", _("Self-help group")),
        ("cooperative", _("Cooperative")),
    ]

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="artisan_profile", verbose_name=_("Partner")
    )
    kind = models.CharField(_("Kind"), max_length=12, choices=KIND_CHOICES, default="individual")
    workshop = models.CharField(_("Workshop or collective"), max_length=160, blank=True)
    phone = models.CharField(_("Mobile number"), max_length=10, unique=True, validators=[phone_validator])
    # Optional: many artisans have a mobile and no email (NULL, not "", so several may lack one).
    email = models.EmailField(_("Email"), unique=True, null=True, blank=True)
    district = models.ForeignKey(
        "catalogue.District", on_delete=models.PROTECT, related_name="artisans", verbose_name=_("District")
    )
    crafts = models.ManyToManyField("catalogue.Craft", related_name="artisans", verbose_name=_("Crafts"))
    years_of_practice = models.PositiveSmallIntegerField(
        _("Years of practice"), null=True, blank=True, validators=[MaxValueValidator(90)]
    )
    story_en = models.TextField(_("Story in English"), blank=True)
    story_hi = models.TextField(_("Story in Hindi"), blank=True)
    awards = models.TextField(_("Awards"), blank=True, help_text=_("One award per line."))
    portrait = models.ImageField(_("Portrait"), upload_to="artisans/portraits/", blank=True)
    workshop_photo = models.ImageField(_("Workshop photo"), upload_to="artisans/workshops/", blank=True)
    status = models.CharField(_("Status"), max_length=10, choices=STATUS_CHOICES, default=PENDING, db_index=True)
    bank_account_number = models.CharField(
        _("Bank account number"), max_length=18, blank=True, validators=[account_validator]
    )
    ifsc = models.CharField(_("IFSC"), max_length=11, blank=True, validators=[ifsc_validator])
    upi_id = models.CharField(_("UPI id"), max_length=256, blank=True, validators=[upi_validator])
    # Optional: printed on the artisan's tax invoices ("not registered under GST" without it); checked
    # by invoices.gst.gstin_normalise (shape, state code of their district, check character).
    gstin = models.CharField(_("GSTIN"), max_length=15, blank=True)
    # Working days from an order to the parcel handed to the courier: the first part of the shopper's
    # "arrives by" date (fulfilment.selectors.delivery_promise).
    dispatch_days = models.PositiveSmallIntegerField(
        _("Working days to pack and hand over a parcel"),
        default=2,
        validators=[MaxValueValidator(MAX_DISPATCH_DAYS)],
        help_text=_("Shoppers see the delivery date worked out from this."),
    )
    date_created = models.DateTimeField(_("Joined"), auto_now_add=True)
    date_updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("Artisan profile")
        verbose_name_plural = _("Artisan profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=[PENDING, VERIFIED, REJECTED, SUSPENDED]), name="artisan_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["individual", "collective", "shg", "cooperative"]), name="artisan_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(bank_account_number="") | ~Q(ifsc=""), name="artisan_bank_account_has_ifsc"
            ),
            models.CheckConstraint(
                condition=Q(dispatch_days__lte=MAX_DISPATCH_DAYS), name="artisan_dispatch_days_in_range"
            ),
        ]

    def __str__(self) -> str:
        return self.partner.name

    def get_absolute_url(self) -> str:
        return reverse("artisans:detail", kwargs={"slug": self.partner.code})

    @property
    def name(self) -> str:
        return self.partner.name

    @property
    def slug(self) -> str:
        """Partner.code is the public slug and the search facet key."""
        return self.partner.code

    @property
    def is_verified(self) -> bool:
        return self.status == VERIFIED

    @property
    def story(self) -> str:
        """The story in the visitor's language, falling back to the other one."""
        if (get_language() or "").startswith("hi"):
            return self.story_hi or self.story_en
        return self.story_en or self.story_hi

    @property
    def other_language(self) -> str | None:
        """The language code of the story's other version, when it exists."""
        if (get_language() or "").startswith("hi"):
            return "en" if self.story_en and self.story_hi else None
        return "hi" if self.story_hi and self.story_en else None

    @property
    def award_list(self) -> list[str]:
        return [line.strip() for line in self.awards.splitlines() if line.strip()]

    @property
    def bank_account_masked(self) -> str:
        return mask(self.bank_account_number)

    @property
    def upi_id_masked(self) -> str:
        return mask(self.upi_id)


class ArtisanDecision(models.Model):
    """Every ops decision about an artisan, kept for the record: who, when, why."""

    VERIFY = "verify"
    REJECT = "reject"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"
    GI_AUTHORISE = "gi_authorise"
    GI_REVOKE = "gi_revoke"
    ACTION_CHOICES = [
        (VERIFY, _("Verified")),
        (REJECT, _("Rejected")),
        (SUSPEND, _("Suspended")),
        (REINSTATE, _("Reinstated")),
        (GI_AUTHORISE, _("GI authorised user recorded")),
        (GI_REVOKE, _("GI authorisation withdrawn")),
    ]
    NEEDS_REASON = [REJECT, SUSPEND, GI_REVOKE]

    profile = models.ForeignKey(
        ArtisanProfile, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("Artisan")
    )
    action = models.CharField(_("Decision"), max_length=14, choices=ACTION_CHOICES)
    reason = models.TextField(_("Reason"), blank=True)
    gi_tag = models.ForeignKey(
        "catalogue.GITag", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("GI tag")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Decided by"),
        help_text=_("Empty for decisions loaded with the demo data."),
    )
    decided_at = models.DateTimeField(_("Decided at"), auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("Artisan decision")
        verbose_name_plural = _("Artisan decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["verify", "reject", "suspend", "reinstate", "gi_authorise", "gi_revoke"]),
                name="artisan_decision_action_valid",
            ),
            models.CheckConstraint(
                condition=~Q(action__in=["reject", "suspend", "gi_revoke"]) | ~Q(reason=""),
                name="artisan_decision_reason_required",
            ),
            models.CheckConstraint(
                condition=Q(action__in=["gi_authorise", "gi_revoke"], gi_tag__isnull=False)
                | (~Q(action__in=["gi_authorise", "gi_revoke"]) & Q(gi_tag__isnull=True)),
                name="artisan_decision_gi_tag_matches_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.profile_id}"


class GIAuthorisation(models.Model):
    """Ops checked that this artisan is a registered authorised user of this GI."""

    profile = models.ForeignKey(
        ArtisanProfile, on_delete=models.CASCADE, related_name="gi_authorisations", verbose_name=_("Artisan")
    )
    gi_tag = models.ForeignKey(
        "catalogue.GITag", on_delete=models.PROTECT, related_name="authorised_users", verbose_name=_("GI tag")
    )
    registration_number = models.CharField(_("Authorised-user registration number"), max_length=32)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("Verified by")
    )
    verified_at = models.DateTimeField(_("Verified at"), auto_now_add=True)

    class Meta:
        ordering = ["gi_tag__name"]
        verbose_name = _("GI authorised user")
        verbose_name_plural = _("GI authorised users")
        constraints = [
            models.UniqueConstraint(fields=["profile", "gi_tag"], name="gi_authorisation_unique"),
            models.CheckConstraint(condition=~Q(registration_number=""), name="gi_authorisation_has_number"),
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} / {self.gi_tag_id}"
