from oscar.apps.checkout.session import CheckoutSessionMixin as CoreCheckoutSessionMixin
from oscar.core.loading import get_class

Repository = get_class("shipping.repository", "Repository")


class CheckoutSessionMixin(CoreCheckoutSessionMixin):
    def shipping_quote(self, basket, shipping_address):
        """One parcel per artisan to the address's pincode; None with the reason kept for the page."""
        method = self.get_shipping_method(basket, shipping_address)
        return method.quote if method is not None else None

    def get_shipping_method(self, basket, shipping_address=None, **kwargs):
        """The forked shipping Repository's parcel method; None (reason in `shipping_error`) without a
        deliverable pincode, so checkout never proceeds on an unknown charge."""
        self.shipping_error = ""
        if shipping_address is None or not shipping_address.postcode:
            return None
        method = Repository().get_default_shipping_method(
            basket=basket, shipping_addr=shipping_address, user=self.request.user, request=self.request
        )
        if getattr(method, "quote", None) is None:
            self.shipping_error = getattr(method, "reason", "")
            return None
        return method
