"""Catalogue pages; listings are searches with a fixed filter, so their facets agree with /search/."""

from itertools import groupby
from urllib.parse import unquote

from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_class

from artisans.selectors import artisan_directory, gi_authorised_makers
from catalogue_ext import india_map, selectors
from catalogue_ext.models import Category, Product
from catalogue_ext.tasks import product_view_record_task
from search.views import SearchListingMixin
from shop.pagecache import PageCacheMixin, page_cache_serve, page_cacheable

CustomerHistoryManager = get_class("customer.history", "CustomerHistoryManager")


class ProductDetailView(OscarProductDetailView):
    def get_queryset(self):
        return selectors.product_detail_queryset()

    def send_signal(self, request, response, product):
        """What Oscar's product-viewed receivers do, without holding the page: the recently-viewed
        cookie at once, the view counters on the queue (`product_view_record_task`)."""
        CustomerHistoryManager.update(product, request, response)
        user_id = request.user.pk if request.user.is_authenticated else None
        product_view_record_task.delay(product_id=product.pk, user_id=user_id)

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
        directory = selectors.district_directory()
        return super().get_context_data(
            states=directory,
            map_states=selectors.india_map(directory=directory),
            map_viewbox=india_map.MAP_VIEWBOX,
            map_svg=india_map.MAP_STATIC_PATH,
            **kwargs,
        )


class DistrictDetailView(PageCacheMixin, SearchListingMixin, TemplateView):
    template_name = "catalogue_ext/district_detail.html"

    def get(self, request, *args, **kwargs):
        self.district = selectors.district_get(slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_fixed_filters(self):
        return {"district": (self.district.slug,)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(district=self.district, **self.search_context(), **kwargs)


MAKERS_SHOWN = 12
GI_FACT_LABELS = {
    "registration_number": _("GI application number"),
    "nice_classes": _("Classes of goods"),
    "registered_year": _("Year registered"),
    "region": _("Region"),
}


def _makers(profiles) -> tuple[list, bool]:
    """A few makers for the page, and whether the directory has more."""
    shown = list(profiles[: MAKERS_SHOWN + 1])
    return shown[:MAKERS_SHOWN], len(shown) > MAKERS_SHOWN


class StateDetailView(PageCacheMixin, SearchListingMixin, TemplateView):
    """/states/<code>/: a state's districts with their ODOP products, its makers and its products."""

    template_name = "catalogue_ext/state_detail.html"

    def get(self, request, *args, **kwargs):
        self.state = selectors.state_get(code=kwargs["code"])
        return super().get(request, *args, **kwargs)

    def get_fixed_filters(self):
        return {"state": (self.state.code.lower(),)}

    def get_context_data(self, **kwargs):
        makers, more_makers = _makers(artisan_directory(state=self.state.code))
        return super().get_context_data(
            state=self.state,
            districts=selectors.state_districts(state=self.state),
            makers=makers,
            more_makers=more_makers,
            **self.search_context(),
            **kwargs,
        )


class CraftDetailView(PageCacheMixin, SearchListingMixin, TemplateView):
    """/crafts/<slug>/: a craft or craft family, where it is made, its makers and its products."""

    template_name = "catalogue_ext/craft_detail.html"

    def get(self, request, *args, **kwargs):
        self.craft = selectors.craft_get(slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_fixed_filters(self):
        return {"craft": (self.craft.slug,)}

    def get_context_data(self, **kwargs):
        makers, more_makers = _makers(artisan_directory(craft=self.craft.slug))
        return super().get_context_data(
            craft=self.craft,
            places=selectors.craft_places(craft=self.craft),
            gi_tags=selectors.craft_gi_tags(craft=self.craft),
            makers=makers,
            more_makers=more_makers,
            **self.search_context(),
            **kwargs,
        )


class GIListView(PageCacheMixin, TemplateView):
    template_name = "catalogue_ext/gi_list.html"

    def get_context_data(self, **kwargs):
        tags = selectors.gi_directory()
        groups = [(state, list(group)) for state, group in groupby(tags, key=lambda tag: tag.state)]
        return super().get_context_data(groups=groups, **kwargs)


class GIDetailView(PageCacheMixin, SearchListingMixin, TemplateView):
    """/gi/<slug>/: the GI's registered facts, what it protects, its authorised makers and products."""

    template_name = "catalogue_ext/gi_detail.html"

    def get(self, request, *args, **kwargs):
        self.gi_tag = selectors.gi_get(slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_fixed_filters(self):
        return {"gi": (self.gi_tag.slug,)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            gi_tag=self.gi_tag,
            fact_sources=[
                (GI_FACT_LABELS.get(fact, fact), source) for fact, source in self.gi_tag.fact_sources.items()
            ],
            makers=gi_authorised_makers(gi_tag=self.gi_tag),
            **self.search_context(),
            **kwargs,
        )
