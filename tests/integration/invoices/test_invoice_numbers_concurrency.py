"""Invoice numbers under concurrent orders: an artisan's series and the shop's have no gaps and no repeats (PostgreSQL)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction
from oscar.core.loading import get_model

from invoices.models import Invoice
from invoices.services import invoices_issue
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import order_with_shipments

Order = get_model("order", "Order")

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (select_for_update) need PostgreSQL; SQLite serialises writers",
    ),
    pytest.mark.django_db(transaction=True),
]


class Boom(Exception):
    pass


def issue(order_id, barrier, fail):
    try:
        barrier.wait(timeout=60)
        with transaction.atomic():
            invoices_issue(order=Order.objects.get(pk=order_id))
            if fail:
                raise Boom  # the order's transaction rolls back: its numbers must go back too
        return "issued"
    except Boom:
        return "rolled back"
    finally:
        connections.close_all()


def test_concurrent_orders_take_consecutive_numbers_without_gaps_or_repeats(odop_reference):
    # Given 30 orders from the same two artisans, one in five of them failing after numbering
    makers = [VerifiedArtisanPartnerFactory(), VerifiedArtisanPartnerFactory()]
    orders = [order_with_shipments(partners=makers).pk for _ in range(30)]
    barrier = threading.Barrier(len(orders))
    # When they are numbered at the same moment
    with ThreadPoolExecutor(max_workers=len(orders)) as pool:
        outcomes = list(pool.map(lambda args: issue(*args), [(pk, barrier, n % 5 == 0) for n, pk in enumerate(orders)]))
    # Then each artisan's series is 1..N with N the orders that stood, every number once, ≤ 16 characters
    assert outcomes.count("issued") == 24
    for maker in makers:
        sequences = sorted(Invoice.objects.filter(partner=maker, kind="invoice").values_list("sequence", flat=True))
        assert sequences == list(range(1, 25))
        numbers = list(Invoice.objects.filter(partner=maker).values_list("number", flat=True))
        assert len(set(numbers)) == len(numbers) and all(len(number) <= 16 for number in numbers)
    # and the shop's own series (shipping and fee: one invoice per order) is gapless too
    shop = list(Invoice.objects.filter(partner__isnull=True, kind="invoice").values_list("sequence", "number"))
    assert sorted(sequence for sequence, _number in shop) == list(range(1, 25))
    assert len({number for _sequence, number in shop}) == 24 and all(len(number) <= 16 for _sequence, number in shop)
