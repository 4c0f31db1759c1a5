import oscar.apps.checkout.apps as apps
from django.urls import path
from oscar.core.loading import get_class


class CheckoutConfig(apps.CheckoutConfig):
    """Oscar's checkout, forked under our own folder; the label stays `checkout`."""

    name = "checkout_ext"

    def ready(self):
        super().ready()
        self.stripe_return_view = get_class("checkout.views", "StripeReturnView")

    def get_urls(self):
        urls = [path("stripe/return/", self.stripe_return_view.as_view(), name="stripe-return")]
        return urls + super().get_urls()
