"""Thin views: a parcel's tax invoice (and its credit notes) as a page and as PDF, for the shopper, a guest
through the order-status link, the artisan in the studio and ops; anyone else gets 404."""

import re

from django import http
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from fulfilment.models import Shipment
from invoices.models import INVOICE, Invoice
from invoices.pdf import invoice_pdf
from invoices.selectors import invoice_documents
from invoices.services import invoices_issue
from shop.access import OpsMixin, StudioMixin

Order = get_model("order", "Order")
BULK_INVOICES_MAX = 500
ID_RE = re.compile(r"^[0-9]{1,18}$")


def _with_credit_notes(invoice: Invoice) -> list:
    ids = [invoice.pk, *invoice.credit_notes.order_by("pk").values_list("pk", flat=True)]
    return invoice_documents(invoices=ids)


def _documents_for(*, shipment) -> list:
    """The parcel's invoice and its credit notes; orders placed before invoicing get theirs now."""
    invoice = Invoice.objects.filter(shipment_group_id=shipment.group_id, kind=INVOICE).first()
    if invoice is None:
        invoices_issue(order=shipment.group.order)
        invoice = Invoice.objects.get(shipment_group_id=shipment.group_id, kind=INVOICE)
    return _with_credit_notes(invoice)


def _shop_documents_for(*, order) -> list:
    """The shop's invoice for the order's shipping and COD fee, and its credit notes (404 if it charged none)."""
    shop_invoices = Invoice.objects.filter(order=order, kind=INVOICE, partner__isnull=True)
    if not shop_invoices.exists():
        invoices_issue(order=order)
    invoice = shop_invoices.first()
    if invoice is None:
        raise http.Http404(_("This order has no shipping or fee to invoice."))
    return _with_credit_notes(invoice)


class InvoiceMixin:
    template_name = "invoices/invoice.html"
    pdf = False

    def shipments(self):
        raise NotImplementedError

    def documents(self, **kwargs) -> list:
        raw = str(kwargs.get("shipment_id", kwargs.get("shipment_pk", "")))
        if not ID_RE.match(raw):
            raise http.Http404(_("There is no such parcel."))
        shipment = get_object_or_404(self.shipments().select_related("group__order"), pk=int(raw))
        return _documents_for(shipment=shipment)

    def get(self, request, *args, **kwargs):
        documents = self.documents(**kwargs)
        if self.pdf:
            response = http.HttpResponse(invoice_pdf(documents=documents), content_type="application/pdf")
            filename = documents[0].invoice.number.replace("/", "-")
            response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
            return response
        return self.render_to_response(
            self.get_context_data(documents=documents, pdf_url=request.path.rstrip("/") + ".pdf")
        )


class ShopInvoiceMixin(InvoiceMixin):
    """The shop's own invoice of an order (shipping, COD fee), for whoever may see the order's parcels."""

    def documents(self, **kwargs) -> list:
        order_ids = self.shipments().values_list("group__order_id", flat=True)
        order = get_object_or_404(Order.objects.filter(pk__in=order_ids), number=kwargs["number"])
        return _shop_documents_for(order=order)


class CustomerInvoiceView(InvoiceMixin, TemplateView):
    def shipments(self):
        if not self.request.user.is_authenticated:
            return Shipment.objects.none()
        return Shipment.objects.filter(group__order__number=self.kwargs["number"], group__order__user=self.request.user)


class GuestInvoiceView(InvoiceMixin, TemplateView):
    """Through the order-status link: the same check as Oscar's anonymous order page (hash + e-mail).
    A valid link opened without the e-mail check (from the confirmation e-mail, in a new browser) goes to
    that page, which asks for the e-mail; anything else is a 404."""

    def get(self, request, *args, **kwargs):
        order = Order.objects.filter(user=None, number=kwargs["number"]).first()
        if (
            order is not None
            and order.check_verification_hash(kwargs["hash"])
            and order.email != request.session.get("anon_order_email")
        ):
            return redirect("customer:anon-order", order_number=order.number, hash=kwargs["hash"])
        return super().get(request, *args, **kwargs)

    def shipments(self):
        order = Order.objects.filter(user=None, number=self.kwargs["number"]).first()
        email = self.request.session.get("anon_order_email")
        if order is None or not order.check_verification_hash(self.kwargs["hash"]) or order.email != email:
            return Shipment.objects.none()
        return Shipment.objects.filter(group__order=order)


class StudioInvoiceView(StudioMixin, InvoiceMixin, TemplateView):
    def shipments(self):
        return Shipment.objects.filter(group__partner_id=self.profile.partner_id)


class OpsInvoiceView(OpsMixin, InvoiceMixin, TemplateView):
    def shipments(self):
        return Shipment.objects.all()


class OpsInvoicesPdfView(OpsMixin, View):
    """Bulk download: one PDF with the invoices (and credit notes) of up to 500 selected parcels."""

    def post(self, request):
        raw = request.POST.getlist("shipment")
        if not raw or len(raw) > BULK_INVOICES_MAX or any(not ID_RE.match(value) for value in raw):
            messages.error(
                request,
                _("Select between 1 and %(max)s parcels by their numbers to download invoices.")
                % {"max": BULK_INVOICES_MAX},
            )
            return redirect("fulfilment-ops:shipment-list")
        ids = list(dict.fromkeys(int(value) for value in raw))
        groups = dict(Shipment.objects.filter(pk__in=ids).values_list("pk", "group_id"))
        missing = [f"#{pk}" for pk in ids if pk not in groups]
        if missing:
            messages.error(request, _("No such parcels: %(ids)s.") % {"ids": ", ".join(missing[:20])})
            return redirect("fulfilment-ops:shipment-list")
        pending = set(groups.values()) - set(
            Invoice.objects.filter(shipment_group_id__in=groups.values(), kind=INVOICE).values_list(
                "shipment_group_id", flat=True
            )
        )
        for order in Order.objects.filter(shipment_groups__in=pending).distinct():
            invoices_issue(order=order)
        invoices = Invoice.objects.filter(shipment_group_id__in=groups.values()).order_by("shipment_group_id", "pk")
        response = http.HttpResponse(
            invoice_pdf(documents=invoice_documents(invoices=list(invoices))), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="invoices-{timezone.localdate():%Y-%m-%d}.pdf"'
        return response


class CustomerShopInvoiceView(ShopInvoiceMixin, CustomerInvoiceView):
    pass


class GuestShopInvoiceView(ShopInvoiceMixin, GuestInvoiceView):
    pass


class OpsShopInvoiceView(ShopInvoiceMixin, OpsInvoiceView):
    def shipments(self):
        return Shipment.objects.filter(group__order__number=self.kwargs["number"])
