"""Which stock record the delivery check quotes a product from, decided without a request."""

import pytest

from fulfilment.selectors import product_delivery_stockrecord
from tests.factories import CraftProductFactory, RupeeStockRecordFactory, VerifiedArtisanPartnerFactory

pytestmark = pytest.mark.django_db


def test_a_product_ships_from_its_first_stock_record(odop_reference):
    # Given a product listed by two artisans, the first one first
    first_artisan, second_artisan = VerifiedArtisanPartnerFactory(), VerifiedArtisanPartnerFactory()
    product = CraftProductFactory(stockrecords__partner=first_artisan)
    RupeeStockRecordFactory(product=product, partner=second_artisan)
    # When the delivery check looks it up by the id typed in the URL
    found_product, stockrecord = product_delivery_stockrecord(product_id=str(product.pk))
    # Then it quotes from the first artisan's workshop, as the shop's strategy sells
    assert found_product == product
    assert stockrecord.partner == first_artisan


@pytest.mark.parametrize("raw", ["", "abc", "²", "-1", "1" * 30, "999999"])
def test_an_id_naming_no_product_finds_nothing(odop_reference, raw):
    CraftProductFactory()
    assert product_delivery_stockrecord(product_id=raw) is None


def test_a_product_without_a_stock_record_finds_nothing(odop_reference):
    product = CraftProductFactory(stockrecords=None)
    assert product_delivery_stockrecord(product_id=str(product.pk)) is None
