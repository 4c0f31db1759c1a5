"""India is the only country the shop ships to; checkout needs its Country row to exist."""

from django.db import migrations


def add_india(apps, schema_editor):
    Country = apps.get_model("address", "Country")
    Country.objects.update_or_create(
        iso_3166_1_a2="IN",
        defaults={
            "iso_3166_1_a3": "IND",
            "iso_3166_1_numeric": "356",
            "printable_name": "India",
            "name": "Republic of India",
            "display_order": 1,
            "is_shipping_country": True,
        },
    )


def remove_india(apps, schema_editor):
    apps.get_model("address", "Country").objects.filter(iso_3166_1_a2="IN").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0033_odop_origin"),
        ("address", "0007_useraddress_code"),
    ]

    operations = [migrations.RunPython(add_india, remove_india)]
