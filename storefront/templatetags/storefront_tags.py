"""Template helpers for the storefront shell: canonical and absolute URLs, JSON-LD."""

import json
import re
from urllib.parse import urlencode

from django import template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from storefront import seo

register = template.Library()
PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


def _absolute(request, path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    if request is None:
        return path
    return request.build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's address without tracking or filter parameters; a page number above one is kept."""
    request = context.get("request")
    if request is None:
        return ""
    query = {}
    page = request.GET.get("page", "")
    # ASCII digits only: "²".isdigit() is true and int("²") raises (issue 12's URL walk found it on 404 pages)
    if PAGE_NUMBER.fullmatch(page) and int(page) > 1:
        query["page"] = page
    url = request.build_absolute_uri(request.path)
    return f"{url}?{urlencode(query)}" if query else url


@register.simple_tag(takes_context=True)
def absolute_static(context, path: str) -> str:
    return _absolute(context.get("request"), static(path))


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    return _absolute(context.get("request"), path)


@register.simple_tag
def json_ld(data) -> str:
    """A JSON-LD data block. `<`, `>` and `&` are escaped so no text in the data can close the script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.simple_tag(takes_context=True)
def breadcrumb_ld(context, *pairs) -> str:
    """`{% breadcrumb_ld "Home" "/" "Districts" "/districts/" "Moradabad" "" %}`: an empty URL means this page."""
    request = context["request"]
    trail = []
    for name, url in zip(pairs[::2], pairs[1::2], strict=True):
        trail.append((name, url or request.path))
    return json_ld(seo.breadcrumbs_ld(request=request, trail=trail))


@register.simple_tag(takes_context=True)
def home_json_ld(context) -> str:
    request = context["request"]
    shop_name = str(context.get("shop_name", ""))
    return json_ld(
        [
            seo.organization_ld(request=request, shop_name=shop_name, logo_url=static("shop/img/apple-touch-icon.png")),
            seo.website_ld(request=request, shop_name=shop_name, search_url=reverse("search:search")),
        ]
    )


@register.simple_tag(takes_context=True)
def product_json_ld(context, product, maker=None) -> str:
    request = context["request"]
    purchase_info = request.strategy.fetch_for_product(product)
    images = []
    for image in product.get_all_images()[:4]:
        original = getattr(image, "original", None)
        if original and getattr(original, "url", None):
            images.append(original.url)
    return json_ld(
        seo.product_ld(
            request=request,
            product=product,
            purchase_info=purchase_info,
            maker=maker,
            image_urls=images,
            shop_name=str(context.get("shop_name", "")),
        )
    )


@register.simple_tag(takes_context=True)
def artisan_json_ld(context, artisan, portrait_url="") -> str:
    return json_ld(seo.artisan_ld(request=context["request"], artisan=artisan, portrait_url=portrait_url))


@register.simple_tag(takes_context=True)
def product_og_image(context, product) -> str:
    """The product's first photo as an absolute URL for Open Graph (WhatsApp and friends show it)."""
    image = product.primary_image()
    url = ""
    if not isinstance(image, dict):  # Oscar answers a dict for a product without photos
        original = getattr(image, "original", None)
        url = getattr(original, "url", "") if original else ""
    if not url:
        url = static("shop/img/og-default.png")
    return _absolute(context.get("request"), url)


@register.simple_tag
def localised_flatpage(flatpage):
    """The Hindi version of an information page (its URL under /hi/) for a Hindi reader, when ops wrote one."""
    from django.contrib.flatpages.models import FlatPage
    from django.utils.translation import get_language

    language = (get_language() or "").split("-")[0]
    if language == "en" or flatpage.url.startswith(f"/{language}/"):
        return flatpage
    return FlatPage.objects.filter(url=f"/{language}{flatpage.url}").first() or flatpage
