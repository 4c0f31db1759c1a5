"""Time the ops bulk invoice download: N parcels (default 500) → one PDF of GST tax invoices, in one request.

Builds its parcels with bench_labels' bulk builder (20 artisans, orders of one to three lines), gives
the lines their GST, issues each parcel's invoice, then POSTs the selection to
`/dashboard/fulfilment/invoices.pdf` as a staff user and counts the queries. Target: 500 invoices in
under 20 s with a number of queries that does not grow with N.

Run by hand against a database you can throw away, e.g. PostgreSQL:

    createdb -h 127.0.0.1 -U postgres odop_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_bench .venv/bin/python bench/bench_invoices.py --shipments 500

Each run adds its own parcels (numbered with the run's time stamp), so re-running is safe.
"""

import argparse
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_labels import build  # noqa: E402  (sets up Django)
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402

from fulfilment.models import Shipment  # noqa: E402
from invoices.services import invoices_issue  # noqa: E402

Line = get_model("order", "Line")
Order = get_model("order", "Order")
ShipmentGroup = get_model("order", "ShipmentGroup")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shipments", type=int, default=500, help="parcels in the download (default 500)")
    parser.add_argument("--out", type=Path, help="also write the PDF here to look at it")
    args = parser.parse_args()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    run = timezone.now().strftime("%y%m%d%H%M%S")
    start = time.perf_counter()
    ids = build(count=args.shipments, run=run)
    groups = ShipmentGroup.objects.filter(shipment__pk__in=ids)
    groups.update(supply_state="MH")
    Line.objects.filter(shipment_group__in=groups).update(
        hsn_code="7418", gst_rate=Decimal("5"), taxable_value=Decimal("1189.52"), igst=Decimal("59.48")
    )
    orders = Order.objects.filter(shipment_groups__in=groups).distinct()
    for number, order in enumerate(orders, 1):
        invoices_issue(order=order)
        if number % 100 == 0:
            print(f"  issued {number} invoices", flush=True)
    print(f"built {len(ids)} parcels with invoices in {time.perf_counter() - start:.1f} s")

    staff, _created = get_user_model().objects.get_or_create(
        username="bench-ops", defaults={"email": "bench-ops@example.com", "is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(staff)
    reset_queries()  # building logged more than the query log keeps: a full log would count 0 below
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/dashboard/fulfilment/invoices.pdf", {"shipment": [str(pk) for pk in ids]})
    elapsed = time.perf_counter() - start
    assert response.status_code == 200 and response.content.startswith(b"%PDF"), response.status_code
    print(
        f"bulk invoice PDF for {len(ids)} parcels: {elapsed:.2f} s, {len(queries)} queries, "
        f"{len(response.content) / 1024:.0f} KiB (target < 20 s)"
    )
    if args.out:
        args.out.write_bytes(response.content)
        print(f"written to {args.out}")
    assert Shipment.objects.filter(pk__in=ids).count() == len(ids)


if __name__ == "__main__":
    main()
