import re

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: F401,F403  (Oscar's fork idiom)
from oscar.apps.checkout.forms import ShippingAddressForm as CoreShippingAddressForm

from fulfilment.selectors import PincodeError, pincode_get

INDIAN_MOBILE = re.compile(r"^[6-9][0-9]{9}$")

# An Indian address as couriers and shoppers write it: pincode first (it fills district and state),
# then who and where; the state is a choice, the mobile number is required (the courier calls it,
# and cash on delivery depends on it).
FIELD_ORDER = (
    "postcode",
    "first_name",
    "last_name",
    "phone_number",
    "line1",
    "line2",
    "line4",
    "state",
    "line3",
    "notes",
)


class ShippingAddressForm(CoreShippingAddressForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        f = self.fields
        f["postcode"].label = _("Pincode")
        f["postcode"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "postal-code", "maxlength": "7"})
        f["postcode"].help_text = _("Six digits; we fill in the district and state for you.")
        f["first_name"].widget.attrs["autocomplete"] = "given-name"
        f["last_name"].widget.attrs["autocomplete"] = "family-name"
        f["line1"].label = _("House, building, street")
        f["line1"].widget.attrs["autocomplete"] = "address-line1"
        f["line2"].label = _("Area, locality, landmark")
        f["line2"].widget.attrs["autocomplete"] = "address-line2"
        f["line4"].label = _("Town or city")
        f["line4"].required = False  # filled from the pincode when left empty
        f["line4"].widget.attrs["autocomplete"] = "address-level2"
        if "line3" in f:
            f["line3"].label = _("Village or post office (optional)")
        f["state"] = forms.ChoiceField(
            label=_("State"),
            choices=[("", _("Choose your state")), *_state_choices()],
            widget=forms.Select(attrs={"autocomplete": "address-level1"}),
        )
        f["phone_number"].required = True
        f["phone_number"].label = _("Mobile number")
        f["phone_number"].help_text = _("10 digits. The courier calls this number; needed for cash on delivery.")
        f["phone_number"].widget = forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel-national", "maxlength": "14"}
        )
        self.order_fields(FIELD_ORDER)

    def clean_postcode(self):
        raw = self.cleaned_data.get("postcode", "")
        try:
            self._pincode = pincode_get(code=raw)
        except PincodeError as exc:
            raise forms.ValidationError(str(exc)) from None
        return self._pincode.code

    def clean_phone_number(self):
        digits = re.sub(
            r"[\s\-()]", "", str(self.cleaned_data.get("phone_number") or self.data.get("phone_number", ""))
        )
        digits = re.sub(r"^(\+91|0091|91(?=\d{10}$)|0(?=\d{10}$))", "", digits)
        if not INDIAN_MOBILE.match(digits):
            raise forms.ValidationError(_("Enter a 10-digit Indian mobile number, like 98765 43210."))
        return f"+91{digits}"  # Oscar's phone mixin turns it into a PhoneNumber in clean()

    def clean(self):
        cleaned = super().clean()
        pincode = getattr(self, "_pincode", None)
        if pincode is not None:
            # The pincode table knows the state; a mismatch is a typing mistake in one of them.
            state = pincode.state.name
            if cleaned.get("state") and cleaned["state"] != state:
                message = _("Pincode %(pincode)s is in %(state)s.") % {
                    "pincode": pincode.code,
                    "state": pincode.state.display_name,
                }
                self.add_error("state", message)
            elif not cleaned.get("state"):
                cleaned["state"] = state
            if not cleaned.get("line4"):
                cleaned["line4"] = pincode.district
        return cleaned


def _state_choices():
    from catalogue_ext.models import State

    return [(state.name, state.display_name) for state in State.objects.order_by("name")]


class PaymentMethodForm(forms.Form):
    method = forms.ChoiceField(label=_("Pay by"), widget=forms.RadioSelect)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = choices
