"""Whole storefront pages cached for anonymous shoppers, per catalogue version, language and URL.

Only a request that cannot see anything personal is served from (and stored in) the cache: a GET
without a session, basket, messages or browsing-history cookie. Everyone else gets the page rendered
for them (from cached counts and search results, see catalogue_ext.selectors.catalogue_cached).

The CSRF tokens in a cached page are placeholders, replaced by a token for the visitor on the way out,
so forms on a cached page (add to basket, language switch) work for whoever receives it.
"""

import functools
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

# Cookies that say nothing personal about the page: the CSRF cookie and the chosen language.
NEUTRAL_COOKIES = {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
CSRF_PLACEHOLDER = b"@@csrf-token@@"
HEADERS_KEPT = ("Content-Type", "Content-Language", "Vary")
PAGE_SECONDS = 60 * 60


def deployment_fingerprint() -> str:
    """Changes when a deployment changes templates, translations or static files: computed once per
    process when serving, on every call while debugging (a template edited under runserver shows at once)."""
    return _fingerprint() if settings.DEBUG else _fingerprint_once()


@functools.cache
def _fingerprint_once() -> str:
    return _fingerprint()


def _fingerprint() -> str:
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    sources = [*base.glob("locale/*/LC_MESSAGES/*.mo"), Path(settings.STATIC_ROOT) / "staticfiles.json"]
    for path in sorted(p for p in sources if p.exists()):
        digest.update(path.read_bytes())
    for folder in [*settings.TEMPLATES[0]["DIRS"]]:
        for path in sorted(Path(folder).rglob("*.html")):
            stat = path.stat()
            digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()[:10]


def page_cacheable(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and not (set(request.COOKIES) - NEUTRAL_COOKIES)


def page_cache_serve(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """The cached page for this URL and language when there is one, else `render()` (stored if it may be)."""
    if not page_cacheable(request):
        return render()
    from catalogue_ext.selectors import catalogue_version

    raw = f"{catalogue_version()}|{get_language()}|{request.get_full_path()}"
    key = "page:" + hashlib.sha256(raw.encode()).hexdigest()[:40]
    stored = cache.get(key)
    if stored is not None:
        content, headers = stored
        response = HttpResponse(_with_token(request, content))
        for name, value in headers:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
    response = render()
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if response.status_code == 200 and not response.streaming and not _sets_personal_cookie(response):
        content = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
        headers = [(name, response[name]) for name in HEADERS_KEPT if response.has_header(name)]
        cache.set(key, (content, headers), PAGE_SECONDS)
    response["X-Page-Cache"] = "miss"
    return response


def _sets_personal_cookie(response: HttpResponse) -> bool:
    return bool(set(response.cookies) - NEUTRAL_COOKIES)


def _with_token(request: HttpRequest, content: bytes) -> bytes:
    if CSRF_PLACEHOLDER not in content:
        return content
    return content.replace(CSRF_PLACEHOLDER, get_token(request).encode())


class PageCacheMixin:
    """For a storefront view whose page is the same for every anonymous shopper (see the module doc)."""

    def dispatch(self, request, *args, **kwargs):
        return page_cache_serve(request, lambda: super(PageCacheMixin, self).dispatch(request, *args, **kwargs))
