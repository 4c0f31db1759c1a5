"""Forms of the remittance ops screens: uploading a file, filtering its lines, resolving a discrepancy."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fulfilment.models import Carrier, CodRemittanceLine
from fulfilment.remittance.selectors import remittance_carriers

MAX_UPLOAD_MB = 20


class RemittanceUploadForm(forms.Form):
    carrier = forms.ModelChoiceField(label=gettext_lazy("Carrier"), queryset=Carrier.objects.none())
    file = forms.FileField(
        label=gettext_lazy("Remittance file (CSV)"),
        help_text=gettext_lazy("Columns awb, amount, utr, remitted_on; at most 20 MB."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carrier"].queryset = remittance_carriers()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(max)s MB.") % {"max": MAX_UPLOAD_MB})
        return upload


class RemittanceLineFilterForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        required=False,
        choices=[("", gettext_lazy("All lines")), *CodRemittanceLine.OUTCOME_CHOICES],
    )


class RemittanceLineResolveForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("How was it resolved?"),
        max_length=CodRemittanceLine._meta.get_field("resolution_note").max_length,
    )
