"""Catalogue pages; listings are searches with a fixed filter, so their facets agree with /search/."""

from urllib.parse import unquote

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView

from catalogue_ext import selectors
from catalogue_ext.models import Category, Product
from search.views import SearchListingMixin
from shop.pagecache import PageCacheMixin, page_cache_serve, page_cacheable


class ProductDetailView(OscarProductDetailView):
    def get_queryset(self):
        return selectors.product_detail_queryset()

    def get(self, request, *args, **kwargs):
        """Anonymous visits without cookies are served from the page cache; the product-viewed signal
        (history cookie, view counter) is still sent for each, as Oscar does after rendering."""
        if not page_cacheable(request):
            return super().get(request, *args, **kwargs)
        viewed = []

        def render():
            self.object = product = self.get_object()
            if redirect_to := self.redirect_if_necessary(request.path, product):
                return redirect_to
            if not self.is_viewable(product, request):
                raise Http404
            viewed.append(product)
            return DetailView.get(self, request, *args, **kwargs)

        response = page_cache_serve(request, render)
        if response.status_code == 200:
            self.send_signal(request, response, viewed[0] if viewed else Product(pk=kwargs["pk"]))
        return response


class CatalogueView(PageCacheMixin, SearchListingMixin, TemplateView):
    template_name = "catalogue_ext/browse.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(summary=_("All products"), **self.search_context(), **kwargs)


class ProductCategoryView(PageCacheMixin, SearchListingMixin, TemplateView):
    """A category mirrors a craft or craft family (same slug), so it is a search fixed to that craft."""

    template_name = "catalogue_ext/browse.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not (self.category.is_public or request.user.is_staff):
            raise Http404
        expected = self.category.get_absolute_url()
        if unquote(expected) != unquote(request.path):
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)

    def get_fixed_filters(self):
        return {"craft": (self.category.slug,)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            summary=self.category.name, category=self.category, **self.search_context(), **kwargs
        )


class HomeView(PageCacheMixin, TemplateView):
    template_name = "catalogue_ext/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            districts=selectors.districts_featured(limit=8),
            crafts=selectors.craft_families_with_counts(),
            new_arrivals=selectors.products_newest(limit=8),
            **kwargs,
        )


class DistrictListView(PageCacheMixin, TemplateView):
    template_name = "catalogue_ext/district_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(states=selectors.district_directory(), **kwargs)


class DistrictDetailView(PageCacheMixin, SearchListingMixin, TemplateView):
    template_name = "catalogue_ext/district_detail.html"

    def get(self, request, *args, **kwargs):
        self.district = selectors.district_get(slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_fixed_filters(self):
        return {"district": (self.district.slug,)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(district=self.district, **self.search_context(), **kwargs)
