import pytest
from django.utils import translation

from catalogue_ext.models import Craft, District, GITag
from tests.factories import CraftProductFactory

ODOP_BADGE = 'class="badge badge-odop"'
GI_BADGE = 'class="badge badge-gi"'


@pytest.fixture
def moradabad_brass(odop_reference):
    return CraftProductFactory(
        title="Engraved Brass Flower Vase",
        gi_tag=GITag.objects.get(name__icontains="Moradabad"),
    )


def test_product_page_shows_where_the_product_comes_from(client, moradabad_brass):
    # When a shopper opens the product page
    response = client.get(moradabad_brass.get_absolute_url())
    # Then its state, district, craft and GI tag are shown, with both badges
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="origin-state">Uttar Pradesh<' in html
    assert 'href="/districts/moradabad/">Moradabad</a>' in html
    assert "Metal craft › Brassware" in html
    assert moradabad_brass.gi_tag.name in html
    assert ODOP_BADGE in html
    assert GI_BADGE in html


def test_product_whose_craft_is_not_its_districts_designation_has_no_odop_badge(client, odop_reference):
    # Given glassware made in Moradabad, whose ODOP designation is metal craft
    product = CraftProductFactory(title="Hand-blown Glass Tumbler", craft=Craft.objects.get(slug="glassware"))
    # When the shopper opens it
    html = client.get(product.get_absolute_url()).content.decode()
    # Then it shows its origin but neither the ODOP nor a GI badge
    assert 'href="/districts/moradabad/">Moradabad</a>' in html
    assert ODOP_BADGE not in html
    assert GI_BADGE not in html
    assert "a designated ODOP product of" not in html


def test_odop_badge_follows_the_district_of_the_craft(client, odop_reference):
    # Given glassware from Firozabad, whose designation is glassware
    product = CraftProductFactory(
        title="Firozabad Glass Bangles Set",
        district=District.objects.get(slug="firozabad"),
        craft=Craft.objects.get(slug="glassware"),
    )
    html = client.get(product.get_absolute_url()).content.decode()
    assert ODOP_BADGE in html
    assert product.is_odop


def test_product_page_speaks_hindi_when_the_visitor_does(client, moradabad_brass):
    response = client.get(moradabad_brass.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="hi")
    html = response.content.decode()
    assert "मुरादाबाद" in html
    assert "उत्तर प्रदेश" in html
    translation.activate("en")


def test_prices_are_shown_in_rupees_with_indian_grouping(client, odop_reference):
    product = CraftProductFactory(stockrecords__price="123456.00")
    html = client.get(product.get_absolute_url()).content.decode()
    assert "₹1,23,456.00" in html


def test_product_page_offers_a_delivery_check_by_pincode(client, moradabad_brass):
    html = client.get(moradabad_brass.get_absolute_url()).content.decode()
    assert f'data-product="{moradabad_brass.pk}"' in html
    assert 'class="delivery-check' in html
