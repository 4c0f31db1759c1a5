"""Where we can deliver and what a parcel costs: pincodes and the zone × weight-slab rate card."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from catalogue_ext.models import State

ZONE_CHOICES = [
    ("A", _("A — within city")),
    ("B", _("B — within state")),
    ("C", _("C — metro to metro")),
    ("D", _("D — rest of India")),
    ("E", _("E — special (North-East, J&K, Ladakh, Himachal, Kerala, islands)")),
]
ZONES = [code for code, _label in ZONE_CHOICES]
SLAB_GRAMS = 500


class Pincode(models.Model):
    code = models.CharField(_("Pincode"), max_length=6, unique=True)
    district = models.CharField(_("District"), max_length=80)
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="pincodes", verbose_name=_("State"))
    serviceable = models.BooleanField(_("Serviceable"), default=True)
    cod_allowed = models.BooleanField(_("Cash on delivery allowed"), default=True)
    is_metro = models.BooleanField(_("Metro city"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("Pincode")
        verbose_name_plural = _("Pincodes")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[1-9][0-9]{5}$"), name="pincode_six_digits"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.district}"


class ShippingRate(models.Model):
    """Charge for a parcel in a zone whose chargeable weight is at most `up_to_grams` (a 0.5 kg slab)."""

    zone = models.CharField(_("Zone"), max_length=1, choices=ZONE_CHOICES)
    up_to_grams = models.PositiveIntegerField(_("Up to (g)"))
    charge = models.DecimalField(_("Charge"), max_digits=8, decimal_places=2)

    class Meta:
        ordering = ["zone", "up_to_grams"]
        verbose_name = _("Shipping rate")
        verbose_name_plural = _("Shipping rates")
        constraints = [
            models.UniqueConstraint(fields=["zone", "up_to_grams"], name="shipping_rate_one_per_zone_slab"),
            models.CheckConstraint(condition=Q(zone__in=ZONES), name="shipping_rate_zone_valid"),
            models.CheckConstraint(condition=Q(charge__gte=Decimal("0")), name="shipping_rate_charge_not_negative"),
            models.CheckConstraint(
                condition=Q(up_to_grams__gt=0) & Q(up_to_grams__lte=100_000),
                name="shipping_rate_slab_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone} ≤ {self.up_to_grams} g: {self.charge}"
