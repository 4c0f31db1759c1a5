from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import Base
from oscar.core import prices


class ArtisanParcels(Base):
    """Oscar's view of our shipping: the sum of one courier parcel per artisan."""

    code = "artisan-parcels"
    name = _("One parcel per artisan")

    def __init__(self, quote):
        self.quote = quote

    def calculate(self, basket):
        total = self.quote.total if self.quote else Decimal("0.00")
        return prices.Price(currency=basket.currency, excl_tax=total, incl_tax=total)


class ShippingAtCheckout(Base):
    """No deliverable pincode yet: the charge is worked out at checkout (not free, not zero)."""

    code = "artisan-parcels-unknown"
    name = _("Shipping is worked out at checkout")
    quote = None

    def __init__(self, reason: str = ""):
        self.reason = reason

    def calculate(self, basket):
        # Oscar adds this to the basket's total; our pages show the money account instead.
        return prices.Price(currency=basket.currency, excl_tax=Decimal("0.00"), incl_tax=Decimal("0.00"))
