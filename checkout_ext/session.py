from oscar.apps.checkout.session import CheckoutSessionMixin as CoreCheckoutSessionMixin

from fulfilment.methods import ArtisanParcels
from fulfilment.selectors import PincodeError, basket_shipping_quote


class CheckoutSessionMixin(CoreCheckoutSessionMixin):
    def shipping_quote(self, basket, shipping_address):
        """One parcel per artisan to the address's pincode; None with the reason kept for the page."""
        self.shipping_error = ""
        if shipping_address is None or not shipping_address.postcode:
            return None
        try:
            return basket_shipping_quote(basket=basket, destination_code=shipping_address.postcode)
        except PincodeError as exc:
            self.shipping_error = str(exc)
            return None

    def get_shipping_method(self, basket, shipping_address=None, **kwargs):
        quote = self.shipping_quote(basket, shipping_address)
        return ArtisanParcels(quote) if quote is not None else None
