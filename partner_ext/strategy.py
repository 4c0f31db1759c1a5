"""Prices are entered and shown including GST (Indian B2C practice); the strategy backs the tax out."""

from decimal import Decimal

from oscar.apps.partner import availability, prices, strategy

from artisans.models import VERIFIED
from shop.money import PAISA, gst_back_out

# The GST rules live in shop.money; re-exported here for older imports.
__all__ = ["PAISA", "gst_back_out"]


class GstInclusive:
    """Pricing policy: the stock record's price is what the shopper pays; GST is inside it."""

    def pricing_policy(self, product, stockrecord):
        if not stockrecord or stockrecord.price is None:
            return prices.Unavailable()
        rate = (product.parent or product).gst_rate if product.is_child else product.gst_rate
        taxable, tax = gst_back_out(inclusive=stockrecord.price, rate=Decimal(rate or 0))
        return prices.FixedPrice(currency=stockrecord.price_currency, excl_tax=taxable, tax=tax)

    def parent_pricing_policy(self, product, children_stock):
        stockrecords = [stockrecord for _child, stockrecord in children_stock if stockrecord is not None]
        if not stockrecords:
            return prices.Unavailable()
        stockrecord = stockrecords[0]
        return self.pricing_policy(product, stockrecord)


class VerifiedArtisanRequired:
    """Availability policy: an unverified or suspended artisan's product cannot be bought, even by a
    direct POST to the basket; storefront lists already leave such products out."""

    def availability_policy(self, product, stockrecord):
        profile = getattr(stockrecord.partner, "artisan_profile", None) if stockrecord else None
        if profile is None or profile.status != VERIFIED:
            return availability.Unavailable()
        return super().availability_policy(product, stockrecord)


class IndiaRetail(
    strategy.UseFirstStockRecord, VerifiedArtisanRequired, strategy.StockRequired, GstInclusive, strategy.Structured
):
    """One stock record per product (its artisan's, verified), sold only while in stock, priced GST-inclusive."""


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return IndiaRetail(request)
