"""Input that no form cleaned is the client's mistake, not the shop's (issue 12: never a 500 from input).

Oscar's views (mostly the dashboard's) pass request values straight to the database: a 30-digit id
overflows it, a word where an id belongs raises ValueError, deleting a row others still point at raises
ProtectedError, and a form left invalid (an empty slug) makes its page's links unreversible
(NoReverseMatch). Those become 400 (or 409) pages saying why; each is logged as a warning, with its
traceback, so the view can be fixed at its source.
"""

import logging

from django.conf import settings
from django.db import DataError
from django.db.models import ProtectedError
from django.shortcuts import render
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, ProtectedError):
            reason, status = (
                _("This cannot be deleted: other records (orders, parcels, invoices) still refer to it."),
                409,
            )
        elif isinstance(exception, (OverflowError, ValueError, DataError, NoReverseMatch)):
            reason, status = (
                _(
                    "Something in this request is not a value we can use (a number too large, or text where a number belongs)."
                ),
                400,
            )
        else:
            return None
        logger.warning("Bad input on %s %s: %r", request.method, request.path, exception, exc_info=exception)
        return render(request, "shop/bad_input.html", {"reason": reason}, status=status)


class PermissionsPolicyMiddleware:
    """`Permissions-Policy` on every response (settings.PERMISSIONS_POLICY, issue 12)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
