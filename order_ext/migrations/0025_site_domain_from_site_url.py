from django.db import migrations


def forwards(apps, schema_editor):
    from order_ext.sites import site_url_sync

    site_url_sync(site_model=apps.get_model("sites", "Site"))


class Migration(migrations.Migration):
    dependencies = [
        ("order", "0024_cgst_sgst_halves_float_safe"),
        ("sites", "0002_alter_domain_unique"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
