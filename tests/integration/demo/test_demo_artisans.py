from PIL import Image

from artisans.models import ArtisanProfile
from catalogue_ext.selectors import products_buyable
from demo.catalogue import demo_catalogue_load


def test_the_demo_has_verified_artisans_with_stories_and_photos_plus_one_pending_and_one_rejected(odop_reference):
    demo_catalogue_load(products=60, seed=3)
    profiles = ArtisanProfile.objects.all()
    assert profiles.filter(status="verified").count() >= 20
    assert profiles.filter(status="pending").count() == 1
    assert profiles.filter(status="rejected").get().decisions.get().reason
    first = profiles.get(partner__code="demo-artisan-01")
    assert first.status == "verified" and first.story_en and first.story_hi
    with Image.open(first.portrait.path) as portrait, Image.open(first.workshop_photo.path) as workshop:
        assert portrait.format == workshop.format == "JPEG"
    assert profiles.filter(district__isnull=False).values("district").distinct().count() >= 15
    # Products of the pending and rejected artisans are not for sale
    assert not products_buyable().exclude(stockrecords__partner__artisan_profile__status="verified").exists()
    # Loading again changes nothing
    demo_catalogue_load(products=60, seed=3)
    assert ArtisanProfile.objects.count() == profiles.count()
