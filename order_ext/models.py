"""Oscar's order, forked so each line keeps its GST breakup and each artisan's parcel is a shipment group.

The breakup is stored, not recomputed, so an invoice printed later shows exactly what was charged.
"""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from oscar.apps.order.abstract_models import AbstractLine

ZERO = Decimal("0.00")


def _money(label) -> models.DecimalField:
    return models.DecimalField(label, max_digits=12, decimal_places=2, default=ZERO)


class ShipmentGroup(models.Model):
    """One parcel per artisan as quoted at checkout; its journey is fulfilment.Shipment (one-to-one)."""

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="shipment_groups", verbose_name=_("Order")
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="shipment_groups", verbose_name=_("Artisan")
    )
    pickup_pincode = models.CharField(_("Pickup pincode"), max_length=6)
    zone = models.CharField(_("Shipping zone"), max_length=1)
    chargeable_weight_grams = models.PositiveIntegerField(_("Chargeable weight (g)"))
    shipping_charge = _money(_("Shipping charge"))
    cod_amount = _money(_("Cash to collect"))
    # The platform bills shipping (and the COD fee) as its own service: what it needs to split the GST
    # inside this parcel's charge exactly as at placement (shop.money; README "Money and GST").
    supply_state = models.CharField(_("Place of supply (state code)"), max_length=2, blank=True)
    service_state = models.CharField(_("Platform's state (state code)"), max_length=2, blank=True)
    service_gst_rate = models.DecimalField(_("GST rate on shipping (%)"), max_digits=5, decimal_places=2, default=ZERO)
    # The "arrives by" date the shopper was shown at checkout (fulfilment.selectors.delivery_promise).
    promised_by = models.DateField(_("Promised delivery by"), null=True, blank=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("Shipment group")
        verbose_name_plural = _("Shipment groups")
        constraints = [
            models.UniqueConstraint(fields=["order", "partner"], name="shipment_group_one_per_artisan"),
            models.CheckConstraint(condition=Q(shipping_charge__gte=0), name="shipment_group_charge_not_negative"),
            models.CheckConstraint(condition=Q(cod_amount__gte=0), name="shipment_group_cod_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.order.number} / {self.partner}"


class Line(AbstractLine):
    shipment_group = models.ForeignKey(
        ShipmentGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("Shipment group"),
    )
    hsn_code = models.CharField(_("HSN code"), max_length=8, blank=True)
    gst_rate = models.DecimalField(_("GST rate (%)"), max_digits=5, decimal_places=2, default=ZERO)
    taxable_value = _money(_("Taxable value"))
    cgst = _money(_("CGST"))
    sgst = _money(_("SGST"))
    igst = _money(_("IGST"))

    class Meta(AbstractLine.Meta):
        constraints = [
            # CGST is SGST or one paisa more. Bounds half a paisa wide rather than equality, because
            # SQLite does this arithmetic in floats; with two decimal places it is just as strict.
            models.CheckConstraint(
                condition=Q(cgst__gt=F("sgst") - Decimal("0.005")) & Q(cgst__lt=F("sgst") + Decimal("0.015")),
                name="order_line_cgst_sgst_halves",
            ),
            models.CheckConstraint(condition=Q(igst=0) | Q(cgst=0, sgst=0), name="order_line_igst_or_cgst_sgst"),
        ]

    @property
    def gst_total(self) -> Decimal:
        return self.cgst + self.sgst + self.igst


from oscar.apps.order.models import *  # noqa: E402,F401,F403  (Oscar's fork idiom)
