import logging

from django import forms, http
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from payments.gateways import GatewayError
from payments.models import PaymentAttempt
from payments.selectors import RefundRefused, payment_refund_lines_open, payment_refund_plan
from payments.services import payment_refund
from shop.access import ops_required

logger = logging.getLogger(__name__)
Order = get_model("order", "Order")


class RefundForm(forms.Form):
    scope = forms.ChoiceField(
        label=gettext_lazy("Refund"),
        choices=[("full", gettext_lazy("Everything still paid")), ("lines", gettext_lazy("The selected lines"))],
        widget=forms.RadioSelect,
        initial="full",
    )
    lines = forms.MultipleChoiceField(label=gettext_lazy("Lines"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, order, attempt, **kwargs):
        super().__init__(*args, **kwargs)
        self.order, self.attempt = order, attempt
        self.fields["lines"].choices = [
            (str(line.pk), f"{line.title} × {line.quantity} ({currency(line.line_price_incl_tax)})")
            for line in payment_refund_lines_open(order=order)
        ]

    def clean(self):
        data = super().clean()
        try:
            plan = payment_refund_plan(
                order=self.order, attempt=self.attempt, scope=data.get("scope"), line_ids=data.get("lines") or []
            )
        except RefundRefused as exc:
            raise forms.ValidationError(str(exc)) from None
        data["amount"], data["chosen_lines"] = plan.amount, plan.lines
        return data


@ops_required
def order_refund(request, number):
    """Full or per-line card refund: Stripe is called first, our books follow its answer."""
    order = get_object_or_404(Order, number=number)
    attempt = PaymentAttempt.objects.filter(order_number=number, gateway="stripe").first()
    if attempt is None:
        raise http.Http404(_("This order was not paid by card."))
    form = RefundForm(request.POST or None, order=order, attempt=attempt)
    if request.method == "POST" and form.is_valid():
        try:
            refund_id = payment_refund(
                order=order, amount=form.cleaned_data["amount"], lines=form.cleaned_data["chosen_lines"]
            )
        except (GatewayError, RefundRefused) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Refunded %(amount)s (Stripe %(id)s).")
                % {"amount": currency(form.cleaned_data["amount"]), "id": refund_id},
            )
            return redirect("dashboard:order-detail", number=order.number)
    return render(request, "payments/dashboard/refund.html", {"order": order, "attempt": attempt, "form": form})
