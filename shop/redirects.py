"""Where a form sends the person back to: only a path on this site, never a 500 (issue 12)."""

from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def local_path(request: HttpRequest, target: str | None) -> str | None:
    """`target` when it is a path on this site ("/…", not "//…"), else None. Full URLs to our own host
    (a Referer) are reduced to their path."""
    target = (target or "").strip()
    if not target or "\x00" in target or len(target) > 2000:
        return None
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    if not target.startswith("/"):
        parts = urlsplit(target)
        if not parts.scheme:
            return None  # "next=foo" is not a path: django.shortcuts.redirect would try reverse() and 500
        target = parts.path + (f"?{parts.query}" if parts.query else "")
    if target.startswith(("//", "/\\")):
        return None
    return target


def redirect_back(request: HttpRequest, target: str | None, *, fallback: str) -> HttpResponseRedirect:
    """Redirect to `target` when it is a local path, else to `fallback` (a URL we built)."""
    return HttpResponseRedirect(local_path(request, target) or fallback)
