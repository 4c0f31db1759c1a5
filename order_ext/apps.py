import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    """Oscar's order, forked under our own folder; the label stays `order`."""

    name = "order_ext"
