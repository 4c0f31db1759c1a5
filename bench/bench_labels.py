"""Time the bulk label PDF: N manifested parcels (default 500) → one PDF of 4×6 inch labels.

Builds its own parcels with bulk inserts (20 artisans with pickup addresses; orders with one to three
lines, every other one cash on delivery, all manifested with an aggregator AWB today), then reads them
the way the bulk-print view does and renders the PDF. Target: 500 labels in under 20 s.

Run by hand against a database you can throw away, e.g. PostgreSQL:

    createdb -h 127.0.0.1 -U postgres odop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_bench .venv/bin/python bench/bench_labels.py --shipments 500

Each run adds its own parcels (numbered with the run's time stamp), so re-running is safe.
"""

import argparse
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from fulfilment.carriers.labels import label_pdf  # noqa: E402
from fulfilment.carriers.selectors import shipments_for_labels  # noqa: E402
from fulfilment.models import Carrier, Shipment, ShipmentEvent  # noqa: E402

Country = get_model("address", "Country")
Partner = get_model("partner", "Partner")
PartnerAddress = get_model("partner", "PartnerAddress")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
ShipmentGroup = get_model("order", "ShipmentGroup")

TITLES = ["Engraved Brass Flower Vase", "Black Pottery Tea Set", "Banarasi Silk Saree", "Kannauj Attar, Rose 10 ml"]


@transaction.atomic
def build(*, count: int, run: str) -> list[int]:
    """`count` manifested parcels with everything a label reads; returns their ids."""
    india, _created = Country.objects.get_or_create(
        iso_3166_1_a2="IN",
        defaults={
            "iso_3166_1_a3": "IND",
            "iso_3166_1_numeric": "356",
            "printable_name": "India",
            "name": "Republic of India",
        },
    )
    carrier, _created = Carrier.objects.get_or_create(
        code="aggregator", defaults={"name": "Courier aggregator", "adapter": "aggregator"}
    )
    partners = Partner.objects.bulk_create(
        [Partner(code=f"bench-{run}-{n}", name=f"Bench Brass Works {n}") for n in range(20)]
    )
    PartnerAddress.objects.bulk_create(
        [
            PartnerAddress(
                partner=p,
                first_name="Workshop",
                line1=f"{n} Peetal Nagri",
                line4="Moradabad",
                state="Uttar Pradesh",
                postcode="244001",
                country=india,
            )
            for n, p in enumerate(partners)
        ]
    )
    now = timezone.now()
    addresses = ShippingAddress.objects.bulk_create(
        [
            ShippingAddress(
                first_name="Asha",
                last_name=f"Rao {n}",
                line1=f"{n} Marine Drive",
                line2="Near Churchgate",
                line4="Mumbai",
                state="Maharashtra",
                postcode="400001",
                country=india,
                phone_number="+919820012345",
            )
            for n in range(count)
        ]
    )
    orders = Order.objects.bulk_create(
        [
            Order(
                number=f"B{run}{n:05d}",
                currency="INR",
                site_id=1,
                guest_email="asha@example.com",
                shipping_address=address,
                total_incl_tax=Decimal("1309.00"),
                total_excl_tax=Decimal("1309.00"),
                shipping_incl_tax=Decimal("60.00"),
                shipping_excl_tax=Decimal("60.00"),
                shipping_method="One parcel per artisan",
                shipping_code="artisan-parcels",
                status="Shipped",
                date_placed=now,
            )
            for n, address in enumerate(addresses)
        ]
    )
    groups = ShipmentGroup.objects.bulk_create(
        [
            ShipmentGroup(
                order=order,
                partner=partners[n % len(partners)],
                pickup_pincode="244001",
                zone="C",
                chargeable_weight_grams=800 + 50 * (n % 7),
                shipping_charge=Decimal("60.00"),
                cod_amount=Decimal("1309.00") if n % 2 == 0 else Decimal("0.00"),
            )
            for n, order in enumerate(orders)
        ]
    )
    Line.objects.bulk_create(
        [
            Line(
                order=group.order,
                partner=group.partner,
                partner_name=group.partner.name,
                partner_sku=f"SKU-{n}-{k}",
                title=TITLES[(n + k) % len(TITLES)],
                quantity=1 + k,
                num_allocated=1 + k,
                line_price_incl_tax=Decimal("1249.00"),
                line_price_excl_tax=Decimal("1189.52"),
                line_price_before_discounts_incl_tax=Decimal("1249.00"),
                line_price_before_discounts_excl_tax=Decimal("1189.52"),
                unit_price_incl_tax=Decimal("1249.00"),
                unit_price_excl_tax=Decimal("1189.52"),
                status="Shipped",
                shipment_group=group,
            )
            for n, group in enumerate(groups)
            for k in range(1 + n % 3)
        ]
    )
    shipments = Shipment.objects.bulk_create(
        [
            Shipment(
                group=group,
                status=Shipment.MANIFESTED,
                carrier=carrier,
                awb=f"B{run}{n:06d}",
                accept_by=now,
                last_event_at=now,
            )
            for n, group in enumerate(groups)
        ]
    )
    ShipmentEvent.objects.bulk_create(
        [ShipmentEvent(shipment=s, status=Shipment.MANIFESTED, occurred_at=now, source="artisan") for s in shipments]
    )
    return [shipment.pk for shipment in shipments]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shipments", type=int, default=500, help="parcels on the PDF (default 500)")
    parser.add_argument("--out", type=Path, help="also write the PDF here to look at it")
    args = parser.parse_args()

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    run = timezone.now().strftime("%y%m%d%H%M%S")
    start = time.perf_counter()
    ids = build(count=args.shipments, run=run)
    print(f"built {len(ids)} manifested parcels in {time.perf_counter() - start:.1f} s")

    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        shipments = list(shipments_for_labels().filter(pk__in=ids).order_by("pk"))
    read = time.perf_counter() - start
    start = time.perf_counter()
    data = label_pdf(shipments=shipments)
    render = time.perf_counter() - start
    print(f"read: {read:.2f} s in {len(queries)} queries; PDF: {render:.2f} s; {len(data) / 1024:.0f} KiB")
    print(f"label PDF for {len(ids)} shipments: {read + render:.2f} s (target < 20 s)")
    if args.out:
        args.out.write_bytes(data)
        print(f"written to {args.out}")


if __name__ == "__main__":
    main()
