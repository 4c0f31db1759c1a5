"""Factories on Oscar's own, with every product placed in a real district and craft."""

from decimal import Decimal

import factory
from oscar.test.factories import PartnerFactory, ProductClassFactory, ProductFactory, StockRecordFactory

from catalogue_ext.models import Craft, District, GITag


class OdopProductClassFactory(ProductClassFactory):
    name = "ODOP product"

    class Meta:
        django_get_or_create = ("name",)


class ArtisanPartnerFactory(PartnerFactory):
    name = factory.Sequence(lambda n: f"Artisan Workshop {n}")

    class Meta:
        skip_postgeneration_save = True


class RupeeStockRecordFactory(StockRecordFactory):
    partner = factory.SubFactory(ArtisanPartnerFactory)
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
    categories = factory.RelatedFactory(
        "oscar.test.factories.ProductCategoryFactory", "product"
    )

    class Meta:
        skip_postgeneration_save = True


def gi_tag(slug_fragment: str) -> GITag:
    return GITag.objects.get(slug__contains=slug_fragment)
