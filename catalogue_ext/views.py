"""Catalogue pages served from the database until the search issue puts its engine behind them."""

from urllib.parse import unquote

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView, TemplateView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView

from catalogue_ext import selectors
from catalogue_ext.models import Category


class ForgivingPaginationMixin:
    """A mistyped or stale ?page= shows the nearest real page instead of an error."""

    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE
    context_object_name = "products"

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class ProductDetailView(OscarProductDetailView):
    def get_queryset(self):
        return selectors.product_detail_queryset()


class CatalogueView(ForgivingPaginationMixin, ListView):
    template_name = "catalogue_ext/browse.html"

    def get_queryset(self):
        return selectors.product_listing()

    def get_context_data(self, **kwargs):
        return super().get_context_data(summary=_("All products"), **kwargs)


class ProductCategoryView(ForgivingPaginationMixin, ListView):
    template_name = "catalogue_ext/browse.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected = self.category.get_absolute_url()
        if unquote(expected) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.product_listing_for_category(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(summary=self.category.name, category=self.category, **kwargs)


class HomeView(TemplateView):
    template_name = "catalogue_ext/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            districts=selectors.districts_featured(limit=8),
            crafts=selectors.craft_families_with_counts(),
            new_arrivals=selectors.product_listing()[:8],
            **kwargs,
        )


class DistrictListView(TemplateView):
    template_name = "catalogue_ext/district_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(states=selectors.district_directory(), **kwargs)


class DistrictDetailView(ForgivingPaginationMixin, ListView):
    template_name = "catalogue_ext/district_detail.html"

    def get(self, request, *args, **kwargs):
        self.district = selectors.district_get(slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return selectors.product_listing_for_district(district=self.district)

    def get_context_data(self, **kwargs):
        return super().get_context_data(district=self.district, **kwargs)
