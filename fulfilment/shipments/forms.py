import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fulfilment.models import Carrier, Shipment
from fulfilment.shipments.pipeline import MANIFESTED, NDR

PHONE_RE = re.compile(r"^\+?[0-9]{10,13}$")


class OpsShipmentFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *Shipment.STATUS_CHOICES],
    )
    carrier = forms.ModelChoiceField(
        label=gettext_lazy("Carrier"),
        required=False,
        queryset=Carrier.objects.order_by("name"),
        to_field_name="code",
        empty_label=gettext_lazy("Any carrier"),
    )
    artisan = forms.CharField(label=gettext_lazy("Artisan"), required=False, max_length=80)
    late = forms.BooleanField(label=gettext_lazy("Late to accept only"), required=False)
    q = forms.CharField(label=gettext_lazy("AWB or order number"), required=False, max_length=40)

    def filters(self) -> dict:
        """The valid filters; a nonsense one is dropped without dropping the others."""
        data = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data keeps the fields that passed
            data = self.cleaned_data
        carrier = data.get("carrier")
        return {
            "status": data.get("status", ""),
            "carrier_code": carrier.code if carrier else "",
            "artisan": data.get("artisan", "").strip(),
            "late_only": data.get("late", False),
            "query": data.get("q", "").strip(),
        }


class ShipmentActionForm(forms.Form):
    """One move of a parcel; whether the person may make it is the pipeline's call (services)."""

    to = forms.ChoiceField(label=gettext_lazy("Move to"), choices=Shipment.STATUS_CHOICES)
    note = forms.CharField(
        label=gettext_lazy("Note (the shopper and the artisan see it)"), required=False, max_length=300
    )
    carrier = forms.ModelChoiceField(
        label=gettext_lazy("Carrier"),
        required=False,
        queryset=Carrier.objects.filter(is_active=True).order_by("name"),
        to_field_name="code",
    )
    tracking_number = forms.CharField(label=gettext_lazy("Tracking number"), required=False, max_length=60)
    reason = forms.CharField(label=gettext_lazy("Why did delivery fail?"), required=False, max_length=200)
    phone = forms.CharField(label=gettext_lazy("Corrected phone"), required=False, max_length=20)
    instructions = forms.CharField(
        label=gettext_lazy("Corrected address or instructions"), required=False, max_length=300
    )

    def clean_phone(self):
        phone = re.sub(r"[\s-]", "", self.cleaned_data["phone"])
        if phone and not PHONE_RE.match(phone):
            raise forms.ValidationError(_("A phone number has 10 to 13 digits and may start with +."))
        return phone

    def clean(self):
        data = super().clean()
        to = data.get("to")
        if to == MANIFESTED and not data.get("carrier"):
            self.add_error("carrier", _("Choose who takes the parcel."))
        if to == NDR and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the delivery failed."))
        return data

    def error_text(self) -> str:
        """All errors in one line, for a message at the top of a phone screen."""
        if "to" in self.errors:
            return _("Unknown step for a parcel.")
        return " ".join(str(error) for errors in self.errors.values() for error in errors)
