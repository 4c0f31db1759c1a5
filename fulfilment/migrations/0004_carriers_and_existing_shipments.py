"""The two carriers the shop ships with, and a pending shipment for any order placed before shipments existed."""

from datetime import timedelta

from django.conf import settings
from django.db import migrations
from django.utils import timezone

CARRIERS = [
    ("self-ship", "Self-ship (India Post or local courier)", "self-ship"),
    ("aggregator", "Courier aggregator", "aggregator"),
]


def forwards(apps, schema_editor):
    Carrier = apps.get_model("fulfilment", "Carrier")
    Shipment = apps.get_model("fulfilment", "Shipment")
    ShipmentGroup = apps.get_model("order", "ShipmentGroup")
    for code, name, adapter in CARRIERS:
        Carrier.objects.get_or_create(code=code, defaults={"name": name, "adapter": adapter})
    accept_by = timezone.now() + timedelta(hours=settings.FULFILMENT_ACCEPT_HOURS)
    Shipment.objects.bulk_create(
        Shipment(group_id=group_id, accept_by=accept_by)
        for group_id in ShipmentGroup.objects.filter(shipment__isnull=True).values_list("pk", flat=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("fulfilment", "0003_shipments_remittance_payouts"),
        ("order", "0023_shipment_status_moves_to_fulfilment"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
