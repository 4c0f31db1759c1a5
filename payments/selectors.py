"""Reads about card payments that the refund screen and the refund service share."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

from order_ext.selectors import REFUNDED, payment_refunded_line_ids, payment_refunds  # noqa: F401  (shared names)

# The refunds themselves are order payment events (order_ext.selectors), read by the payout ledger too.


class RefundRefused(ValueError):
    """A refund that would pay the shopper back more than they paid; the message is safe to show."""


REFUND_ALL = "full"
REFUND_LINES = "lines"


@dataclass(frozen=True)
class RefundPlan:
    """What a refund pays back: an amount, and the order lines it is for when ops chose lines."""

    amount: Decimal
    lines: list | None


def payment_refundable(*, attempt) -> Decimal:
    """What is left to refund on a card payment."""
    return attempt.amount - attempt.amount_refunded


def payment_refund_lines_open(*, order) -> list:
    """The order's lines no refund has paid back yet, the ones ops may still choose."""
    refunded = payment_refunded_line_ids(order=order)
    return [line for line in order.lines.all() if line.pk not in refunded]


def payment_refund_plan(*, order, attempt, scope: str, line_ids: Iterable = ()) -> RefundPlan:
    """Everything still paid (`REFUND_ALL`) or the chosen lines' prices (`REFUND_LINES`), within what is left.

    Raises RefundRefused with a message for ops when no line is chosen or the amount is more than is left.
    """
    remaining = payment_refundable(attempt=attempt)
    if scope == REFUND_LINES:
        chosen = list(order.lines.filter(pk__in=list(line_ids or [])))
        if not chosen:
            raise RefundRefused(_("Choose the lines to refund."))
        plan = RefundPlan(amount=sum((line.line_price_incl_tax for line in chosen), Decimal("0.00")), lines=chosen)
    else:
        plan = RefundPlan(amount=remaining, lines=None)
    if plan.amount <= 0 or plan.amount > remaining:
        raise RefundRefused(
            _("Only %(remaining)s is left to refund on this payment.") % {"remaining": currency(remaining)}
        )
    return plan
