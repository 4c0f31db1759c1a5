"""Reads about card payments that the refund screen and the refund service share."""

from oscar.core.loading import get_model

PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
# Oscar payment event type of every refund paid back to the shopper (its lines, if ops chose lines).
REFUNDED = "Refunded"


def payment_refunded_line_ids(*, order) -> set[int]:
    """Lines a dashboard refund has already paid back; a line is refunded once."""
    return set(
        PaymentEventQuantity.objects.filter(event__order=order, event__event_type__name=REFUNDED).values_list(
            "line_id", flat=True
        )
    )


def payment_refunds(*, order) -> list[tuple]:
    """(amount, reference, line ids or None) of each refund on the order, in the order they were paid."""
    events = order.payment_events.filter(event_type__name=REFUNDED).prefetch_related("line_quantities")
    return [
        (event.amount, event.reference, [quantity.line_id for quantity in event.line_quantities.all()] or None)
        for event in events.order_by("date_created", "pk")
    ]
