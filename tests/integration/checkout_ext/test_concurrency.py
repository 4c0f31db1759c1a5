"""The last unit cannot be sold twice, and a double-submitted basket becomes one order (PostgreSQL row locks)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from oscar.core.loading import get_model

from checkout_ext.services import order_place
from order_ext.utils import StockUnavailable
from payments.gateways import CashOnDelivery
from tests.integration.checkout_ext.conftest import new_basket, snapshot_for

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (select_for_update) need PostgreSQL; SQLite serialises writers",
    ),
    pytest.mark.django_db(transaction=True),
]


def attempt(basket_id, barrier=None):
    try:
        basket = Basket.objects.get(pk=basket_id)
        snapshot = snapshot_for(basket)
        if barrier is not None:
            barrier.wait(timeout=60)
        order_place(basket=basket, snapshot=snapshot, gateway=CashOnDelivery(), reference="to be collected")
        return "order"
    except StockUnavailable:
        return "sold out"
    finally:
        connections.close_all()


def test_200_shoppers_racing_for_the_last_unit_make_exactly_one_order(catalogue):
    # given one unit left and 200 baskets holding it
    catalogue.stockrecords.update(num_in_stock=1, num_allocated=0)
    baskets = [new_basket(catalogue).pk for _ in range(200)]
    # when they all place their order at once (40 connections at a time, PostgreSQL allows 100)
    with ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(attempt, baskets))
    # then exactly one order, and the stock is exactly gone, never negative
    assert results.count("order") == 1
    assert results.count("sold out") == 199
    assert Order.objects.count() == 1
    stockrecord = catalogue.stockrecords.get()
    assert stockrecord.net_stock_level == 0 and stockrecord.num_allocated == 1


def test_double_submitted_basket_places_one_order(catalogue):
    basket_id = new_basket(catalogue).pk
    barrier = threading.Barrier(2)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda pk: attempt(pk, barrier), [basket_id, basket_id]))
    assert results == ["order", "order"]
    assert Order.objects.count() == 1
    assert catalogue.stockrecords.get().num_allocated == 1
    assert Basket.objects.get(pk=basket_id).status == Basket.SUBMITTED
