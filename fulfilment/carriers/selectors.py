"""Reads for labels, pickup manifests and the AWB stock, each shaped for a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from fulfilment.carriers.base import CarrierError, carrier_adapter
from fulfilment.models import Carrier, Shipment, ShipmentEvent


def shipments_for_labels() -> QuerySet[Shipment]:
    """Everything `label_data` reads, in four queries however many shipments there are."""
    return Shipment.objects.select_related(
        "carrier", "group__order__shipping_address", "group__partner__artisan_profile"
    ).prefetch_related("group__lines", "group__partner__addresses")


@dataclass(frozen=True)
class ManifestRow:
    shipment_id: int
    awb: str
    order_number: str
    destination_pincode: str
    weight_kg: Decimal
    cod_amount: Decimal


@dataclass
class ManifestSection:
    """One carrier's parcels on an artisan's pickup manifest; its agent signs for them together."""

    carrier: Carrier
    rows: list[ManifestRow] = field(default_factory=list)

    @property
    def weight_kg(self) -> Decimal:
        return sum((row.weight_kg for row in self.rows), Decimal("0.000"))

    @property
    def cod_total(self) -> Decimal:
        return sum((row.cod_amount for row in self.rows), Decimal("0.00"))


def day_bounds(*, day: date) -> tuple[datetime, datetime]:
    """The shop's day (TIME_ZONE, IST), whatever time zone the request has activated: pickups happen in India."""
    zone = timezone.get_default_timezone()
    start = timezone.make_aware(datetime.combine(day, time.min), zone)
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min), zone)


def manifest_sections(*, partner_id: int, day: date) -> list[ManifestSection]:
    """The artisan's parcels manifested (given their AWB) on `day`, local time, by carrier.

    A parcel cancelled since stays at home, so it is not on the manifest.
    """
    start, end = day_bounds(day=day)
    manifested = ShipmentEvent.objects.filter(
        shipment=OuterRef("pk"), status=Shipment.MANIFESTED, occurred_at__gte=start, occurred_at__lt=end
    )
    shipments = (
        Shipment.objects.filter(Exists(manifested), group__partner_id=partner_id)
        .exclude(awb="")
        .exclude(status=Shipment.CANCELLED)
        .select_related("carrier", "group__order__shipping_address")
        .order_by("carrier__name", "awb")
    )
    sections: dict[int, ManifestSection] = {}
    for shipment in shipments:
        group, address = shipment.group, shipment.group.order.shipping_address
        section = sections.setdefault(shipment.carrier_id, ManifestSection(carrier=shipment.carrier))
        section.rows.append(
            ManifestRow(
                shipment_id=shipment.pk,
                awb=shipment.awb,
                order_number=group.order.number,
                destination_pincode=address.postcode if address else "",
                weight_kg=Decimal(group.chargeable_weight_grams) / 1000,
                cod_amount=group.cod_amount,
            )
        )
    return list(sections.values())


def awb_stock() -> list[Carrier]:
    """Carriers that number parcels from imported ranges, with free and used counts."""
    carriers = Carrier.objects.annotate(
        awb_free=Count("awb_numbers", filter=Q(awb_numbers__shipment__isnull=True)),
        awb_used=Count("awb_numbers", filter=Q(awb_numbers__shipment__isnull=False)),
        awb_last_import=Max("awb_numbers__imported_at"),
    ).order_by("name")
    return [carrier for carrier in carriers if _uses_ranges(carrier=carrier)]


def _uses_ranges(*, carrier) -> bool:
    """A carrier whose adapter is missing from settings cannot be allocated from, so it is not listed."""
    try:
        return carrier_adapter(carrier=carrier).uses_awb_ranges
    except CarrierError:
        return False
