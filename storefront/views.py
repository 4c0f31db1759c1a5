"""The shell's small answers: robots.txt, favicon.ico and the sitemaps."""

from django.contrib.sites.requests import RequestSite
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from storefront.sitemaps import SITEMAPS

# Pages a crawler has no business in: private, per-shopper or endless filter combinations.
ROBOTS_DISALLOW = (
    "/basket/",
    "/checkout/",
    "/accounts/",
    "/dashboard/",
    "/artisans/studio/",
    "/admin/",
    "/search/suggest/",
    "/shipping/pincode/",
    "/i18n/",
)


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=604800, public=True)
def favicon_ico(request: HttpRequest) -> HttpResponse:
    with staticfiles_storage.open("shop/img/favicon.ico") as icon:
        return HttpResponse(icon.read(), content_type="image/x-icon")


def _sitemap_instance(section: str):
    try:
        return SITEMAPS[section]()
    except KeyError:
        raise Http404("No such sitemap") from None


@require_GET
def sitemap_index(request: HttpRequest) -> TemplateResponse:
    """Every page of every section, on the host the request came to (not the sites framework's domain)."""
    entries = []
    for section in SITEMAPS:
        sitemap = _sitemap_instance(section)
        location = request.build_absolute_uri(reverse("sitemap-section", kwargs={"section": section}))
        entries.append({"location": location})
        entries.extend({"location": f"{location}?p={page}"} for page in range(2, sitemap.paginator.num_pages + 1))
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")


@require_GET
def sitemap_section(request: HttpRequest, section: str) -> TemplateResponse:
    sitemap = _sitemap_instance(section)
    try:
        urls = sitemap.get_urls(page=request.GET.get("p", 1), site=RequestSite(request), protocol=request.scheme)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such sitemap page") from None
    return TemplateResponse(request, "sitemap.xml", {"urlset": urls}, content_type="application/xml")
