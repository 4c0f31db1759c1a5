import pytest
from django.utils import translation

from artisans.models import ArtisanProfile
from catalogue_ext.models import Craft, District
from tests.factories import ArtisanPartnerFactory, ArtisanProfileFactory, CraftProductFactory


@pytest.fixture
def verified(odop_reference):
    partner = ArtisanPartnerFactory(name="Ansari Brass Works", code="ansari-brass-works")
    profile = ArtisanProfileFactory(
        partner=partner,
        workshop="Ansari Karkhana",
        years_of_practice=22,
        awards="State Award 2019",
        story_en="<p>We engrave <strong>brass</strong> by hand.</p>",
        story_hi="<p>हम हाथ से <strong>पीतल</strong> पर नक्काशी करते हैं।</p>",
    )
    CraftProductFactory(title="Engraved Brass Lota", stockrecords__partner=partner)
    return profile


def test_the_directory_lists_verified_artisans_only_and_filters_by_district_and_craft(client, verified):
    # Given a verified artisan in Moradabad, a pending one and a verified weaver in Varanasi
    ArtisanProfileFactory(partner=ArtisanPartnerFactory(name="Pending Potters"), status="pending")
    ArtisanProfileFactory(
        partner=ArtisanPartnerFactory(name="Varanasi Weavers Society"),
        district=District.objects.get(slug="varanasi"),
        crafts=[Craft.objects.get(slug="handloom")],
    )
    html = client.get("/artisans/").content.decode()
    assert "Ansari Brass Works" in html and "Varanasi Weavers Society" in html
    assert "Pending Potters" not in html
    # When the shopper filters by district, then by craft family
    by_district = client.get("/artisans/?district=moradabad").content.decode()
    assert "Ansari Brass Works" in by_district and "Varanasi Weavers Society" not in by_district
    by_family = client.get("/artisans/?craft=textiles").content.decode()
    assert "Varanasi Weavers Society" in by_family and "Ansari Brass Works" not in by_family
    by_state = client.get("/artisans/?state=UP").content.decode()
    assert "Ansari Brass Works" in by_state


def test_the_directory_paginates_and_forgives_a_bad_page(client, odop_reference, django_assert_max_num_queries):
    for n in range(30):
        ArtisanProfileFactory(partner=ArtisanPartnerFactory(name=f"Workshop {n:02d}"))
    with django_assert_max_num_queries(10):
        first = client.get("/artisans/")
    assert first.context["page_obj"].paginator.num_pages == 2
    assert len(first.context["artisans"]) == 24
    assert client.get("/artisans/?page=banana").status_code == 200
    assert "Workshop 29" in client.get("/artisans/?page=2").content.decode()


def test_the_artisan_page_shows_their_story_in_the_visitors_language_and_links_the_other(
    client, verified, django_assert_max_num_queries
):
    client.get("/artisans/ansari-brass-works/")  # warms the thumbnail store, as in production
    with django_assert_max_num_queries(12):
        response = client.get("/artisans/ansari-brass-works/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "We engrave <strong>brass</strong> by hand." in html
    assert "हाथ से" not in html
    assert "हिन्दी में पढ़ें" in html
    assert "Ansari Karkhana" in html and "State Award 2019" in html and "Moradabad" in html
    assert "Engraved Brass Lota" in html
    hindi = client.get("/artisans/ansari-brass-works/", HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "हम हाथ से <strong>पीतल</strong>" in hindi
    assert "Read in English" in hindi
    translation.activate("en")


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_an_unverified_artisans_page_is_not_found(client, verified, status):
    ArtisanProfile.objects.filter(pk=verified.pk).update(status=status)
    assert client.get("/artisans/ansari-brass-works/").status_code == 404


def test_the_product_page_shows_the_maker_with_a_story_teaser(client, verified, django_assert_max_num_queries):
    product = verified.partner.stockrecords.get().product
    client.get(product.get_absolute_url())  # warms the thumbnail store, as in production
    with django_assert_max_num_queries(13):
        response = client.get(product.get_absolute_url())
    html = response.content.decode()
    assert "Made by <strong>Ansari Brass Works</strong>" in html
    assert "We engrave brass by hand." in html
    assert 'href="/artisans/ansari-brass-works/"' in html


def test_a_suspended_artisans_product_page_is_gone_at_once(client, verified):
    product = verified.partner.stockrecords.get().product
    ArtisanProfile.objects.filter(pk=verified.pk).update(status="suspended")
    assert client.get(product.get_absolute_url()).status_code == 404
