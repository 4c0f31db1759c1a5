"""Structured data (schema.org JSON-LD) for storefront pages, built from what the page already loaded.

Every function is a pure read of objects the view fetched; none runs a query of its own except through
relations the view prefetched (stock records with their artisan, images).
"""

from decimal import Decimal
from html import unescape

from django.utils.html import strip_tags
from django.utils.text import Truncator

ORG_ID = "#organization"


def _plain(html: str | None, words: int) -> str:
    """Stored rich text (sanitised, so '&' is '&amp;') as plain words for JSON-LD."""
    return Truncator(unescape(strip_tags(html or ""))).words(words)


def _abs(request, url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return request.build_absolute_uri(url)


def breadcrumbs_ld(*, request, trail: list[tuple[str, str]]) -> dict:
    """`trail` is [(name, url), …] from the home page to this page."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": str(name), "item": _abs(request, url)}
            for i, (name, url) in enumerate(trail, start=1)
        ],
    }


def organization_ld(*, request, shop_name: str, logo_url: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": _abs(request, "/") + ORG_ID,
        "name": shop_name,
        "url": _abs(request, "/"),
        "logo": _abs(request, logo_url),
    }


def website_ld(*, request, shop_name: str, search_url: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": shop_name,
        "url": _abs(request, "/"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": _abs(request, search_url) + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def artisan_ld(*, request, artisan, portrait_url: str = "") -> dict:
    """An artisan's page: a Person for an individual maker, an Organization for a collective or workshop."""
    data = {
        "@context": "https://schema.org",
        "@type": "Person" if artisan.kind == "individual" else "Organization",
        "name": artisan.name,
        "url": _abs(request, artisan.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "addressRegion": artisan.district.state.display_name,
            "addressLocality": artisan.district.display_name,
            "addressCountry": "IN",
        },
    }
    story = _plain(artisan.story, 60)
    if story:
        data["description"] = story
    if portrait_url:
        data["image"] = _abs(request, portrait_url)
    if artisan.kind == "individual":
        data["jobTitle"] = ", ".join(c.display_name for c in artisan.crafts.all()) or None
        if data["jobTitle"] is None:
            del data["jobTitle"]
    return data


def product_ld(*, request, product, purchase_info, maker, image_urls: list[str], shop_name: str) -> dict:
    """Product + Offer (INR, availability) + Brand (the maker, or the shop)."""
    url = _abs(request, product.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.get_title(),
        "url": url,
        "sku": product.upc or str(product.pk),
        "brand": {"@type": "Brand", "name": maker.name if maker else shop_name},
    }
    description = _plain(product.description, 80)
    if description:
        data["description"] = description
    if image_urls:
        data["image"] = [_abs(request, u) for u in image_urls]
    if product.craft_id:
        data["category"] = product.craft.display_name
    if product.district_id:
        data["countryOfOrigin"] = {"@type": "Country", "name": "India"}
        properties = [
            {"@type": "PropertyValue", "name": "District", "value": product.district.display_name},
            {"@type": "PropertyValue", "name": "State", "value": product.district.state.display_name},
        ]
        if product.gi_tag_id:
            properties.append({"@type": "PropertyValue", "name": "GI tag", "value": product.gi_tag.display_name})
        if getattr(product, "is_odop", False):
            properties.append({"@type": "PropertyValue", "name": "ODOP", "value": "yes"})
        data["additionalProperty"] = properties
    if product.rating:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": f"{product.rating:.1f}",
            "reviewCount": product.num_approved_reviews,
        }
    price = purchase_info.price
    if price.exists:
        amount = price.incl_tax if price.is_tax_known else price.excl_tax
        available = purchase_info.availability.is_available_to_buy
        offer = {
            "@type": "Offer",
            "url": url,
            "price": str(Decimal(amount).quantize(Decimal("0.01"))),
            "priceCurrency": price.currency or "INR",
            "availability": "https://schema.org/InStock" if available else "https://schema.org/OutOfStock",
            "itemCondition": "https://schema.org/NewCondition",
        }
        if maker:
            offer["seller"] = {
                "@type": "Person" if maker.kind == "individual" else "Organization",
                "name": maker.name,
                "url": _abs(request, maker.get_absolute_url()),
            }
        data["offers"] = offer
    return data
