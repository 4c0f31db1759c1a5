"""Time a COD remittance import: a 100,000-row file reconciled against 100,000 delivered COD parcels.

Run by hand against a database you can throw away; the target is under 10 s on PostgreSQL:

    createdb -h 127.0.0.1 -U postgres odop_bench_remit
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_bench_remit .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/odop_bench_remit .venv/bin/python bench/bench_remittance.py

Each run builds its own parcels (orders, shipment groups, lines and delivered COD shipments, bulk
inserted, one product and a few artisans reused) under a fresh AWB prefix, so it can be re-run on the
same database. The file is mostly matched rows plus some of every discrepancy: short, excess, unknown
AWB, duplicate (in the file and from an earlier file) and not delivered. The timed call is
`cod_remittance_import` end to end: hashing, parsing, reconciling, saving lines and the ledger credit.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")  # as in production: no query log kept in memory

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402
from oscar.core.loading import get_model  # noqa: E402
from tqdm import tqdm  # noqa: E402

from fulfilment.carriers import remittance_csv as parsing  # noqa: E402
from fulfilment.models import Carrier, CodRemittanceLine, PayoutLedgerEntry, Shipment  # noqa: E402
from fulfilment.remittance import services  # noqa: E402

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShipmentGroup = get_model("order", "ShipmentGroup")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

BATCH = 5_000
PRICE = Decimal("1249.00")
SHIPPING = Decimal("60.00")
COD = PRICE + SHIPPING
TAXABLE = Decimal("1189.52")  # 1249.00 incl. 5 % GST


def _build_parcels(*, tag: str, count: int, partners: int, aggregator) -> list[str]:
    """`count` delivered COD parcels, bulk inserted; returns their AWBs in creation order."""
    product = Product.objects.create(
        title=f"Bench brass vase {tag}", slug=f"bench-brass-vase-{tag}", hsn_code="7418", is_public=False
    )
    sellers = [
        Partner.objects.create(code=f"bench-{tag}-{n}", name=f"Bench Artisan {tag} {n}") for n in range(partners)
    ]
    now = timezone.now()
    awbs = [f"B{tag}{n:07d}" for n in range(count)]
    for start in tqdm(range(0, count, BATCH), unit="batch", desc="parcels"):
        numbers = range(start, min(start + BATCH, count))
        with transaction.atomic():
            orders = Order.objects.bulk_create(
                Order(
                    number=f"B{tag}{n:07d}",
                    site_id=1,
                    currency="INR",
                    total_incl_tax=COD,
                    total_excl_tax=COD,
                    shipping_incl_tax=SHIPPING,
                    shipping_excl_tax=SHIPPING,
                    shipping_method="One parcel per artisan",
                    shipping_code="artisan-parcels",
                    status="Pending",
                    guest_email="bench@example.com",
                    date_placed=now - timedelta(days=3),
                )
                for n in numbers
            )
            groups = ShipmentGroup.objects.bulk_create(
                ShipmentGroup(
                    order=order,
                    partner=sellers[n % partners],
                    pickup_pincode="244001",
                    zone="C",
                    chargeable_weight_grams=800,
                    shipping_charge=SHIPPING,
                    cod_amount=COD,
                )
                for n, order in zip(numbers, orders, strict=True)
            )
            Line.objects.bulk_create(
                Line(
                    order=group.order,
                    partner=group.partner,
                    partner_name=group.partner.name,
                    partner_sku="BENCH",
                    product=product,
                    title=product.title,
                    quantity=1,
                    num_allocated=1,
                    line_price_incl_tax=PRICE,
                    line_price_excl_tax=TAXABLE,
                    line_price_before_discounts_incl_tax=PRICE,
                    line_price_before_discounts_excl_tax=TAXABLE,
                    unit_price_incl_tax=PRICE,
                    unit_price_excl_tax=TAXABLE,
                    status="Pending",
                    shipment_group=group,
                    hsn_code="7418",
                    gst_rate=Decimal("5"),
                    taxable_value=TAXABLE,
                    igst=PRICE - TAXABLE,
                )
                for group in groups
            )
            Shipment.objects.bulk_create(
                Shipment(
                    group=group,
                    status=Shipment.DELIVERED,
                    carrier=aggregator,
                    awb=awbs[n],
                    accept_by=now,
                    delivered_at=now - timedelta(days=n % 40),
                    last_event_at=now,
                )
                for n, group in zip(numbers, groups, strict=True)
            )
    return awbs


def _time_calls(module, name: str, phases: dict[str, float]) -> None:
    """Wrap module.name so the time spent in it is added up in phases[name]."""
    function = getattr(module, name)

    def timed(*args, **kwargs):
        begun = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            phases[name.strip("_")] = phases.get(name.strip("_"), 0.0) + time.perf_counter() - begun

    setattr(module, name, timed)


def _csv(rows: list[tuple[str, str]]) -> bytes:
    body = "\n".join(f'{awb},"{amount}",UTR{index // 1000:06d},2024-06-15' for index, (awb, amount) in enumerate(rows))
    return f"awb,amount,utr,remitted_on\n{body}\n".encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--rows", type=int, default=100_000, help="rows in the file, and parcels built (default 100,000)"
    )
    parser.add_argument("--partners", type=int, default=5, help="artisans the parcels are spread over")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows, rng = args.rows, random.Random(args.seed)
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    aggregator = Carrier.objects.get(code="aggregator")  # seeded by migration 0004
    tag = f"{int(time.time()) % 10**6:06d}"

    started = time.perf_counter()
    awbs = _build_parcels(tag=tag, count=rows, partners=args.partners, aggregator=aggregator)
    in_transit, settled_before = awbs[:500], awbs[500:700]
    Shipment.objects.filter(awb__in=in_transit, carrier=aggregator).update(
        status=Shipment.IN_TRANSIT, delivered_at=None
    )
    services.cod_remittance_import(
        carrier=aggregator,
        data=_csv([(awb, "1,309.00") for awb in settled_before]),
        file_name=f"bench-{tag}-earlier.csv",
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"built {rows:,} parcels in {time.perf_counter() - started:.1f} s (not timed below)")

    # The file: 500 not delivered, 200 settled by the earlier file, 300 short, 300 excess, 300 unknown,
    # 200 repeated inside the file, the rest matched; the last 500 parcels stay unremitted.
    remitted = awbs[: rows - 500]
    amounts = ["1,300.00"] * 300 + ["1,400.00"] * 300
    file_rows = [(awb, amounts[i - 700] if 700 <= i < 1300 else "1,309.00") for i, awb in enumerate(remitted)]
    file_rows += [(f"UNKNOWN{tag}{n:05d}", "1,309.00") for n in range(300)]
    file_rows += [(awb, "1,309.00") for awb in rng.sample(remitted[1300:], 200)]
    rng.shuffle(file_rows)
    data = _csv(file_rows)

    phases: dict[str, float] = {}
    for module, name in [
        (parsing, "remittance_csv_parse"),
        (services, "_reconcile"),
        (services, "_lines_save"),
        (services, "ledger_credit_remitted"),
    ]:
        _time_calls(module, name, phases)
    started = time.perf_counter()
    remittance = services.cod_remittance_import(carrier=aggregator, data=data, file_name=f"bench-{tag}.csv")
    elapsed = time.perf_counter() - started

    counts = dict(
        CodRemittanceLine.objects.filter(remittance=remittance)
        .order_by()
        .values_list("outcome")
        .annotate(n=Count("pk"))
    )
    credits = PayoutLedgerEntry.objects.filter(remittance_line__remittance=remittance).count()
    print(f"cod_remittance_import of {len(file_rows):,} rows: {elapsed:.2f} s")
    rest = elapsed - sum(phases.values())
    print("  " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in phases.items()))
    print(f"  the rest (hashing, commit with its deferred foreign-key checks) {rest:.2f} s")
    print("outcomes: " + ", ".join(f"{outcome} {counts.get(outcome, 0):,}" for outcome in CodRemittanceLine.OUTCOMES))
    print(f"ledger credits: {credits:,}")
    print("target: under 10 s on PostgreSQL —", "met" if elapsed < 10 else "MISSED")


if __name__ == "__main__":
    main()
