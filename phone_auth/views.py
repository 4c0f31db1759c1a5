"""/accounts/mobile/: a mobile number, then the code sent to it by SMS, and the person is signed in."""

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.generic import FormView

from notifications.services import notification_language_remember
from phone_auth import services
from phone_auth.forms import CodeForm, MobileForm
from phone_auth.models import SIGN_IN
from phone_auth.phone import mobile_masked

SESSION_KEY = "phone_auth_pending"


def client_address(request) -> str | None:
    """The address codes are rate-limited by (the proxy in front sets REMOTE_ADDR to the client's)."""
    return request.META.get("REMOTE_ADDR") or None


def _language(request) -> str:
    return "hi" if (getattr(request, "LANGUAGE_CODE", "") or "").startswith("hi") else "en"


class MobileSignInView(FormView):
    template_name = "phone_auth/mobile.html"
    form_class = MobileForm

    def form_valid(self, form):
        phone = form.cleaned_data["phone"]
        try:
            services.otp_request(
                phone=phone, purpose=SIGN_IN, address=client_address(self.request), language=_language(self.request)
            )
        except services.OtpError as error:
            form.add_error("phone", str(error))
            return self.form_invalid(form)
        next_url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        self.request.session[SESSION_KEY] = {"phone": phone, "next": next_url}
        return redirect("phone_auth:code")

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.request.GET.get("next", ""), **kwargs)


class MobileCodeView(FormView):
    template_name = "phone_auth/code.html"
    form_class = CodeForm

    def dispatch(self, request, *args, **kwargs):
        self.pending = request.session.get(SESSION_KEY)
        if not isinstance(self.pending, dict) or "phone" not in self.pending:
            messages.info(request, _("Enter your mobile number first."))
            return redirect("phone_auth:mobile")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(phone_masked=mobile_masked(self.pending["phone"]), **kwargs)

    def form_valid(self, form):
        phone = self.pending["phone"]
        try:
            services.otp_verify(phone=phone, purpose=SIGN_IN, code=form.cleaned_data["code"])
            user = services.mobile_user_sign_in(phone=phone)
        except services.OtpError as error:
            form.add_error("code", str(error))
            return self.form_invalid(form)
        next_url = self.pending.get("next", "")
        notification_language_remember(user=user, language=_language(self.request))
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        self.request.session.pop(SESSION_KEY, None)
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return redirect(next_url)
        if user.partners.exists():
            return redirect("artisans:studio")
        return redirect(reverse("customer:summary"))
