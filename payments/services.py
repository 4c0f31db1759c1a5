"""Stripe flows: one PaymentIntent per order attempt, settled by the shopper's return or the webhook."""

import logging
import uuid
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from fulfilment.payouts.services import ledger_debit_refund
from invoices.services import credit_notes_for_refund
from payments.gateways import StripeCard, gateway_get
from payments.models import PaymentAttempt
from payments.selectors import REFUNDED, RefundRefused, payment_refunded_line_ids

logger = logging.getLogger(__name__)
Order = get_model("order", "Order")
PaymentEventType = get_model("order", "PaymentEventType")


def stripe_attempt_for_checkout(
    *, basket, amount: Decimal, fingerprint: str, order_number: str, snapshot: dict, gateway: StripeCard
) -> tuple[PaymentAttempt, str]:
    """Reuse the attempt (and PaymentIntent) for this exact basket state; a changed basket gets a new one.

    `snapshot` is the checkout snapshot's JSON, kept to place the order when the payment succeeds. The
    idempotency key is the attempt's own key, so a retried create after a timeout cannot make a second
    PaymentIntent.
    """
    attempt, _created = PaymentAttempt.objects.get_or_create(
        gateway=gateway.code,
        basket=basket,
        fingerprint=fingerprint,
        defaults={"amount": amount, "snapshot": snapshot},
    )
    if attempt.amount != amount:
        attempt.amount, attempt.reference, attempt.key = amount, "", uuid.uuid4()
    attempt.snapshot = snapshot
    attempt.save()
    if attempt.reference:
        intent = gateway.intent_retrieve(intent_id=attempt.reference)
    else:
        intent = gateway.intent_create(
            amount=amount,
            idempotency_key=f"odop-pi-{attempt.key}",
            metadata={"attempt": str(attempt.key), "order_number": order_number},
        )
        attempt.reference = intent.id
        attempt.save(update_fields=["reference", "updated"])
    return attempt, intent.client_secret


def payment_refund_record(*, attempt: PaymentAttempt, refunded: Decimal, reference: str, lines=None) -> None:
    """Bring our books up to Stripe's refunded total (events can arrive in any order, so we set, not add).

    The artisans give back their share of what was refunded (fulfilment.payouts: `ledger_debit_refund`);
    `lines` says which lines a dashboard refund was for, else the refund is shared over the order.
    """
    if refunded <= attempt.amount_refunded or not attempt.order_number:
        return
    order = Order.objects.get(number=attempt.order_number)
    delta = refunded - attempt.amount_refunded
    ledger_debit_refund(
        order=order, amount=delta, reference=reference, lines=lines, refunded_before=attempt.amount_refunded
    )
    attempt.amount_refunded = refunded
    attempt.save(update_fields=["amount_refunded", "updated"])
    source = order.sources.filter(reference=attempt.reference).first()
    if source is not None:
        source.amount_refunded = refunded
        source.save(update_fields=["amount_refunded"])
    # The artisans' tax invoices and the shop's own (shipping, fee) are reduced by credit notes, one per
    # refund step and invoice.
    credit_notes_for_refund(
        order=order,
        amount=delta,
        reference=f"{reference}/{attempt.amount_refunded}",
        lines=lines,
        refunded_before=refunded - delta,
    )
    event_type, _created = PaymentEventType.objects.get_or_create(name=REFUNDED)
    event = order.payment_events.create(event_type=event_type, amount=delta, reference=reference)
    for line in order.lines.filter(pk__in=[getattr(line, "pk", line) for line in lines or []]):
        event.line_quantities.create(line=line, quantity=line.quantity)


@transaction.atomic
def payment_refund(*, order, amount: Decimal, lines=None) -> str:
    """Refund part or all of a card payment at Stripe and record it on the order (`lines`: the order
    lines this refund is for, when ops chose lines; each line is refunded once).

    Raises RefundRefused, before asking Stripe, for more than is left or a line refunded before.
    """
    attempt = PaymentAttempt.objects.select_for_update().get(order_number=order.number, gateway="stripe")
    if amount <= 0 or attempt.amount_refunded + amount > attempt.amount:
        raise RefundRefused(
            _("Only %(remaining)s is left to refund on this payment.")
            % {"remaining": currency(attempt.amount - attempt.amount_refunded)}
        )
    if {getattr(line, "pk", line) for line in lines or []} & payment_refunded_line_ids(order=order):
        raise RefundRefused(_("A chosen line was already refunded; nothing was refunded again."))
    gateway = gateway_get(code="stripe") or StripeCard()
    count = order.payment_events.filter(event_type__name=REFUNDED).count()
    refund_id = gateway.refund(
        reference=attempt.reference, amount=amount, idempotency_key=f"odop-refund-{order.number}-{count + 1}-{amount}"
    )
    payment_refund_record(attempt=attempt, refunded=attempt.amount_refunded + amount, reference=refund_id, lines=lines)
    return refund_id
