"""What we tell people, in English and Hindi. Each event names its message; variables keep their order
(WhatsApp and DLT SMS templates take them by position)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

ARTISAN = "artisan"
SHOPPER = "shopper"


@dataclass(frozen=True)
class Event:
    key: str
    audience: str
    label: object
    subject: object
    body: object
    email: bool = True  # False where another mail already says it (Oscar's order confirmation)


EVENTS = {
    event.key: event
    for event in [
        Event(
            "order_new",
            ARTISAN,
            _("New order to accept"),
            _("New order %(order)s to accept"),
            _("New order %(order)s: %(items)s. Please accept it by %(deadline)s in your studio: %(url)s"),
        ),
        Event(
            "accept_due",
            ARTISAN,
            _("Accept deadline near"),
            _("Order %(order)s is waiting for you"),
            _("Order %(order)s is waiting for you. Accept it by %(deadline)s: %(url)s"),
        ),
        Event(
            "pickup_tomorrow",
            ARTISAN,
            _("Pickup tomorrow"),
            _("Courier pickup tomorrow"),
            _(
                "The courier picks up %(count)s parcel(s) tomorrow. Keep them packed with their labels. Manifest: %(url)s"
            ),
        ),
        Event(
            "delivery_failed",
            ARTISAN,
            _("Parcel failed delivery"),
            _("Parcel %(awb)s could not be delivered"),
            _(
                "Parcel %(awb)s of order %(order)s could not be delivered: %(reason)s. We are asking the shopper what they want: %(url)s"
            ),
        ),
        Event(
            "cod_remitted",
            ARTISAN,
            _("COD money remitted"),
            _("Cash on delivery money received"),
            _("%(amount)s cash on delivery for %(count)s parcel(s) has reached us and is in your money: %(url)s"),
        ),
        Event(
            "payout_paid",
            ARTISAN,
            _("Payout paid"),
            _("%(amount)s paid to you"),
            _("%(amount)s has been paid to your account, reference %(reference)s. Details: %(url)s"),
        ),
        Event(
            "order_placed",
            SHOPPER,
            _("Order placed"),
            _("Order %(order)s placed"),
            _("Thank you! Your order %(order)s for %(total)s is placed. Follow it here: %(url)s"),
            email=False,
        ),
        Event(
            "shipped",
            SHOPPER,
            _("Parcel shipped"),
            _("Your parcel for order %(order)s is on its way"),
            _(
                "Your parcel from %(artisan)s for order %(order)s is on its way with %(carrier)s, tracking number %(awb)s. Track it: %(url)s"
            ),
        ),
        Event(
            "out_for_delivery",
            SHOPPER,
            _("Out for delivery"),
            _("Your parcel arrives today"),
            _("Your parcel %(awb)s for order %(order)s is out for delivery today. Track it: %(url)s"),
        ),
        Event(
            "delivered",
            SHOPPER,
            _("Delivered"),
            _("Your parcel was delivered"),
            _("Your parcel %(awb)s for order %(order)s has been delivered. Thank you for buying from %(artisan)s!"),
        ),
    ]
}
