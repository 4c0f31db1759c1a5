"""Order placement that cannot sell the last unit twice nor place the same basket twice."""

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.order.utils import OrderCreator as CoreOrderCreator
from oscar.apps.order.utils import OrderDispatcher, OrderNumberGenerator  # noqa: F401  (get_class targets)
from oscar.core.loading import get_model

from search.services import catalogue_changed

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")


class StockUnavailable(Exception):
    """A line's stock went while the shopper was checking out; the message names the product."""


class OrderAlreadyPlaced(Exception):
    def __init__(self, order):
        self.order = order
        super().__init__(order.number)


def order_placement_guard(*, basket, order_number: str | None) -> None:
    """The one idempotency check of order placement; call it inside the placing transaction.

    Locks the basket row, so a second submit of the same basket waits for the first, then raises
    OrderAlreadyPlaced (with the order) if an order with this number exists.
    """
    Basket.objects.select_for_update().filter(pk=basket.pk).first()
    existing = Order.objects.filter(number=order_number).first() if order_number else None
    if existing is not None:
        raise OrderAlreadyPlaced(existing)


class OrderCreator(CoreOrderCreator):
    def place_order(self, basket, *args, order_number=None, **kwargs):
        """A second submit of the same basket waits, then finds the order (see order_placement_guard)."""
        with transaction.atomic():
            order_placement_guard(basket=basket, order_number=order_number)
            return super().place_order(basket, *args, order_number=order_number, **kwargs)

    def update_stock_records(self, line):
        """Allocate under a row lock, refusing to take net stock below zero."""
        product = line.product
        if not product.get_product_class().track_stock or line.stockrecord_id is None:
            return
        stockrecord = StockRecord.objects.select_for_update().get(pk=line.stockrecord_id)
        if stockrecord.net_stock_level < line.quantity:
            raise StockUnavailable(
                _("Sorry, %(title)s has just sold out (%(left)d left). Your basket is kept; please adjust it.")
                % {"title": product.get_title(), "left": max(stockrecord.net_stock_level, 0)}
            )
        stockrecord.allocate(line.quantity)
        # Less stock: cached pages must not offer the last piece again once the order commits.
        catalogue_changed(product_ids=[product.pk])
