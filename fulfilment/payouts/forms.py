from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from fulfilment.models import PayoutBatch

Partner = get_model("partner", "Partner")


class PayoutBatchForm(forms.Form):
    partners = forms.ModelMultipleChoiceField(
        label=_("Artisans to pay"),
        queryset=Partner.objects.all(),
        error_messages={
            "required": _("Tick the artisans to pay."),
            "invalid_choice": _("One of the ticked artisans no longer exists; reload the page."),
            "invalid_pk_value": _("One of the ticked artisans no longer exists; reload the page."),
        },
    )


class MarkPaidForm(forms.Form):
    bank_reference = forms.CharField(
        label=_("Bank reference"),
        max_length=PayoutBatch._meta.get_field("bank_reference").max_length,
        help_text=_("The reference the bank gave for the bulk transfer."),
    )


class ReversalForm(forms.Form):
    reason = forms.CharField(label=_("Why"), max_length=200, help_text=_("Kept in the artisan's ledger."))


class LineReturnForm(forms.Form):
    line = forms.ModelChoiceField(
        label=_("Returned line"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose a delivered line of this artisan.")},
    )
    note = forms.CharField(label=_("Why it came back"), max_length=150)

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = lines
        self.fields["line"].label_from_instance = lambda line: f"{line.order.number} · {line.quantity} × {line.title}"
