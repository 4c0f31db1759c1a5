"""/dashboard/lockouts/: ops see who is locked out of signing in and lift it (issue 12)."""

from datetime import timedelta

from axes.models import AccessAttempt
from axes.utils import reset
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from shop.access import OpsMixin
from shop.throttle import throttle_lift


class LiftForm(forms.Form):
    address = forms.GenericIPAddressField(label=gettext_lazy("Address"), required=False)
    identity = forms.CharField(label=gettext_lazy("E-mail or mobile"), required=False, max_length=254)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("address") and not (cleaned.get("identity") or "").strip():
            raise forms.ValidationError(gettext_lazy("Give an address, an e-mail or a mobile number."))
        return cleaned


def lockouts_recent():
    """Sign-in failures still counting (within the lock-out time), most failures first."""
    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    return AccessAttempt.objects.filter(attempt_time__gte=since).order_by("-failures_since_start", "-attempt_time")


class LockoutListView(OpsMixin, ListView):
    template_name = "shop/dashboard/lockouts.html"
    context_object_name = "attempts"
    paginate_by = 100

    def get_queryset(self):
        return lockouts_recent()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form=kwargs.pop("form", None) or LiftForm(), failure_limit=settings.LOGIN_FAILURE_LIMIT, **kwargs
        )

    def post(self, request):
        form = LiftForm(request.POST)
        if not form.is_valid():
            self.object_list = self.get_queryset()
            return self.render_to_response(self.get_context_data(form=form), status=400)
        address = form.cleaned_data["address"] or ""
        identity = form.cleaned_data["identity"].strip().lower()
        if address:
            reset(ip=address)
        if identity:
            reset(username=identity)
        throttle_lift(address=address, identity=identity)
        messages.success(
            request, _("Lifted: %(who)s can try again now.") % {"who": ", ".join(filter(None, [address, identity]))}
        )
        return redirect("lockouts:list")


urlpatterns = [path("", LockoutListView.as_view(), name="list")]
