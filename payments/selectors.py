"""Reads about card payments that the refund screen and the refund service share."""

from oscar.core.loading import get_model

PaymentEventQuantity = get_model("order", "PaymentEventQuantity")


def payment_refunded_line_ids(*, order) -> set[int]:
    """Lines a dashboard refund has already paid back; a line is refunded once."""
    return set(
        PaymentEventQuantity.objects.filter(event__order=order, event__event_type__name="Refunded").values_list(
            "line_id", flat=True
        )
    )
