"""Issue 12: descriptions stored before the sanitiser go through it once (only rows holding markup)."""

from django.db import migrations


def sanitise(apps, schema_editor):
    from shop.richtext import richtext_store

    Product = apps.get_model("catalogue", "Product")
    for product in Product.objects.filter(description__contains="<").only("id", "description").iterator(chunk_size=500):
        cleaned = richtext_store(product.description)
        if cleaned != product.description:
            Product.objects.filter(pk=product.pk).update(description=cleaned)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0034_india_country")]
    operations = [migrations.RunPython(sanitise, migrations.RunPython.noop, elidable=True)]
