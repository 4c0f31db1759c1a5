from oscar.apps.checkout.applicator import SurchargeApplicator as CoreSurchargeApplicator
from oscar.apps.checkout.utils import CheckoutSessionData

from checkout_ext.services import CodFeeSurcharge
from payments.gateways import gateway_get


class SurchargeApplicator(CoreSurchargeApplicator):
    """The chosen gateway's fee (cash on delivery) is a surcharge, so the preview shows it before confirming."""

    def get_surcharges(self, basket, **kwargs):
        if self.request is None:
            return []
        gateway = gateway_get(code=CheckoutSessionData(self.request).payment_method() or "")
        shipping = kwargs.get("shipping_charge")
        if gateway is None or shipping is None:
            return []
        fee = gateway.fee(amount=basket.total_incl_tax + shipping.incl_tax)
        return [CodFeeSurcharge(fee)] if fee else []
