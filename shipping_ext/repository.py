"""Every page that asks Oscar about shipping (basket, checkout steps) gets our per-artisan parcels.

With a pincode (the checkout's shipping address, else the one the shopper checked on the basket and
that the session remembers) the method is `ArtisanParcels` with its quote; without one, or for a
pincode we cannot deliver to, it is `ShippingAtCheckout`, which the basket shows as "worked out at
checkout" — never as free shipping.
"""

from oscar.apps.shipping import repository

from fulfilment.methods import ArtisanParcels, ShippingAtCheckout
from fulfilment.selectors import DELIVERY_PINCODE_SESSION_KEY as SESSION_KEY
from fulfilment.selectors import PincodeError, basket_shipping_quote


class Repository(repository.Repository):
    methods = ()

    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        request = kwargs.get("request")
        pincode = getattr(shipping_addr, "postcode", "") or ""
        if not pincode and request is not None and hasattr(request, "session"):
            pincode = request.session.get(SESSION_KEY, "")
        if not pincode:
            return [ShippingAtCheckout()]
        try:
            quote = basket_shipping_quote(basket=basket, destination_code=pincode)
        except PincodeError as exc:
            return [ShippingAtCheckout(reason=str(exc))]
        return [ArtisanParcels(quote)]
