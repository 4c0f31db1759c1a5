"""What the owner of an e-mail address is told when someone signs up with it again (issue 12): the
sign-up forms do not say that an address is taken, so the person who owns it hears it here instead."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


def account_exists_email(*, email: str, language: str) -> None:
    """E-mail the owner of `email`: someone tried to open an account with it; how to sign in or reset."""
    with translation.override(language):
        subject = _("Someone tried to open an ODOP Bazaar account with your e-mail")
        body = _(
            "Someone, perhaps you, tried to open an account at ODOP Bazaar with this e-mail address, "
            "which already has one.\n\nIf it was you, sign in: %(login)s\nForgot your password? Set a new one: "
            "%(reset)s\n\nIf it was not you, you can ignore this message: nothing has changed."
        ) % {
            "login": settings.SITE_URL + reverse("customer:login"),
            "reset": settings.SITE_URL + reverse("password-reset"),
        }
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
