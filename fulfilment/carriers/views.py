"""Thin views: the carriers' tracking webhook, labels and manifests for ops and artisans, AWB stock."""

import logging
import re
from datetime import date

from django import http
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView
from oscar.core.loading import get_model

from fulfilment.carriers.base import CarrierError, carrier_adapter
from fulfilment.carriers.forms import AwbRangeImportForm
from fulfilment.carriers.labels import label_html, label_pdf
from fulfilment.carriers.selectors import awb_stock, manifest_sections, shipments_for_labels
from fulfilment.carriers.services import AwbImportError, awb_range_import, awb_range_import_sequence
from fulfilment.models import Carrier, Shipment
from fulfilment.shipments.services import shipment_events_apply
from shop.access import OpsMixin, StudioMixin, studio_owned
from shop.redirects import redirect_back

logger = logging.getLogger(__name__)
Partner = get_model("partner", "Partner")

WEBHOOK_MAX_BYTES = 1024 * 1024
# Below DATA_UPLOAD_MAX_NUMBER_FIELDS (1000), so a too-long selection gets our message, not a bare 400.
BULK_LABELS_MAX = 500
# ASCII digits only ("²".isdigit() is true) and short enough for the database's integer.
PARCEL_ID_RE = re.compile(r"^[0-9]{1,18}$")
# Manifests for days the database and calendar can hold; anything else is somebody's typo.
MANIFEST_DAYS = (date(2000, 1, 1), date(2999, 12, 31))


def _json_error(reason: str, status: int) -> http.JsonResponse:
    return http.JsonResponse({"error": reason}, status=status)


@csrf_exempt
def carrier_webhook(request, code):
    """Tracking events from a carrier: 2xx only when every event was read; a 4xx says why, nothing changed."""
    if request.method != "POST":
        response = _json_error("use POST", 405)
        response["Allow"] = "POST"
        return response
    carrier = Carrier.objects.filter(code=code, is_active=True).first()
    if carrier is None:
        return _json_error(f"no active carrier {code!r}", 404)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return _json_error("bad Content-Length", 400)
    too_big = _json_error(f"body larger than {WEBHOOK_MAX_BYTES} bytes; send fewer events per call", 413)
    if declared > WEBHOOK_MAX_BYTES:
        return too_big
    try:
        body = request.body
    except RequestDataTooBig:
        return too_big
    if len(body) > WEBHOOK_MAX_BYTES:
        return too_big
    try:
        events = carrier_adapter(carrier=carrier).parse_tracking_webhook(body=body, headers=request.headers)
    except CarrierError as exc:
        logger.warning("Carrier %s webhook refused: %s", carrier.code, exc)
        return _json_error(str(exc), 400)
    counts = shipment_events_apply(carrier=carrier, events=events)
    return http.JsonResponse({"received": len(events), **counts})


def _day_from(request) -> date:
    """`?date=YYYY-MM-DD`, today if absent; a date nobody can mean is today, with a word about it."""
    raw = request.GET.get("date", "")
    if raw:
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            day = None
        if day is not None and MANIFEST_DAYS[0] <= day <= MANIFEST_DAYS[1]:
            return day
        messages.warning(request, _("%(date)s is not a date like 2025-01-31; showing today.") % {"date": raw[:40]})
    return timezone.localdate(timezone=timezone.get_default_timezone())


