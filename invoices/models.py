"""GST tax invoices (one per parcel, issued by its artisan; one per order from the shop for shipping and
the COD fee, its own services) and credit notes, each in its own gapless series per supplier per
financial year (README "Tax invoices"). A row without an artisan is the shop's."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

models.CharField.register_lookup(Length)

INVOICE = "invoice"
CREDIT_NOTE = "credit"
KIND_CHOICES = [(INVOICE, _("Tax invoice")), (CREDIT_NOTE, _("Credit note"))]
# GST rule 46: at most 16 characters, letters, digits, "-" and "/".
NUMBER_MAX = 16


class InvoiceSeries(models.Model):
    """The last number used in one supplier's series (an artisan's, or the shop's when `partner` is empty)
    for one kind and financial year (April–March). Issuing locks this row, so concurrent orders take
    consecutive numbers and a rollback leaves no gap."""

    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Artisan")
    )
    kind = models.CharField(_("Kind"), max_length=8, choices=KIND_CHOICES)
    financial_year = models.PositiveSmallIntegerField(_("Financial year (starting)"))
    last_number = models.PositiveIntegerField(_("Last number"), default=0)

    class Meta:
        verbose_name = _("Invoice series")
        verbose_name_plural = _("Invoice series")
        constraints = [
            models.UniqueConstraint(fields=["partner", "kind", "financial_year"], name="invoice_series_one_per_year"),
            models.UniqueConstraint(
                fields=["kind", "financial_year"],
                condition=Q(partner__isnull=True),
                name="invoice_series_shop_one_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.partner_id} {self.financial_year}: {self.last_number}"


class Invoice(models.Model):
    """An artisan's invoice for one parcel's goods (`partner` and `shipment_group` set), or the shop's
    for an order's shipping and COD fee (both empty), or a credit note against either."""

    kind = models.CharField(_("Kind"), max_length=8, choices=KIND_CHOICES, default=INVOICE)
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("Artisan"),
    )
    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="invoices", verbose_name=_("Order"))
    shipment_group = models.ForeignKey(
        "order.ShipmentGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("Parcel"),
    )
    financial_year = models.PositiveSmallIntegerField(_("Financial year (starting)"))
    sequence = models.PositiveIntegerField(_("Number in the series"))
    number = models.CharField(_("Number"), max_length=NUMBER_MAX)
    issued_at = models.DateTimeField(_("Issued"))
    refers_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
        verbose_name=_("Invoice reduced"),
    )
    reason = models.CharField(_("Reason"), max_length=255, blank=True)
    # A credit note's own figures (an invoice's are its parcel's stored lines).
    taxable_value = models.DecimalField(_("Taxable value"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    cgst = models.DecimalField(_("CGST"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    sgst = models.DecimalField(_("SGST"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    igst = models.DecimalField(_("IGST"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    reference = models.CharField(_("Reference"), max_length=255, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("Tax invoice")
        verbose_name_plural = _("Tax invoices")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "kind", "financial_year", "sequence"], name="invoice_gapless_series"
            ),
            models.UniqueConstraint(fields=["partner", "number"], name="invoice_number_unique_per_artisan"),
            models.UniqueConstraint(
                fields=["kind", "financial_year", "sequence"],
                condition=Q(partner__isnull=True),
                name="invoice_shop_gapless_series",
            ),
            models.UniqueConstraint(
                fields=["number"], condition=Q(partner__isnull=True), name="invoice_shop_number_unique"
            ),
            models.UniqueConstraint(
                fields=["shipment_group"], condition=Q(kind=INVOICE), name="invoice_one_per_parcel"
            ),
            models.UniqueConstraint(
                fields=["order"], condition=Q(kind=INVOICE, partner__isnull=True), name="invoice_shop_one_per_order"
            ),
            models.CheckConstraint(
                condition=Q(partner__isnull=True, shipment_group__isnull=True)
                | Q(partner__isnull=False, shipment_group__isnull=False),
                name="invoice_artisan_parcel_or_shop_order",
            ),
            models.UniqueConstraint(
                fields=["refers_to", "reference"], condition=~Q(reference=""), name="credit_note_once_per_reference"
            ),
            models.CheckConstraint(condition=Q(sequence__gt=0), name="invoice_sequence_positive"),
            models.CheckConstraint(condition=Q(number__length__lte=NUMBER_MAX), name="invoice_number_at_most_16"),
            models.CheckConstraint(
                condition=Q(kind=INVOICE, refers_to__isnull=True) | Q(kind=CREDIT_NOTE, refers_to__isnull=False),
                name="credit_note_refers_to_an_invoice",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_credit_note(self) -> bool:
        return self.kind == CREDIT_NOTE

    @property
    def is_shop_services(self) -> bool:
        """The shop's own invoice (or credit note) for shipping and the COD fee."""
        return self.partner_id is None
