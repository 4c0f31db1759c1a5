"""Thin views: the ops overview with charts, artisans' balances, payout batches and ledgers, and the
artisan's own "money on the way"."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from fulfilment.models import Payout, PayoutBatch
from fulfilment.payouts import charts, selectors, services
from fulfilment.payouts.forms import LineReturnForm, MarkPaidForm, PayoutBatchForm, ReversalForm
from shop.access import OpsMixin, StudioMixin
from shop.pagination import ForgivingPaginationMixin

Partner = get_model("partner", "Partner")


class OverviewView(OpsMixin, TemplateView):
    template_name = "fulfilment/payouts/overview.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            figures=selectors.payout_figures(),
            sales_chart=charts.sales_by_district(),
            cod_chart=charts.cod_outstanding_by_carrier(),
            **kwargs,
        )


class PayoutListView(OpsMixin, ForgivingPaginationMixin, ListView):
    """Artisans' balances; ticking some and pressing the button makes a payout batch."""

    template_name = "fulfilment/payouts/payout_list.html"
    context_object_name = "artisans"
    paginate_by = 100

    def get_queryset(self):
        return selectors.payout_candidates()

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", PayoutBatchForm())
        context = super().get_context_data(**kwargs)
        context["artisans"] = selectors.payout_candidates_with_destinations(partners=context["artisans"])
        return context

    def post(self, request, *args, **kwargs):
        form = PayoutBatchForm(request.POST)
        if not form.is_valid():
            self.object_list = self.get_queryset()
            return self.render_to_response(self.get_context_data(form=form))
        created = services.payout_batch_create(
            partner_ids=[partner.pk for partner in form.cleaned_data["partners"]], user=request.user
        )
        for partner, reason in created.skipped:
            messages.warning(
                request, _("%(artisan)s was not paid: %(reason)s.") % {"artisan": partner.name, "reason": reason}
            )
        if created.batch is None:
            return redirect("fulfilment-ops:payout-list")
        total = selectors.payout_batch_total(batch=created.batch)
        messages.success(
            request,
            _("Payout batch %(batch)s created: %(total)s to pay. Download the bank file and upload it to the bank.")
            % {"batch": created.batch, "total": currency(total)},
        )
        return redirect("fulfilment-ops:payout-batch-detail", batch_pk=created.batch.pk)


class PayoutBatchListView(OpsMixin, ForgivingPaginationMixin, ListView):
    template_name = "fulfilment/payouts/batch_list.html"
    context_object_name = "batches"
    paginate_by = 50

    def get_queryset(self):
        return selectors.payout_batches()


class PayoutBatchDetailView(OpsMixin, TemplateView):
    template_name = "fulfilment/payouts/batch_detail.html"

    @cached_property
    def batch(self) -> PayoutBatch:
        return get_object_or_404(selectors.payout_batches(), pk=self.kwargs["batch_pk"])

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", MarkPaidForm())
        kwargs.setdefault("reversal_form", ReversalForm())
        return super().get_context_data(
            batch=self.batch, payouts=selectors.payout_batch_payouts(batch=self.batch), **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = MarkPaidForm(request.POST)
        if form.is_valid():
            try:
                services.payout_batch_mark_paid(
                    batch=self.batch, bank_reference=form.cleaned_data["bank_reference"], user=request.user
                )
            except services.LedgerError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Batch %(batch)s marked paid.") % {"batch": self.batch})
            return redirect("fulfilment-ops:payout-batch-detail", batch_pk=self.batch.pk)
        return self.render_to_response(self.get_context_data(form=form))


class PayoutBatchCancelView(OpsMixin, View):
    """POST only: a batch the bank never ran goes back into the artisans' balances."""

    def post(self, request, batch_pk):
        batch = get_object_or_404(PayoutBatch, pk=batch_pk)
        form = ReversalForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the batch is cancelled."))
        else:
            try:
                services.payout_batch_cancel(batch=batch, reason=form.cleaned_data["reason"], user=request.user)
            except services.LedgerError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request, _("Batch %(batch)s cancelled; the money is back in the balances.") % {"batch": batch}
                )
        return redirect("fulfilment-ops:payout-batch-detail", batch_pk=batch.pk)


class PayoutReverseView(OpsMixin, View):
    """POST only: one transfer of a paid batch came back from the bank."""

    def post(self, request, payout_pk):
        payout = get_object_or_404(Payout, pk=payout_pk)
        form = ReversalForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Say why the transfer came back."))
        else:
            try:
                services.payout_reverse(payout=payout, reason=form.cleaned_data["reason"], user=request.user)
            except services.LedgerError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    _("%(reference)s reversed; the money is back in the balance.") % {"reference": payout.reference},
                )
        return redirect("fulfilment-ops:payout-batch-detail", batch_pk=payout.batch_id)


class PayoutBatchCsvView(OpsMixin, View):
    def get(self, request, batch_pk):
        batch = get_object_or_404(PayoutBatch, pk=batch_pk)
        response = HttpResponse(selectors.payout_batch_csv(batch=batch), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{batch}-bank.csv"'
        return response


class PayoutLedgerView(OpsMixin, ForgivingPaginationMixin, ListView):
    """One artisan's ledger with the running balance, and the form to record a returned line."""

    template_name = "fulfilment/payouts/ledger.html"
    context_object_name = "entries"
    paginate_by = 50

    @cached_property
    def partner(self):
        return get_object_or_404(Partner, pk=self.kwargs["partner_pk"])

    def get_queryset(self):
        return selectors.ledger_entries(partner=self.partner)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("return_form", LineReturnForm(lines=selectors.returnable_lines(partner=self.partner)))
        return super().get_context_data(
            partner=self.partner, balance=selectors.artisan_balance(partner=self.partner), **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = LineReturnForm(request.POST, lines=selectors.returnable_lines(partner=self.partner))
        if form.is_valid():
            try:
                entry = services.ledger_debit_return(
                    line=form.cleaned_data["line"], user=request.user, note=form.cleaned_data["note"]
                )
            except services.LedgerError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request, _("Return recorded: %(amount)s taken back.") % {"amount": currency(-entry.amount)}
                )
                return redirect(reverse("fulfilment-ops:payout-ledger", kwargs={"partner_pk": self.partner.pk}))
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(return_form=form))


class StudioMoneyView(StudioMixin, TemplateView):
    """The signed-in artisan's money: cash still with the carrier, credited, at the bank, paid."""

    template_name = "fulfilment/payouts/studio_money.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            money=selectors.artisan_money_on_the_way(partner=self.profile.partner), **kwargs
        )