class LabelPageMixin:
    """The HTML print view and the PDF of one parcel's label; subclasses say whose parcels may be seen."""

    template_name = "fulfilment/carriers/label.html"
    pdf_url_name = ""
    shipment = None

    def dispatch(self, request, *args, **kwargs):
        """Ownership first, so another artisan's parcel is a 404 whatever the method."""
        self.shipment = get_object_or_404(self.shipments(), pk=kwargs["shipment_pk"])
        return super().dispatch(request, *args, **kwargs)

    def shipments(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(shipment=self.shipment, **kwargs)
        if self.shipment.awb and self.shipment.carrier_id and self.shipment.status != Shipment.CANCELLED:
            context["label_html"] = label_html(shipment=self.shipment)
            context["pdf_url"] = reverse(self.pdf_url_name, kwargs={"shipment_pk": self.shipment.pk})
        return context


class LabelPdfMixin(LabelPageMixin):
    page_url_name = ""

    def get(self, request, *args, **kwargs):
        try:
            data = label_pdf(shipments=[self.shipment])
        except CarrierError as exc:
            messages.error(request, str(exc))
            return redirect(self.page_url_name, shipment_pk=self.shipment.pk)
        response = http.HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="label-{self.shipment.awb}.pdf"'
        return response


class OpsLabelView(OpsMixin, LabelPageMixin, TemplateView):
    pdf_url_name = "fulfilment-ops:label-pdf"

    def shipments(self):
        return shipments_for_labels()


class OpsLabelPdfView(OpsMixin, LabelPdfMixin, View):
    page_url_name = "fulfilment-ops:label"

    def shipments(self):
        return shipments_for_labels()


class StudioLabelView(StudioMixin, LabelPageMixin, TemplateView):
    pdf_url_name = "fulfilment-studio:label-pdf"

    def shipments(self):
        return studio_owned(shipments_for_labels(), profile=self.profile, partner_field="group__partner_id")


class StudioLabelPdfView(StudioMixin, LabelPdfMixin, View):
    page_url_name = "fulfilment-studio:label"

    def shipments(self):
        return studio_owned(shipments_for_labels(), profile=self.profile, partner_field="group__partner_id")


class OpsLabelsPdfView(OpsMixin, View):
    """Bulk print from the shipment list: one PDF, one page per selected parcel, in the order selected."""

    def _back(self):
        target = self.request.POST.get("next") or self.request.headers.get("Referer", "")
        return redirect_back(self.request, target, fallback=reverse("dashboard:index"))

    def post(self, request):
        raw = request.POST.getlist("shipment")
        if not raw:
            messages.error(request, _("Select the parcels whose labels you want to print."))
            return self._back()
        if len(raw) > BULK_LABELS_MAX:
            messages.error(
                request, _("At most %(max)s labels can be printed at once; select fewer.") % {"max": BULK_LABELS_MAX}
            )
            return self._back()
        bad = [value for value in raw if not PARCEL_ID_RE.match(value)]
        if bad:
            messages.error(request, _("These are not parcel numbers: %(values)s.") % {"values": ", ".join(bad[:10])})
            return self._back()
        ids = list(dict.fromkeys(int(value) for value in raw))
        found = {shipment.pk: shipment for shipment in shipments_for_labels().filter(pk__in=ids)}
        missing = [f"#{pk}" for pk in ids if pk not in found]
        if missing:
            messages.error(request, _("No such parcels: %(ids)s.") % {"ids": ", ".join(missing)})
            return self._back()
        try:
            data = label_pdf(shipments=[found[pk] for pk in ids])
        except CarrierError as exc:
            messages.error(request, str(exc))
            return self._back()
        response = http.HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="labels-{timezone.localdate():%Y-%m-%d}.pdf"'
        return response


class ManifestMixin:
    template_name = "fulfilment/carriers/manifest.html"

    def manifest_context(self, *, partner):
        day = _day_from(self.request)
        sections = manifest_sections(partner_id=partner.pk, day=day)
        return {
            "partner": partner,
            "pickup": next(iter(partner.addresses.all()), None),
            "day": day,
            "sections": sections,
        }


class OpsManifestView(OpsMixin, ManifestMixin, TemplateView):
    def get_context_data(self, **kwargs):
        partner = get_object_or_404(Partner, pk=kwargs["partner_pk"])
        return super().get_context_data(**self.manifest_context(partner=partner), **kwargs)


class StudioManifestView(StudioMixin, ManifestMixin, TemplateView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.manifest_context(partner=self.profile.partner), **kwargs)


class AwbRangeListView(OpsMixin, FormView):
    """AWB stock per carrier, and the import of a carrier's new range."""

    template_name = "fulfilment/carriers/awb_range_list.html"
    form_class = AwbRangeImportForm

    @cached_property
    def carriers(self):
        return awb_stock()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "carriers": self.carriers}

    def get_context_data(self, **kwargs):
        return super().get_context_data(carriers=self.carriers, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        carrier = data["carrier_object"]
        try:
            if data["first"] is not None:
                count = awb_range_import_sequence(
                    carrier=carrier,
                    prefix=data["prefix"],
                    first=data["first"],
                    last=data["last"],
                    width=data["width"] or 0,
                )
            else:
                count = awb_range_import(carrier=carrier, numbers=data["lines"])
        except AwbImportError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(count)s AWB numbers added for %(carrier)s; nothing was skipped.")
            % {"count": count, "carrier": carrier.name},
        )
        return redirect("fulfilment-ops:awb-range-list")
