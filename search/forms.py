from django import forms
from django.utils.translation import gettext_lazy as _


class SearchForm(forms.Form):
    """The site-wide search box (Oscar's context processor loads it as `search.forms.SearchForm`)."""

    q = forms.CharField(
        required=False,
        label=_("Search"),
        widget=forms.TextInput(
            attrs={
                "placeholder": _("Search brass, saree, पीतल…"),
                "type": "search",
                "autocomplete": "off",
                "class": "form-control mr-sm-2",
            }
        ),
    )
