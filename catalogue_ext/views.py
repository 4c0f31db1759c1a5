"""Catalogue pages; listings are searches with a fixed filter, so their facets agree with /search/."""

from urllib.parse import unquote

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView

from catalogue_ext import selectors
from catalogue_ext.models import Category
from search.views import SearchListingMixin


class ProductDetailView(OscarProductDetailView):
    def get_queryset(self):
        return selectors.product_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.object
        # The maker: the artisan of the product's stock record (prefetched with its profile; buyable
        # products have a verified one).
        record = next(iter(product.stockrecords.all()), None)
        maker = getattr(record.partner, "artisan_profile", None) if record else None
        context["maker"] = maker
        context["more_from_maker"] = (
            selectors.products_more_from_maker(product=product, partner_id=maker.partner_id, limit=4) if maker else []
        )
        context["more_from_district"] = selectors.products_more_from_district(
            product=product, exclude_partner_id=maker.partner_id if maker else None, limit=4
        )
        return context


class CatalogueView(SearchListingMixin, TemplateView):
    template_name = "catalogue_ext/browse.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(summary=_("All products"), **self.search_context(), **kwargs)


class ProductCategoryView(SearchListingMixin, TemplateView):
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


class HomeView(TemplateView):
    template_name = "catalogue_ext/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            districts=selectors.districts_featured(limit=8),
            crafts=selectors.craft_families_with_counts(),
            new_arrivals=selectors.products_new_arrivals(limit=8),
            **kwargs,
        )


class DistrictListView(TemplateView):
    template_name = "catalogue_ext/district_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(states=selectors.district_directory(), **kwargs)


class DistrictDetailView(SearchListingMixin, TemplateView):
    template_name = "catalogue_ext/district_detail.html"

    def get(self, request, *args, **kwargs):
        self.district = selectors.district_get(slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_fixed_filters(self):
        return {"district": (self.district.slug,)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(district=self.district, **self.search_context(), **kwargs)
