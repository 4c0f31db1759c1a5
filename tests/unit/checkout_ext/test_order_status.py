import pytest

from order_ext.services import order_status_from_shipments


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (["pending", "pending"], "Pending"),
        (["shipped", "pending"], "Partially shipped"),
        (["shipped", "delivered"], "Shipped"),
        (["delivered", "delivered"], "Delivered"),
        (["delivered", "cancelled"], "Delivered"),
        (["returned"], "Returned"),
        (["cancelled", "cancelled"], "Cancelled"),
    ],
)
def test_order_status_follows_its_parcels(statuses, expected):
    assert order_status_from_shipments(statuses=statuses, current="Pending") == expected
