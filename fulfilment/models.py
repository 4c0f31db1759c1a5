"""Fulfilment: where we deliver and what it costs, then each parcel's life, the COD cash and artisan payouts.

Pincodes and the zone × weight-slab rate card price a parcel; a Shipment follows it through the
carrier's pipeline; AWB numbers come from carrier-allocated ranges; COD remittance files are
reconciled line by line; the payout ledger is append-only and balances are sums of its entries.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
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


# Couriers' usual working days on the road per zone; ops edit them on the rate card.
DEFAULT_TRANSIT_DAYS = {"A": 1, "B": 3, "C": 3, "D": 5, "E": 7}
MAX_TRANSIT_DAYS = 30


class ZoneTransit(models.Model):
    """Working days a parcel spends with the courier in a zone: the second part of "arrives by"."""

    zone = models.CharField(_("Zone"), max_length=1, choices=ZONE_CHOICES, unique=True)
    transit_days = models.PositiveSmallIntegerField(_("Days in transit"))

    class Meta:
        ordering = ["zone"]
        verbose_name = _("Transit time")
        verbose_name_plural = _("Transit times")
        constraints = [
            models.CheckConstraint(condition=Q(zone__in=ZONES), name="zone_transit_zone_valid"),
            models.CheckConstraint(
                condition=Q(transit_days__gte=1) & Q(transit_days__lte=MAX_TRANSIT_DAYS),
                name="zone_transit_days_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone}: {self.transit_days}"


class DeliveryHoliday(models.Model):
    """A day couriers and workshops are shut (Sundays always are): promised dates skip it."""

    date = models.DateField(_("Date"), unique=True)
    name = models.CharField(_("Holiday"), max_length=80)

    class Meta:
        ordering = ["date"]
        verbose_name = _("Delivery holiday")
        verbose_name_plural = _("Delivery holidays")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


SHIPMENT_STATUSES = [
    "pending",
    "accepted",
    "packed",
    "manifested",
    "picked_up",
    "in_transit",
    "out_for_delivery",
    "delivered",
    "ndr",
    "rto_initiated",
    "rto_delivered",
    "cancelled",
]
# Statuses in which the parcel carries a carrier's tracking number.
SHIPMENT_STATUSES_WITH_AWB = SHIPMENT_STATUSES[3:11]
REMITTANCE_OUTCOMES = ["matched", "short", "excess", "unknown_awb", "duplicate", "not_delivered"]
# Outcomes that settle a shipment's cash: a shipment is settled by one remittance line only.
REMITTANCE_SETTLING = REMITTANCE_OUTCOMES[:3]
LEDGER_KINDS = ["sale", "rto_charge", "refund", "return", "payout", "adjustment"]
HALF_PAISA = Decimal("0.005")


class Carrier(models.Model):
    """A carrier the shop hands parcels to; its behaviour is the adapter class named in settings.

    A real carrier API is a new adapter plus a row here, nothing else.
    """

    code = models.SlugField(_("Code"), max_length=40, unique=True)
    name = models.CharField(_("Name"), max_length=80)
    adapter = models.CharField(_("Adapter"), max_length=40, help_text=_("A key of FULFILMENT_CARRIER_ADAPTERS."))
    is_active = models.BooleanField(_("Active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Carrier")
        verbose_name_plural = _("Carriers")

    def __str__(self) -> str:
        return self.name


class Shipment(models.Model):
    """One artisan's parcel of one order, from acceptance to delivery or return to origin."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    PACKED = "packed"
    MANIFESTED = "manifested"
    PICKED_UP = "picked_up"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    NDR = "ndr"
    RTO_INITIATED = "rto_initiated"
    RTO_DELIVERED = "rto_delivered"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (PENDING, _("Awaiting the artisan")),
        (ACCEPTED, _("Accepted by the artisan")),
        (PACKED, _("Packed")),
        (MANIFESTED, _("Ready for pickup")),
        (PICKED_UP, _("Picked up")),
        (IN_TRANSIT, _("In transit")),
        (OUT_FOR_DELIVERY, _("Out for delivery")),
        (DELIVERED, _("Delivered")),
        (NDR, _("Delivery attempt failed")),
        (RTO_INITIATED, _("Returning to the artisan")),
        (RTO_DELIVERED, _("Returned to the artisan")),
        (CANCELLED, _("Cancelled")),
    ]
    STATUSES = SHIPMENT_STATUSES
    WITH_AWB = SHIPMENT_STATUSES_WITH_AWB

    group = models.OneToOneField(
        "order.ShipmentGroup", on_delete=models.PROTECT, related_name="shipment", verbose_name=_("Shipment group")
    )
    status = models.CharField(_("Status"), max_length=20, choices=STATUS_CHOICES, default=PENDING)
    carrier = models.ForeignKey(
        Carrier, on_delete=models.PROTECT, null=True, blank=True, related_name="shipments", verbose_name=_("Carrier")
    )
    awb = models.CharField(_("AWB / tracking number"), max_length=40, blank=True)
    accept_by = models.DateTimeField(_("Accept by"))
    delivered_at = models.DateTimeField(_("Delivered at"), null=True, blank=True)
    last_event_at = models.DateTimeField(
        _("Time of the latest applied event"),
        null=True,
        blank=True,
        help_text=_("Carrier events older than this are kept in the history but do not move the parcel."),
    )
    ndr_attempts = models.PositiveSmallIntegerField(_("Failed attempts"), default=0)
    ndr_reason = models.CharField(_("Reason of the last failed attempt"), max_length=200, blank=True)
    ndr_raised_at = models.DateTimeField(_("Failed attempt reported at"), null=True, blank=True)
    delivery_phone = models.CharField(_("Corrected phone for delivery"), max_length=20, blank=True)
    delivery_instructions = models.CharField(_("Corrected address or instructions"), max_length=300, blank=True)
    rto_charge = models.DecimalField(
        _("Return-to-origin charge"), max_digits=10, decimal_places=2, default=Decimal("0.00")
    )
    rto_charged_to = models.CharField(
        _("Return charge paid by"),
        max_length=10,
        blank=True,
        choices=[("artisan", _("Artisan")), ("platform", _("Platform"))],
    )
    created_at = models.DateTimeField(_("Created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Shipment")
        verbose_name_plural = _("Shipments")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=SHIPMENT_STATUSES), name="shipment_status_valid"),
            models.UniqueConstraint(
                fields=["carrier", "awb"], condition=~Q(awb=""), name="shipment_awb_unique_per_carrier"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=SHIPMENT_STATUSES_WITH_AWB) | (Q(carrier__isnull=False) & ~Q(awb="")),
                name="shipment_has_awb_once_manifested",
            ),
            models.CheckConstraint(
                condition=~Q(status="delivered") | Q(delivered_at__isnull=False), name="shipment_delivered_has_time"
            ),
            models.CheckConstraint(condition=Q(rto_charge__gte=0), name="shipment_rto_charge_not_negative"),
        ]
        indexes = [
            models.Index(fields=["status", "accept_by"], name="shipment_status_accept_idx"),
            models.Index(fields=["carrier", "awb"], name="shipment_carrier_awb_idx"),
        ]

    def __str__(self) -> str:
        return self.awb or f"#{self.pk}"


