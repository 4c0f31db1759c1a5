"""Ops screens for COD cash: remittance files (upload, totals, discrepancies) and what is still owed."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, View

from fulfilment.carriers.base import CarrierError, RemittanceFileError
from fulfilment.models import CodRemittance, CodRemittanceLine
from fulfilment.remittance import selectors
from fulfilment.remittance.forms import RemittanceLineFilterForm, RemittanceLineResolveForm, RemittanceUploadForm
from fulfilment.remittance.services import (
    RemittanceDuplicateFile,
    RemittanceResolveError,
    cod_remittance_import,
    cod_remittance_line_resolve,
)
from shop.access import OpsMixin
from shop.pagination import ForgivingPaginationMixin
from shop.redirects import redirect_back


class RemittanceListView(OpsMixin, ForgivingPaginationMixin, ListView):
    """The imported files with their totals, and the upload form on top."""

    template_name = "fulfilment/remittance/remittance_list.html"
    context_object_name = "remittances"
    paginate_by = 25

    def get_queryset(self):
        return selectors.cod_remittance_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", RemittanceUploadForm())
        return context

    def post(self, request, *args, **kwargs):
        form = RemittanceUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                remittance = cod_remittance_import(
                    carrier=form.cleaned_data["carrier"], data=upload.read(), file_name=upload.name, user=request.user
                )
            except RemittanceFileError as exc:
                form.add_error(
                    "file",
                    _("%(file)s, line %(line)s: %(reason)s. Nothing was imported.")
                    % {"file": upload.name, "line": exc.line, "reason": exc.reason},
                )
            except (RemittanceDuplicateFile, CarrierError) as exc:
                form.add_error("file", str(exc))
            else:
                messages.success(
                    request,
                    _("%(file)s imported: %(rows)s rows.")
                    % {"file": remittance.file_name, "rows": remittance.row_count},
                )
                return redirect("fulfilment-ops:remittance-detail", remittance_pk=remittance.pk)
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(form=form))


class RemittanceDetailView(OpsMixin, ForgivingPaginationMixin, ListView):
    """One file: totals per outcome, then its lines with discrepancies to resolve first."""

    template_name = "fulfilment/remittance/remittance_detail.html"
    context_object_name = "lines"
    paginate_by = 50

    def get_queryset(self):
        self.remittance = get_object_or_404(
            CodRemittance.objects.select_related("carrier", "imported_by"), pk=self.kwargs["remittance_pk"]
        )
        self.filter_form = RemittanceLineFilterForm(self.request.GET)
        outcome = self.filter_form.cleaned_data["outcome"] if self.filter_form.is_valid() else ""
        return selectors.cod_remittance_lines(remittance=self.remittance, outcome=outcome)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            remittance=self.remittance,
            totals=selectors.cod_remittance_totals(remittance=self.remittance),
            filter_form=self.filter_form,
            resolve_form=RemittanceLineResolveForm(),
            **kwargs,
        )


class RemittanceLineResolveView(OpsMixin, View):
    """POST a note closing one discrepancy; back to the page it was posted from."""

    http_method_names = ["post"]

    def post(self, request, line_pk):
        line = get_object_or_404(CodRemittanceLine, pk=line_pk)
        form = RemittanceLineResolveForm(request.POST)
        if not form.is_valid():
            messages.error(
                request,
                _("Line %(line)s: write a note of at most %(max)s characters.")
                % {"line": line.line_number, "max": form.fields["note"].max_length},
            )
        else:
            try:
                cod_remittance_line_resolve(line=line, user=request.user, note=form.cleaned_data["note"])
            except RemittanceResolveError as exc:
                messages.error(request, _("Line %(line)s: %(reason)s") % {"line": line.line_number, "reason": exc})
            else:
                messages.success(request, _("Line %(line)s resolved.") % {"line": line.line_number})
        return redirect_back(
            request,
            request.POST.get("next"),
            fallback=reverse("fulfilment-ops:remittance-detail", kwargs={"remittance_pk": line.remittance_id}),
        )


class CodOutstandingView(OpsMixin, ForgivingPaginationMixin, ListView):
    """Delivered COD parcels whose cash has not arrived: ageing per carrier, then the overdue ones."""

    template_name = "fulfilment/remittance/cod_outstanding.html"
    context_object_name = "overdue"
    paginate_by = 50

    def get_queryset(self):
        self.now = timezone.now()
        return selectors.cod_overdue_shipments(now=self.now)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(outstanding=selectors.cod_outstanding(now=self.now), **kwargs)
        context["overdue_rows"] = selectors.cod_overdue_rows(shipments=context["object_list"], now=self.now)
        return context
