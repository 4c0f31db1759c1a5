import oscar.apps.shipping.apps as apps


class ShippingConfig(apps.ShippingConfig):
    """Oscar's shipping, forked under our own folder (label stays `shipping`) for its Repository."""

    name = "shipping_ext"
