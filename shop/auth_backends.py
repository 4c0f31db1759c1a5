"""Signing in with an e-mail address: an unknown address costs the same time as a known one (issue 12)."""

from django.contrib.auth.hashers import make_password
from oscar.apps.customer.auth_backends import EmailBackend as OscarEmailBackend
from oscar.apps.customer.utils import normalise_email
from oscar.core.compat import get_user_model


class EmailBackend(OscarEmailBackend):
    """Oscar's backend, but a wrong address runs the password hasher once, as a wrong password does,
    so the time a login takes does not tell whether the address has an account."""

    def authenticate(self, request, *args, **kwargs):
        user = super().authenticate(request, *args, **kwargs)
        if user is None:
            email = kwargs.get("email") or kwargs.get("username") or ""
            password = kwargs.get("password")
            if password and not get_user_model().objects.filter(email__iexact=normalise_email(email)).exists():
                make_password(password)
        return user
