import pytest

from fulfilment.shipments.pipeline import order_status_from_shipments


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["pending", "pending"], "Pending"),
        (["in_transit", "pending"], "Partially shipped"),
        (["in_transit", "delivered"], "Shipped"),
        (["delivered", "delivered"], "Delivered"),
        (["delivered", "cancelled"], "Delivered"),
        (["rto_delivered"], "Returned"),
        (["cancelled", "cancelled"], "Cancelled"),
    ],
)
def test_order_status_follows_its_parcels(statuses, expected):
    assert order_status_from_shipments(statuses=statuses, current="Pending") == expected
