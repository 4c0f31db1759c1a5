"""A starting rate card (first 0.5 kg, then each further 0.5 kg, up to 5 kg) for ops to edit."""

from decimal import Decimal

from django.db import migrations

FIRST_AND_STEP = {"A": (40, 35), "B": (50, 45), "C": (60, 55), "D": (70, 65), "E": (90, 80)}


def add_rates(apps, schema_editor):
    ShippingRate = apps.get_model("fulfilment", "ShippingRate")
    for zone, (first, step) in FIRST_AND_STEP.items():
        for slab in range(10):
            ShippingRate.objects.get_or_create(
                zone=zone, up_to_grams=(slab + 1) * 500, defaults={"charge": Decimal(first + step * slab)}
            )


def remove_rates(apps, schema_editor):
    apps.get_model("fulfilment", "ShippingRate").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("fulfilment", "0001_initial")]
    operations = [migrations.RunPython(add_rates, remove_rates)]
