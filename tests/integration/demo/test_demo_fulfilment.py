"""`make demo` shows fulfilment at work: orders placed through checkout, parcels at many stages, COD cash and payouts."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum
from oscar.core.loading import get_model

from demo.catalogue import demo_catalogue_load
from demo.logins import demo_logins_create
from demo.orders import demo_fulfilment_load
from fulfilment.models import CodRemittance, PayoutBatch, PayoutLedgerEntry, Shipment

Order = get_model("order", "Order")


@pytest.fixture
def demo_shop(odop_reference):
    call_command("import_pincodes", "fulfilment/data/demo_pincodes.csv", verbosity=0)
    demo_catalogue_load(products=120, seed=1)
    demo_logins_create()


@pytest.mark.django_db
def test_demo_orders_reach_every_part_of_fulfilment_and_a_rerun_adds_nothing(demo_shop, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # When the demo places 60 orders
    counts = demo_fulfilment_load(orders=60, seed=1)

    # Then they are real orders with a shipment per artisan, whose totals add up
    assert counts.placed == 60 and Order.objects.count() == 60
    for order in Order.objects.prefetch_related("shipment_groups__shipment", "lines"):
        assert order.shipment_groups.count() == len({line.partner_id for line in order.lines.all()})
        assert all(group.shipment for group in order.shipment_groups.all())
    # And parcels are spread over the pipeline, with some failed deliveries
    statuses = set(Shipment.objects.values_list("status", flat=True))
    assert {"pending", "delivered"} <= statuses
    assert statuses & {"accepted", "packed", "manifested", "picked_up", "in_transit", "out_for_delivery"}
    assert statuses & {"ndr", "rto_initiated", "rto_delivered"}
    # And the carrier's cash came in for some COD parcels, crediting artisans, and one batch was paid
    remittance = CodRemittance.objects.get()
    assert remittance.lines.filter(outcome="matched").exists()
    assert remittance.lines.filter(outcome="unknown_awb").count() == 1
    assert PayoutLedgerEntry.objects.filter(kind="sale", remittance_line__isnull=False).exists()
    assert PayoutBatch.objects.get().status == "paid"

    # When it runs again
    ledger_total = PayoutLedgerEntry.objects.aggregate(total=Sum("amount"))["total"]
    again = demo_fulfilment_load(orders=60, seed=1)

    # Then nothing is added or moved
    assert (again.placed, again.existing, again.remitted_rows, again.payout_batches) == (0, 60, 0, 0)
    assert Order.objects.count() == 60 and CodRemittance.objects.count() == 1
    assert PayoutLedgerEntry.objects.aggregate(total=Sum("amount"))["total"] == ledger_total
    assert ledger_total > Decimal("0")
