"""Issue 12: stories stored before the sanitiser (or by a path around it) go through it once."""

from django.db import migrations


def sanitise(apps, schema_editor):
    from django.db.models import Q

    from shop.richtext import richtext_clean

    ArtisanProfile = apps.get_model("artisans", "ArtisanProfile")
    rows = ArtisanProfile.objects.filter(Q(story_en__contains="<") | Q(story_hi__contains="<"))
    for profile in rows.only("id", "story_en", "story_hi").iterator(chunk_size=500):
        en, hi = (richtext_clean(text) if "<" in text else text for text in (profile.story_en, profile.story_hi))
        if (en, hi) != (profile.story_en, profile.story_hi):
            ArtisanProfile.objects.filter(pk=profile.pk).update(story_en=en, story_hi=hi)


class Migration(migrations.Migration):
    dependencies = [("artisans", "0001_initial")]
    operations = [migrations.RunPython(sanitise, migrations.RunPython.noop, elidable=True)]
