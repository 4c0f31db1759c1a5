"""Factories on Oscar's own, with every product placed in a real district and craft."""

from decimal import Decimal

import factory
from oscar.apps.address.models import Country
from oscar.test.factories import PartnerFactory, ProductClassFactory, ProductFactory, StockRecordFactory

from catalogue_ext.models import Craft, District, GITag, State


class OdopProductClassFactory(ProductClassFactory):
    name = "ODOP product"

    class Meta:
        django_get_or_create = ("name",)


class ArtisanPartnerFactory(PartnerFactory):
    name = factory.Sequence(lambda n: f"Artisan Workshop {n}")

    class Meta:
        skip_postgeneration_save = True


class ArtisanProfileFactory(factory.django.DjangoModelFactory):
    """A verified artisan in Moradabad practising brassware; pass status= for the other states."""

    partner = factory.SubFactory(ArtisanPartnerFactory)
    phone = factory.Sequence(lambda n: f"9{n:09d}")
    email = factory.Sequence(lambda n: f"artisan{n}@example.com")
    district = factory.LazyFunction(lambda: District.objects.get(slug="moradabad"))
    status = "verified"
    story_en = "<p>Three generations of brass engraving.</p>"
    story_hi = "<p>तीन पीढ़ियों से पीतल पर नक्काशी।</p>"

    class Meta:
        model = "artisans.ArtisanProfile"
        skip_postgeneration_save = True

    @factory.post_generation
    def crafts(self, create, extracted, **kwargs):
        if create:
            self.crafts.set(extracted or [Craft.objects.get(slug="brassware")])


class VerifiedArtisanPartnerFactory(ArtisanPartnerFactory):
    profile = factory.RelatedFactory(ArtisanProfileFactory, "partner")


class RupeeStockRecordFactory(StockRecordFactory):
    partner = factory.SubFactory(VerifiedArtisanPartnerFactory)
    price_currency = "INR"
    price = Decimal("1249.00")
    num_in_stock = 10


class CraftProductFactory(ProductFactory):
    """A listed product; defaults to Moradabad brassware, the district's ODOP craft."""

    title = factory.Sequence(lambda n: f"Engraved Brass Flower Vase {n}")
    product_class = factory.SubFactory(OdopProductClassFactory)
    district = factory.LazyFunction(lambda: District.objects.get(slug="moradabad"))
    craft = factory.LazyFunction(lambda: Craft.objects.get(slug="brassware"))
    gi_tag = None
    hsn_code = "7418"
    gst_rate = Decimal("5")
    weight_grams = 850
    length_cm = Decimal("20")
    breadth_cm = Decimal("15")
    height_cm = Decimal("30")
    stockrecords = factory.RelatedFactory(RupeeStockRecordFactory, "product")
    categories = factory.RelatedFactory("oscar.test.factories.ProductCategoryFactory", "product")

    class Meta:
        skip_postgeneration_save = True


def gi_tag(slug_fragment: str) -> GITag:
    return GITag.objects.get(slug__contains=slug_fragment)


def india() -> Country:
    """India's Country row (a data migration adds it; a transactional test's flush may have removed it)."""
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="IN",
        defaults={
            "iso_3166_1_a3": "IND",
            "iso_3166_1_numeric": "356",
            "printable_name": "India",
            "name": "Republic of India",
            "is_shipping_country": True,
        },
    )
    return country


def default_rate_card() -> None:
    """The rate card the fulfilment data migration seeds, restored after a flush."""
    from importlib import import_module

    from django.apps import apps

    from fulfilment.models import ShippingRate

    if not ShippingRate.objects.exists():
        import_module("fulfilment.migrations.0002_default_rate_card").add_rates(apps, None)


class PickupAddressFactory(factory.django.DjangoModelFactory):
    """An artisan's pickup address; the postcode is the pincode parcels are quoted from."""

    partner = factory.SubFactory(ArtisanPartnerFactory)
    first_name = "Workshop"
    line1 = "Peetal Nagri"
    line4 = "Moradabad"
    state = "Uttar Pradesh"
    postcode = "244001"
    country = factory.LazyFunction(india)

    class Meta:
        model = "partner.PartnerAddress"


class PincodeFactory(factory.django.DjangoModelFactory):
    code = "244001"
    district = "Moradabad"
    state = factory.LazyFunction(lambda: State.objects.get(code="UP"))
    serviceable = True
    cod_allowed = True
    is_metro = False

    class Meta:
        model = "fulfilment.Pincode"
        django_get_or_create = ("code",)
