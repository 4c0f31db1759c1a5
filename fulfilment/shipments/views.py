"""Thin views: the ops shipment desk and NDR queue, and the artisan's parcels in the studio."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from fulfilment.models import Carrier, Shipment
from fulfilment.shipments import selectors, services
from fulfilment.shipments.forms import OpsShipmentFilterForm, ShipmentActionForm
from fulfilment.shipments.pipeline import (
    ARTISAN,
    OPS,
    moves_from,
    status_label,
)
from shop.access import OpsMixin, StudioMixin
from shop.pagination import ForgivingPaginationMixin
from shop.redirects import redirect_back


class ShipmentActionMixin:
    """GET shows the parcel; POST makes one move and comes back with what happened, never a 500."""

    source: str

    def get_shipment(self, *, with_history: bool) -> Shipment:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        shipment = self.get_shipment(with_history=True)
        return super().get_context_data(
            shipment=shipment,
            moves=[(to, status_label(to)) for to in moves_from(current=shipment.status, source=self.source)],
            carriers=Carrier.objects.filter(is_active=True).order_by("name"),
            now=timezone.now(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        shipment = self.get_shipment(with_history=False)
        form = ShipmentActionForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.error_text())
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.shipment_move(shipment=shipment, source=self.source, user=request.user, **form.cleaned_data)
        except services.ShipmentTransitionError as exc:
            messages.error(request, str(exc))
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request, _("Parcel %(parcel)s: %(status)s.") % {"parcel": shipment, "status": status_label(shipment.status)}
        )
        return redirect_back(request, request.POST.get("next"), fallback=request.path)


class OpsShipmentListView(OpsMixin, ForgivingPaginationMixin, ListView):
    template_name = "fulfilment/shipments/ops_list.html"
    context_object_name = "shipments"
    paginate_by = 50

    def get_queryset(self):
        self.form = OpsShipmentFilterForm(self.request.GET or None)
        return selectors.ops_shipment_list(**self.form.filters())

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(form=self.form, querystring=query.urlencode(), **kwargs)


class OpsShipmentDetailView(OpsMixin, ShipmentActionMixin, TemplateView):
    template_name = "fulfilment/shipments/ops_detail.html"
    source = OPS

    def get_shipment(self, *, with_history: bool) -> Shipment:
        if with_history:
            return selectors.ops_shipment_get(pk=self.kwargs["shipment_pk"])
        return get_object_or_404(Shipment, pk=self.kwargs["shipment_pk"])


class OpsNdrListView(OpsMixin, ForgivingPaginationMixin, ListView):
    template_name = "fulfilment/shipments/ops_ndr.html"
    context_object_name = "shipments"
    paginate_by = 50

    def get_queryset(self):
        return selectors.ndr_queue()

    def get_context_data(self, **kwargs):
        rto = settings.FULFILMENT_NDR_DEFAULT_ACTION == "rto"
        action = _("returned to the artisan") if rto else _("sent out again")
        return super().get_context_data(
            now=timezone.now(),
            here=reverse("fulfilment-ops:ndr-list"),
            ndr_hours=settings.FULFILMENT_NDR_ACTION_HOURS,
            ndr_action=action,
            **kwargs,
        )


class StudioShipmentListView(StudioMixin, ForgivingPaginationMixin, ListView):
    template_name = "fulfilment/shipments/studio_list.html"
    context_object_name = "shipments"
    paginate_by = 20

    def get_queryset(self):
        tab = self.request.GET.get("tab", "")
        self.tab = tab if tab in selectors.STUDIO_TAB_STATUSES else "accept"
        return selectors.studio_shipments(profile=self.profile, tab=self.tab)

    def get_context_data(self, **kwargs):
        counts = selectors.studio_tab_counts(profile=self.profile)
        tabs = [(code, label, counts[code]) for code, label, _statuses in selectors.STUDIO_TABS]
        return super().get_context_data(tab=self.tab, tabs=tabs, now=timezone.now(), **kwargs)


class StudioShipmentDetailView(StudioMixin, ShipmentActionMixin, TemplateView):
    template_name = "fulfilment/shipments/studio_detail.html"
    source = ARTISAN

    def get_shipment(self, *, with_history: bool) -> Shipment:
        return selectors.studio_shipment_get(profile=self.profile, pk=self.kwargs["shipment_pk"])
