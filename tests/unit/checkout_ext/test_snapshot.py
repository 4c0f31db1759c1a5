"""The checkout snapshot is typed; its stored form keeps every paisa."""

import json
from decimal import Decimal

from checkout_ext.selectors import CheckoutSnapshot, ParcelSnapshot


def test_a_checkout_snapshot_survives_its_json_to_the_paisa():
    # Given a snapshot with paisa amounts and two parcels
    snapshot = CheckoutSnapshot(
        order_number="100042",
        user_id=None,
        guest_email="asha@example.com",
        address={"first_name": "Asha", "postcode": "400001", "country_id": "IN"},
        destination_pincode="400001",
        supply_state="MH",
        gateway="cod",
        fingerprint="abc",
        goods_total=Decimal("2498.00"),
        shipping_total=Decimal("120.00"),
        fee=Decimal("52.36"),
        order_total=Decimal("2670.36"),
        parcels=(
            ParcelSnapshot(
                partner_id=1,
                pickup_pincode="244001",
                origin_state="UP",
                zone="D",
                grams=850,
                charge=Decimal("60.00"),
                goods_total=Decimal("1249.00"),
            ),
            ParcelSnapshot(
                partner_id=2,
                pickup_pincode="221001",
                origin_state="UP",
                zone="D",
                grams=500,
                charge=Decimal("60.00"),
                goods_total=Decimal("1249.00"),
            ),
        ),
    )
    # When it is stored as JSON (amounts as strings) and read back
    stored = json.loads(json.dumps(snapshot.to_json()))
    # Then it is the same snapshot, amounts Decimal again
    assert stored["fee"] == "52.36" and stored["parcels"][0]["charge"] == "60.00"
    assert CheckoutSnapshot.from_json(stored) == snapshot
    assert isinstance(CheckoutSnapshot.from_json(stored).parcels[1].goods_total, Decimal)
