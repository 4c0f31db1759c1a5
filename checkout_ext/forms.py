from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: F401,F403  (Oscar's fork idiom)
from oscar.apps.checkout.forms import ShippingAddressForm as CoreShippingAddressForm

from fulfilment.selectors import PincodeError, pincode_get


class ShippingAddressForm(CoreShippingAddressForm):
    def clean_postcode(self):
        raw = self.cleaned_data.get("postcode", "")
        try:
            return pincode_get(code=raw).code
        except PincodeError as exc:
            raise forms.ValidationError(str(exc)) from None


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(label=_("Pay by"), widget=forms.RadioSelect)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = choices