class ShipmentEvent(models.Model):
    """One step in a parcel's history: who or what moved it, when it happened and when we heard."""

    SOURCE_OPS = "ops"
    SOURCE_ARTISAN = "artisan"
    SOURCE_CARRIER = "carrier"
    SOURCE_SYSTEM = "system"
    SOURCE_CHOICES = [
        (SOURCE_OPS, _("Operations")),
        (SOURCE_ARTISAN, _("Artisan")),
        (SOURCE_CARRIER, _("Carrier")),
        (SOURCE_SYSTEM, _("Automatic")),
    ]

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="events", verbose_name=_("Shipment"))
    status = models.CharField(_("Status"), max_length=20, choices=Shipment.STATUS_CHOICES)
    occurred_at = models.DateTimeField(_("Happened at"))
    recorded_at = models.DateTimeField(_("Recorded at"), auto_now_add=True)
    source = models.CharField(_("Source"), max_length=10, choices=SOURCE_CHOICES)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("By"),
    )
    note = models.CharField(_("Note"), max_length=300, blank=True)
    location = models.CharField(_("Location"), max_length=120, blank=True)
    carrier = models.ForeignKey(
        Carrier, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Carrier")
    )
    carrier_event_id = models.CharField(_("Carrier event id"), max_length=80, blank=True)
    applied = models.BooleanField(
        _("Moved the parcel"), default=True, help_text=_("False for late or stale carrier events kept for the record.")
    )

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("Shipment event")
        verbose_name_plural = _("Shipment events")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Shipment.STATUSES), name="shipment_event_status_valid"),
            models.UniqueConstraint(
                fields=["carrier", "carrier_event_id"],
                condition=~Q(carrier_event_id=""),
                name="shipment_event_once_per_carrier_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shipment} {self.status} {self.occurred_at:%Y-%m-%d %H:%M}"


class AwbNumber(models.Model):
    """A tracking number a carrier pre-allocated to us; used by one shipment, never reused."""

    carrier = models.ForeignKey(
        Carrier, on_delete=models.PROTECT, related_name="awb_numbers", verbose_name=_("Carrier")
    )
    number = models.CharField(_("AWB number"), max_length=40)
    shipment = models.OneToOneField(
        Shipment, on_delete=models.PROTECT, null=True, blank=True, related_name="awb_number", verbose_name=_("Shipment")
    )
    imported_at = models.DateTimeField(_("Imported"), auto_now_add=True)
    allocated_at = models.DateTimeField(_("Allocated"), null=True, blank=True)

    class Meta:
        ordering = ["carrier", "id"]
        verbose_name = _("AWB number")
        verbose_name_plural = _("AWB numbers")
        constraints = [
            models.UniqueConstraint(fields=["carrier", "number"], name="awb_number_unique_per_carrier"),
            models.CheckConstraint(
                condition=Q(shipment__isnull=True, allocated_at__isnull=True)
                | Q(shipment__isnull=False, allocated_at__isnull=False),
                name="awb_number_allocated_with_time",
            ),
        ]
        indexes = [
            models.Index(fields=["carrier", "id"], condition=Q(shipment__isnull=True), name="awb_number_free_idx"),
        ]

    def __str__(self) -> str:
        return self.number


class CodRemittance(models.Model):
    """One remittance file a carrier sent with the cash it collected on delivery."""

    carrier = models.ForeignKey(
        Carrier, on_delete=models.PROTECT, related_name="remittances", verbose_name=_("Carrier")
    )
    file_name = models.CharField(_("File"), max_length=255)
    content_sha256 = models.CharField(_("Content hash"), max_length=64)
    imported_at = models.DateTimeField(_("Imported"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Imported by"),
    )
    row_count = models.PositiveIntegerField(_("Rows"))
    total_amount = models.DecimalField(_("Total remitted"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("COD remittance")
        verbose_name_plural = _("COD remittances")
        constraints = [
            models.UniqueConstraint(fields=["carrier", "content_sha256"], name="cod_remittance_file_once"),
            models.CheckConstraint(condition=Q(total_amount__gte=0), name="cod_remittance_total_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.carrier} {self.file_name}"


class CodRemittanceLine(models.Model):
    """A row of a remittance file and what reconciliation made of it."""

    MATCHED = "matched"
    SHORT = "short"
    EXCESS = "excess"
    UNKNOWN_AWB = "unknown_awb"
    DUPLICATE = "duplicate"
    NOT_DELIVERED = "not_delivered"
    OUTCOME_CHOICES = [
        (MATCHED, _("Matched")),
        (SHORT, _("Short amount")),
        (EXCESS, _("Excess amount")),
        (UNKNOWN_AWB, _("Unknown AWB")),
        (DUPLICATE, _("Already remitted")),
        (NOT_DELIVERED, _("Remitted but not delivered")),
    ]
    OUTCOMES = REMITTANCE_OUTCOMES
    SETTLING = REMITTANCE_SETTLING

    remittance = models.ForeignKey(
        CodRemittance, on_delete=models.CASCADE, related_name="lines", verbose_name=_("Remittance")
    )
    line_number = models.PositiveIntegerField(_("Line"))
    awb = models.CharField(_("AWB"), max_length=40)
    amount = models.DecimalField(_("Amount"), max_digits=12, decimal_places=2)
    utr = models.CharField(_("Remittance reference / UTR"), max_length=40)
    remitted_on = models.DateField(_("Remitted on"))
    shipment = models.ForeignKey(
        Shipment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="remittance_lines",
        verbose_name=_("Shipment"),
    )
    expected_amount = models.DecimalField(_("Expected"), max_digits=12, decimal_places=2, null=True, blank=True)
    outcome = models.CharField(_("Outcome"), max_length=16, choices=OUTCOME_CHOICES)
    resolved_at = models.DateTimeField(_("Resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Resolved by"),
    )
    resolution_note = models.CharField(_("Resolution note"), max_length=300, blank=True)

    class Meta:
        ordering = ["remittance", "line_number"]
        verbose_name = _("COD remittance line")
        verbose_name_plural = _("COD remittance lines")
        constraints = [
            models.UniqueConstraint(fields=["remittance", "line_number"], name="cod_remittance_line_unique"),
            models.UniqueConstraint(
                fields=["shipment"],
                condition=Q(outcome__in=REMITTANCE_SETTLING),
                name="cod_remittance_settles_shipment_once",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=REMITTANCE_OUTCOMES), name="cod_remittance_line_outcome_valid"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="cod_remittance_line_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(outcome="unknown_awb") | Q(shipment__isnull=False),
                name="cod_remittance_line_known_awb_has_shipment",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | ~Q(resolution_note=""),
                name="cod_remittance_line_resolution_has_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.remittance} line {self.line_number}"

    @property
    def is_discrepancy(self) -> bool:
        return self.outcome != self.MATCHED


class PayoutBatch(models.Model):
    """Payouts ops send to the bank together; the CSV is what the bank's bulk upload takes."""

    OPEN = "open"
    PAID = "paid"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (OPEN, _("Awaiting bank transfer")),
        (PAID, _("Paid")),
        (CANCELLED, _("Cancelled: the money is back in the balances")),
    ]

    created_at = models.DateTimeField(_("Created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Created by"),
    )
    status = models.CharField(_("Status"), max_length=10, choices=STATUS_CHOICES, default=OPEN)
    paid_at = models.DateTimeField(_("Paid at"), null=True, blank=True)
    bank_reference = models.CharField(_("Bank reference"), max_length=80, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Payout batch")
        verbose_name_plural = _("Payout batches")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "paid", "cancelled"]), name="payout_batch_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["open", "cancelled"], paid_at__isnull=True)
                | (Q(status="paid", paid_at__isnull=False) & ~Q(bank_reference="")),
                name="payout_batch_paid_has_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"PB{self.pk:05d}" if self.pk else "PB"


class Payout(models.Model):
    """One artisan's transfer in a batch, with the bank details as they were when it was made."""

    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="payouts", verbose_name=_("Batch"))
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="payouts", verbose_name=_("Artisan")
    )
    amount = models.DecimalField(_("Amount"), max_digits=12, decimal_places=2)
    reference = models.CharField(_("Reference"), max_length=40, unique=True)
    payee_name = models.CharField(_("Payee"), max_length=200)
    bank_account_number = models.CharField(_("Account number"), max_length=20, blank=True)
    ifsc = models.CharField(_("IFSC"), max_length=11, blank=True)
    upi_id = models.CharField(_("UPI id"), max_length=60, blank=True)
    # A transfer that did not happen (batch cancelled) or came back (closed account, wrong IFSC): its
    # amount is credited back to the artisan's balance once.
    reversed_at = models.DateTimeField(_("Reversed"), null=True, blank=True)
    reversal_reason = models.CharField(_("Why it was reversed"), max_length=200, blank=True)

    class Meta:
        ordering = ["batch", "id"]
        verbose_name = _("Payout")
        verbose_name_plural = _("Payouts")
        constraints = [
            models.UniqueConstraint(fields=["batch", "partner"], name="payout_one_per_artisan_per_batch"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive"),
            models.CheckConstraint(
                condition=(~Q(bank_account_number="") & ~Q(ifsc="")) | ~Q(upi_id=""), name="payout_has_destination"
            ),
            models.CheckConstraint(
                condition=Q(reversed_at__isnull=True) | ~Q(reversal_reason=""), name="payout_reversal_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class PayoutLedgerEntry(models.Model):
    """Append-only money owed to an artisan; a balance is always the sum of entries, never stored.

    amount = gross − commission − tcs, all signed: credits are positive, debits negative.
    """

    SALE = "sale"
    RTO_CHARGE = "rto_charge"
    REFUND = "refund"
    RETURN = "return"
    PAYOUT = "payout"
    ADJUSTMENT = "adjustment"
    KIND_CHOICES = [
        (SALE, _("Sale")),
        (RTO_CHARGE, _("Return-to-origin charge")),
        (REFUND, _("Refund")),
        (RETURN, _("Return")),
        (PAYOUT, _("Payout")),
        (ADJUSTMENT, _("Adjustment")),
    ]
    KINDS = LEDGER_KINDS

    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="ledger_entries", verbose_name=_("Artisan")
    )
    kind = models.CharField(_("Kind"), max_length=12, choices=KIND_CHOICES)
    created_at = models.DateTimeField(_("Recorded"), auto_now_add=True)
    description = models.CharField(_("Description"), max_length=200, blank=True)
    line = models.ForeignKey(
        "order.Line",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
        verbose_name=_("Order line"),
    )
    shipment = models.ForeignKey(
        Shipment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
        verbose_name=_("Shipment"),
    )
    remittance_line = models.ForeignKey(
        CodRemittanceLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ledger_entries",
        verbose_name=_("Remittance line"),
    )
    payout = models.OneToOneField(
        Payout, on_delete=models.PROTECT, null=True, blank=True, related_name="ledger_entry", verbose_name=_("Payout")
    )
    gross = models.DecimalField(_("Gross"), max_digits=12, decimal_places=2)
    commission = models.DecimalField(_("Platform commission"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    tcs = models.DecimalField(_("GST TCS"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    amount = models.DecimalField(_("Net"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("Payout ledger entry")
        verbose_name_plural = _("Payout ledger entries")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=LEDGER_KINDS), name="ledger_entry_kind_valid"),
            # Within half a paisa: exact on PostgreSQL's numeric (2-dp values), and SQLite, which
            # computes decimals as floats, does not refuse 1249.00 − 124.90 − 5.95 = 1118.15.
            models.CheckConstraint(
                condition=Q(amount__gt=F("gross") - F("commission") - F("tcs") - HALF_PAISA)
                & Q(amount__lt=F("gross") - F("commission") - F("tcs") + HALF_PAISA),
                name="ledger_entry_net_adds_up",
            ),
            models.UniqueConstraint(fields=["line"], condition=Q(kind="sale"), name="ledger_entry_sale_once_per_line"),
            models.UniqueConstraint(
                fields=["shipment"], condition=Q(kind="rto_charge"), name="ledger_entry_rto_once_per_shipment"
            ),
            models.CheckConstraint(
                condition=~Q(kind="payout") | (Q(payout__isnull=False) & Q(amount__lt=0)),
                name="ledger_entry_payout_is_debit",
            ),
            models.CheckConstraint(
                condition=~Q(kind="sale") | (Q(line__isnull=False) & Q(gross__gt=0)), name="ledger_entry_sale_is_credit"
            ),
        ]
        indexes = [models.Index(fields=["partner", "created_at"], name="ledger_entry_partner_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Ledger entries are append-only; record a correcting entry instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Ledger entries are append-only; record a correcting entry instead.")
