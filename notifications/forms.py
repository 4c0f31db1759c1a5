from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from notifications.events import EVENTS
from notifications.models import CHANNEL_CHOICES, STATUS_CHOICES, NotificationPreference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["sms", "whatsapp", "email", "language"]
        labels = {
            "sms": _("SMS to my mobile"),
            "whatsapp": _("WhatsApp messages"),
            "email": _("Email"),
            "language": _("Language of messages"),
        }
        widgets = {"language": forms.RadioSelect(choices=settings.LANGUAGES)}


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("All"))] + STATUS_CHOICES, required=False)
    channel = forms.ChoiceField(label=_("Channel"), choices=[("", _("All"))] + CHANNEL_CHOICES, required=False)
    event = forms.ChoiceField(
        label=_("Event"),
        choices=[("", _("All"))] + [(key, event.label) for key, event in EVENTS.items()],
        required=False,
    )
    q = forms.CharField(label=_("Mobile or email"), required=False, max_length=64)
