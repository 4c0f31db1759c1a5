from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fulfilment.carriers.services import awb_lines

AWB_FILE_MAX_BYTES = 5 * 1024 * 1024


class AwbRangeImportForm(forms.Form):
    """Exactly one source: pasted numbers, a text file with one number a line, or prefix + range."""

    carrier = forms.ChoiceField(label=gettext_lazy("Carrier"))
    numbers = forms.CharField(
        label=gettext_lazy("AWB numbers, one a line"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    file = forms.FileField(label=gettext_lazy("or a text file with one number a line"), required=False)
    prefix = forms.CharField(label=gettext_lazy("or a range: prefix"), required=False, max_length=20)
    first = forms.IntegerField(label=gettext_lazy("first number"), required=False, min_value=0)
    last = forms.IntegerField(label=gettext_lazy("last number"), required=False, min_value=0)
    width = forms.IntegerField(
        label=gettext_lazy("digits (zero-padded)"), required=False, min_value=0, max_value=30, initial=0
    )

    def __init__(self, *args, carriers: list, **kwargs):
        """`carriers`: those numbered from ranges (`awb_stock()`); only active ones take imports."""
        super().__init__(*args, **kwargs)
        self.carriers = {carrier.code: carrier for carrier in carriers if carrier.is_active}
        self.fields["carrier"].choices = [(code, carrier.name) for code, carrier in self.carriers.items()]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > AWB_FILE_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
        return text

    def clean(self):
        data = super().clean()
        data["carrier_object"] = self.carriers.get(data.get("carrier"))
        ranged = [data.get(name) is not None for name in ("first", "last")]
        sources = [bool(data.get("numbers", "").strip()), data.get("file") is not None, any(ranged)]
        if sum(sources) != 1:
            raise forms.ValidationError(_("Paste numbers, choose a file or give a range: exactly one of them."))
        if any(ranged) and not all(ranged):
            raise forms.ValidationError(_("A range needs a first and a last number."))
        text = data.get("file") if data.get("file") is not None else data.get("numbers", "")
        data["lines"] = awb_lines(text=text)
        return data
