"""What the dashboard refund pays back, decided without a request: everything left, or chosen lines."""

from decimal import Decimal as D

import pytest
from oscar.core.loading import get_model

from payments.models import PaymentAttempt
from payments.selectors import (
    REFUND_ALL,
    REFUND_LINES,
    RefundRefused,
    payment_refund_lines_open,
    payment_refund_plan,
    payment_refundable,
)
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import order_with_shipments

pytestmark = pytest.mark.django_db
Basket = get_model("basket", "Basket")
PaymentEventType = get_model("order", "PaymentEventType")


@pytest.fixture
def paid_order():
    """Two artisans' lines at ₹1,249 each plus ₹60 shipping each: ₹2,618 paid by card."""
    order = order_with_shipments(partners=[VerifiedArtisanPartnerFactory(), VerifiedArtisanPartnerFactory()])
    attempt = PaymentAttempt.objects.create(
        gateway="stripe",
        basket=Basket.objects.create(),
        fingerprint="f",
        amount=order.total_incl_tax,
        reference="pi_1",
        status=PaymentAttempt.STATUS_SUCCEEDED,
        order_number=order.number,
        snapshot={},
    )
    return order, attempt


def test_a_full_refund_is_everything_still_paid(paid_order):
    order, attempt = paid_order
    # Given ₹500 refunded before
    attempt.amount_refunded = D("500.00")
    # When ops refund everything
    plan = payment_refund_plan(order=order, attempt=attempt, scope=REFUND_ALL)
    # Then the rest goes back, for no particular line
    assert payment_refundable(attempt=attempt) == D("2118.00")
    assert (plan.amount, plan.lines) == (D("2118.00"), None)


def test_a_line_refund_is_the_chosen_lines_gst_inclusive_price(paid_order):
    order, attempt = paid_order
    line = order.lines.first()
    plan = payment_refund_plan(order=order, attempt=attempt, scope=REFUND_LINES, line_ids=[str(line.pk)])
    assert (plan.amount, plan.lines) == (D("1249.00"), [line])


def test_choosing_lines_but_none_is_refused_with_a_reason(paid_order):
    order, attempt = paid_order
    with pytest.raises(RefundRefused, match="Choose the lines"):
        payment_refund_plan(order=order, attempt=attempt, scope=REFUND_LINES, line_ids=[])


def test_nothing_more_than_is_left_can_be_refunded(paid_order):
    order, attempt = paid_order
    # Given all but ₹100 refunded
    attempt.amount_refunded = attempt.amount - D("100.00")
    # When ops choose a ₹1,249 line, or everything once nothing is left
    with pytest.raises(RefundRefused, match="left to refund"):
        payment_refund_plan(order=order, attempt=attempt, scope=REFUND_LINES, line_ids=[order.lines.first().pk])
    attempt.amount_refunded = attempt.amount
    with pytest.raises(RefundRefused, match="left to refund"):
        payment_refund_plan(order=order, attempt=attempt, scope=REFUND_ALL)


def test_a_refunded_line_is_no_longer_offered(paid_order):
    order, attempt = paid_order
    first, second = order.lines.order_by("pk")
    event_type, _ = PaymentEventType.objects.get_or_create(name="Refunded")
    event = order.payment_events.create(event_type=event_type, amount=D("1249.00"), reference="re_1")
    event.line_quantities.create(line=first, quantity=1)
    assert payment_refund_lines_open(order=order) == [second]
