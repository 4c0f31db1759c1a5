"""Givens for remittance tests: delivered COD parcels with an AWB, and remittance CSV bytes."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from fulfilment.models import Shipment
from tests.factories_fulfilment import order_with_shipments, shipment_force

HEADER = "awb,amount,utr,remitted_on"


def parcel(
    *,
    partner,
    awb: str,
    status: str = Shipment.DELIVERED,
    cod: bool = True,
    carrier_code: str = "aggregator",
    delivered_at: datetime | None = None,
    days_ago: int | None = None,
) -> Shipment:
    """One artisan's parcel of a fresh order, in `status` with `awb`; COD parcels collect ₹1,309.00."""
    order = order_with_shipments(partners=[partner], cod=cod)
    if days_ago is not None:
        delivered_at = timezone.now() - timedelta(days=days_ago)
    return shipment_force(
        order.shipment_groups.get().shipment,
        status=status,
        awb=awb,
        carrier_code=carrier_code,
        delivered_at=delivered_at,
    )


def remittance_csv(*rows: tuple, header: str = HEADER) -> bytes:
    """CSV bytes from (awb, amount, utr, date) tuples; amounts with commas are quoted."""
    lines = [header]
    for row in rows:
        lines.append(",".join(f'"{value}"' if "," in str(value) else str(value) for value in row))
    return ("\n".join(lines) + "\n").encode()


COD_AMOUNT = Decimal("1309.00")
