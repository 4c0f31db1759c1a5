"""The Site row (its domain is what password-reset and order e-mails link to) follows settings.SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings


def site_url_domain() -> str:
    """`odop.example` or `127.0.0.1:8000` from SITE_URL."""
    return urlsplit(settings.SITE_URL).netloc


def site_url_sync(*, site_model) -> str:
    """Write SITE_URL's host into the current Site (created if missing); re-runnable. Returns the domain."""
    domain = site_url_domain()
    site_model.objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.OSCAR_SHOP_NAME}
    )
    return domain
