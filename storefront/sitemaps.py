"""/sitemap.xml: an index of paginated sitemaps, one section per kind of public page.

Each section is a plain `values_list` over an indexed column, paginated by Django's sitemap paginator
(`SITEMAP_PAGE_SIZE` URLs per file), so a page of the product sitemap costs two queries — a count and
one slice — whatever the size of the catalogue. Locations are built from the values, not from model
instances, so no object is loaded per URL.
"""

from django.contrib.flatpages.models import FlatPage
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from artisans.models import VERIFIED, ArtisanProfile
from catalogue_ext import selectors
from catalogue_ext.models import Category, District

SITEMAP_PAGE_SIZE = 5000


class _Paged(Sitemap):
    limit = SITEMAP_PAGE_SIZE
    protocol = None  # the request's own scheme


class ProductSitemap(_Paged):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return selectors.products_buyable().order_by("pk").values_list("pk", "slug", "date_updated")

    def location(self, item):
        return reverse("catalogue:detail", kwargs={"product_slug": item[1], "pk": item[0]})

    def lastmod(self, item):
        return item[2]


class DistrictSitemap(_Paged):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return District.objects.order_by("pk").values_list("slug", flat=True)

    def location(self, item):
        return reverse("districts:detail", kwargs={"slug": item})


class CraftSitemap(_Paged):
    """Craft and craft-family pages (the catalogue's categories mirror the craft taxonomy)."""

    changefreq = "weekly"
    priority = 0.6

    def items(self):
        # A few hundred rows at most (the craft taxonomy); each URL is cached by Oscar.
        return Category.objects.filter(is_public=True).order_by("path")


class ArtisanSitemap(_Paged):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return (
            ArtisanProfile.objects.filter(status=VERIFIED).order_by("pk").values_list("partner__code", "date_updated")
        )

    def location(self, item):
        return reverse("artisans:detail", kwargs={"slug": item[0]})

    def lastmod(self, item):
        return item[1]


class PageSitemap(_Paged):
    """The fixed storefront pages and the shop's information pages (about, returns, …)."""

    changefreq = "monthly"
    priority = 0.4

    def items(self):
        fixed = [
            reverse("storefront-home"),
            reverse("districts:list"),
            reverse("artisans:list"),
            reverse("catalogue:index"),
        ]
        pages = list(
            FlatPage.objects.filter(registration_required=False)
            .exclude(url__startswith="/hi/")
            .order_by("url")
            .values_list("url", flat=True)
        )
        return fixed + pages

    def location(self, item):
        return item


SITEMAPS = {
    "pages": PageSitemap,
    "products": ProductSitemap,
    "districts": DistrictSitemap,
    "crafts": CraftSitemap,
    "artisans": ArtisanSitemap,
}
