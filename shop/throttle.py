"""Limits on sign-in, sign-up and password-reset attempts (issue 12).

Sign-in failures are counted by django-axes (per account and per address, `LOGIN_FAILURE_LIMIT` within
`LOGIN_LOCKOUT_MINUTES`); sign-ups and password-reset requests by `attempt_count` here, in the cache,
per address and per e-mail/mobile. Ops lift both at /dashboard/lockouts/.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

SCOPES = ("signup", "password-reset")


def client_address(request) -> str | None:
    """The address attempts are counted by (the proxy in front sets REMOTE_ADDR to the client's)."""
    return request.META.get("REMOTE_ADDR") or None


def login_username(request, credentials) -> str | None:
    """The account a sign-in is counted for: the typed e-mail, lower-cased and trimmed (axes)."""
    username = (credentials or {}).get("username") or (credentials or {}).get("email") or ""
    return str(username).strip().lower()[:254] or None


def _key(scope: str, kind: str, value: str) -> str:
    """A cache key that keeps no e-mail or number readable (and no character a cache refuses)."""
    digest = hashlib.sha256(value.strip().lower().encode("utf-8", "replace")).hexdigest()[:32]
    return f"throttle:{scope}:{kind}:{digest}"


def attempt_count(*, scope: str, address: str | None, identity: str = "") -> bool:
    """Count one attempt; False when the address or the e-mail/mobile has used up its attempts for the
    window (`THROTTLE_MAX_ATTEMPTS` per `LOGIN_LOCKOUT_MINUTES`)."""
    window = settings.LOGIN_LOCKOUT_MINUTES * 60
    allowed = True
    for kind, value in (("address", address or ""), ("identity", identity or "")):
        if not value:
            continue
        key = _key(scope, kind, value)
        cache.add(key, 0, timeout=window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
            count = 1
        # A cache that is down answers None (django-redis IGNORE_EXCEPTIONS): the attempt goes through.
        if count is not None and count > settings.THROTTLE_MAX_ATTEMPTS:
            allowed = False
    return allowed


def throttle_lift(*, address: str = "", identity: str = "") -> None:
    """Forget the sign-up and reset attempts of an address and/or an e-mail/mobile (ops)."""
    keys = [_key(scope, "address", address) for scope in SCOPES if address]
    keys += [_key(scope, "identity", identity) for scope in SCOPES if identity]
    cache.delete_many(keys)


def locked_out_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets (axes): 429, what happened and when to try again (EN+HI)."""
    context = {"failure_limit": settings.LOGIN_FAILURE_LIMIT, "lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES}
    return render(request, "shop/locked_out.html", context, status=429)
