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
    """One parcel per artisan: what the fulfilment module picks up, ships and collects cash for."""

    STATUS_PENDING = "pending"
    STATUS_SHIPPED = "shipped"
    STATUS_DELIVERED = "delivered"
    STATUS_RETURNED = "returned"
    STATUS_CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (STATUS_PENDING, _("Awaiting pickup")),
        (STATUS_SHIPPED, _("Shipped")),
        (STATUS_DELIVERED, _("Delivered")),
        (STATUS_RETURNED, _("Returned")),
        (STATUS_CANCELLED, _("Cancelled")),
    ]

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
    status = models.CharField(_("Status"), max_length=16, choices=STATUS_CHOICES, default=STATUS_PENDING)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("Shipment group")
        verbose_name_plural = _("Shipment groups")
        constraints = [
            models.UniqueConstraint(fields=["order", "partner"], name="shipment_group_one_per_artisan"),
            models.CheckConstraint(condition=Q(shipping_charge__gte=0), name="shipment_group_charge_not_negative"),
            models.CheckConstraint(condition=Q(cod_amount__gte=0), name="shipment_group_cod_not_negative"),
            models.CheckConstraint(
                condition=Q(status__in=["pending", "shipped", "delivered", "returned", "cancelled"]),
                name="shipment_group_status_valid",
            ),
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
            models.CheckConstraint(
                condition=Q(cgst=F("sgst")) | Q(cgst=F("sgst") + Decimal("0.01")),
                name="order_line_cgst_sgst_halves",
            ),
            models.CheckConstraint(
                condition=Q(igst=0) | Q(cgst=0, sgst=0), name="order_line_igst_or_cgst_sgst"
            ),
        ]

    @property
    def gst_total(self) -> Decimal:
        return self.cgst + self.sgst + self.igst


from oscar.apps.order.models import *  # noqa: E402,F401,F403  (Oscar's fork idiom)
