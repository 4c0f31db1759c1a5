from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from phone_auth.phone import mobile_normalise


class MobileField(forms.CharField):
    """A 10-digit Indian mobile however it is typed (+91, a leading 0, spaces); anything else is refused."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "98765 43210"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return mobile_normalise(value) if value else value


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Code from the SMS"))
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]*"}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = (super().clean(value) or "").replace(" ", "")
        if value and not (value.isdigit() and len(value) == 6):
            raise ValidationError(_("The code has 6 digits."), code="format")
        return value


class MobileForm(forms.Form):
    phone = MobileField()


class CodeForm(forms.Form):
    code = CodeField()
