"""Shopper sign-up and password reset with the issue-12 rules, mounted over Oscar's URLs (shop/urls.py).

Sign-up does not say that an e-mail is taken (its owner is e-mailed instead); sign-ups and reset
requests are counted per address and per e-mail (shop.throttle); a new account is signed in without a
second authenticate() (the sign-in throttle counts only real sign-ins).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from oscar.apps.customer.forms import EmailUserCreationForm, PasswordResetForm
from oscar.apps.customer.utils import normalise_email
from oscar.apps.customer.views import AccountAuthView, AccountRegistrationView
from oscar.views.decorators import login_forbidden

from shop.account_notices import account_exists_email
from shop.throttle import attempt_count, client_address


class SignUpForm(EmailUserCreationForm):
    """Oscar's sign-up form without "A user with that email address already exists"."""

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


def _language(request) -> str:
    return "hi" if (getattr(request, "LANGUAGE_CODE", "") or "").startswith("hi") else "en"


def too_many_attempts(request, template: str, context: dict):
    messages.error(
        request,
        _("Too many attempts from here. Try again in %(minutes)d minutes.")
        % {"minutes": settings.LOGIN_LOCKOUT_MINUTES},
    )
    return render(request, template, context, status=429)


class QuietRegisterMixin:
    """Register a new account, or e-mail the owner of a taken address; the page is the same for both."""

    def register_user(self, form):
        email = form.cleaned_data["email"]
        owner = get_user_model().objects.filter(email__iexact=email).first()
        if owner is not None:
            account_exists_email(email=owner.email, language=_language(self.request))
            return None
        user = form.save()
        if getattr(settings, "OSCAR_SEND_REGISTRATION_EMAIL", True):
            self.send_registration_email(user)
        login(self.request, user, backend="shop.auth_backends.EmailBackend")
        return user

    def signup_allowed(self) -> bool:
        email = self.request.POST.get(self.email_field, "")
        return attempt_count(scope="signup", address=client_address(self.request), identity=email)


class RegisterView(QuietRegisterMixin, AccountRegistrationView):
    form_class = SignUpForm
    email_field = "email"

    def post(self, request, *args, **kwargs):
        if not self.signup_allowed():
            return too_many_attempts(request, self.template_name, self.get_context_data(form=self.get_form()))
        return super().post(request, *args, **kwargs)


class LoginOrRegisterView(QuietRegisterMixin, AccountAuthView):
    """/accounts/login/: its sign-in half is throttled by django-axes, its sign-up half here."""

    registration_form_class = SignUpForm
    email_field = "registration-email"

    def post(self, request, *args, **kwargs):
        if "registration_submit" in request.POST and not self.signup_allowed():
            form = self.get_registration_form(bind_data=True)
            return too_many_attempts(request, self.template_name, self.get_context_data(registration_form=form))
        return super().post(request, *args, **kwargs)


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    success_url = reverse_lazy("password-reset-done")
    template_name = "oscar/registration/password_reset_form.html"

    def post(self, request, *args, **kwargs):
        email = request.POST.get("email", "")
        if not attempt_count(scope="password-reset", address=client_address(request), identity=email):
            return too_many_attempts(request, self.template_name, self.get_context_data(form=self.get_form()))
        return super().post(request, *args, **kwargs)


password_reset = login_forbidden(ThrottledPasswordResetView.as_view())
