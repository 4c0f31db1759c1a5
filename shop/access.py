"""Who may open which page: the one place the shop's access rules live, used by every view.

Roles:
- **ops**: staff users (`is_staff`); they work in Oscar's dashboard and our ops pages under
  `/dashboard/…` (Oscar's own dashboard apps check the same flag through their permissions).
- **studio**: a user who works for an artisan partner; the studio (`/artisans/studio/…`) shows them
  their own products, parcels and money only. A pending, rejected or suspended artisan sees the studio
  home (their status and why) and nothing else.
- everyone else is a shopper.

Refusals look the same everywhere: an anonymous visitor is sent to sign in, a signed-in user without
the role gets 403, and another artisan's object is a 404 (ownership is part of the query, so it never
says whether the object exists).
"""

from functools import wraps

from django.contrib.auth.mixins import AccessMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from artisans.models import VERIFIED
from artisans.selectors import artisan_for_user


def is_ops(user) -> bool:
    """Ops staff: every dashboard and ops page."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def studio_profile(*, user, verified_only: bool = True):
    """The artisan profile a user may work in the studio as, or None when they may not.

    `verified_only=False` admits any artisan's user (the studio home, which explains their status).
    """
    profile = artisan_for_user(user=user)
    if profile is None or (verified_only and profile.status != VERIFIED):
        return None
    return profile


def studio_owned(queryset: QuerySet, *, profile, partner_field: str = "partner_id") -> QuerySet:
    """Only the rows of `queryset` that belong to the studio's artisan (`partner_field` names the
    path to the owning partner's id, e.g. "group__partner_id" for parcels)."""
    return queryset.filter(**{partner_field: profile.partner_id})


class OpsMixin(AccessMixin):
    """Ops staff only: anonymous visitors go to sign in, everyone else gets 403, like Oscar's dashboard."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_ops(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class StudioMixin(AccessMixin):
    """Signed-in artisans only; everything but the pages with `verified_only = False` needs a verified
    profile. The profile is `self.profile` and `artisan` in the template context."""

    verified_only = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.profile = studio_profile(user=request.user, verified_only=self.verified_only)
        if self.profile is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(artisan=self.profile, **kwargs)


def ops_required(view):
    """OpsMixin for function views."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_ops(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
