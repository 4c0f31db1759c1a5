"""What the payout screens read: money on the way to an artisan, ledger running balances, chart data."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from catalogue_ext.models import District
from fulfilment.models import CodRemittanceLine
from fulfilment.payouts.charts import cod_outstanding_by_carrier, sales_by_district
from fulfilment.payouts.selectors import (
    artisan_money_on_the_way,
    ledger_entries,
    payout_batch_total,
    payout_candidates,
    payout_candidates_with_destinations,
    payout_figures,
)
from fulfilment.payouts.services import (
    ledger_credit_delivered,
    ledger_credit_remitted,
    ledger_debit_rto,
    payout_batch_create,
    payout_batch_mark_paid,
)
from tests.factories_fulfilment import order_with_shipments
from tests.integration.fulfilment.payouts_givens import artisan, credited, delivered, remittance_file, shipment_of

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
D = Decimal
pytestmark = pytest.mark.django_db


def test_money_on_the_way_follows_the_cash_from_courier_to_bank(odop_reference):
    maker, other = artisan(), artisan()
    two_days_ago = timezone.now() - timedelta(days=2)
    # (d) a sale paid out in an earlier, paid batch
    ledger_credit_delivered(shipment=delivered(order_with_shipments(partners=[maker], price=D("100.00")), maker))
    paid = payout_batch_create(partner_ids=[maker.pk], user=None).batch
    payout_batch_mark_paid(batch=paid, bank_reference="UTIB-77", user=None)
    # (c) a sale in a batch still at the bank
    ledger_credit_delivered(shipment=delivered(order_with_shipments(partners=[maker], price=D("200.00")), maker))
    at_bank = payout_batch_create(partner_ids=[maker.pk], user=None).batch
    # (b) a sale credited since, less a return charge
    ledger_credit_delivered(shipment=delivered(order_with_shipments(partners=[maker], price=D("1249.00")), maker))
    rto_order = order_with_shipments(partners=[maker])
    ledger_debit_rto(shipment=shipment_of(rto_order, maker), charge=D("60.00"))
    # (a) a COD parcel delivered two days ago, cash not remitted; another one remitted
    waiting = order_with_shipments(partners=[maker], cod=True, price=D("1249.00"))
    delivered(waiting, maker, delivered_at=two_days_ago)
    remitted = order_with_shipments(partners=[maker], cod=True, price=D("500.00"))
    ledger_credit_remitted(
        remittance=remittance_file((delivered(remitted, maker), D("560.00"), CodRemittanceLine.MATCHED))
    )
    # and another artisan's money, which must not show
    ledger_credit_delivered(shipment=delivered(order_with_shipments(partners=[other]), other))
    order_with_shipments(partners=[other], cod=True)

    money = artisan_money_on_the_way(partner=maker)

    [cash] = money.awaiting_cash
    assert (cash.order_number, cash.delivered_at, cash.cash_collected, cash.estimated_net) == (
        waiting.number,
        two_days_ago,
        D("1309.00"),
        D("1118.15"),
    )
    assert money.awaiting_cash_total == D("1118.15")
    assert money.balance == D("1118.15") - D("60.00") + D("447.62")
    assert [entry.kind for entry in money.since_last_payout] == ["sale", "rto_charge", "sale"]
    assert [(payout.batch, payout.amount) for payout in money.in_transfer] == [(at_bank, D("179.05"))]
    assert money.in_transfer_total == D("179.05")
    assert [(payout.batch, payout.amount, payout.batch.bank_reference) for payout in money.paid] == [
        (paid, D("89.52"), "UTIB-77")
    ]


def test_ledger_shows_the_balance_after_each_entry_newest_first(odop_reference):
    maker = artisan()
    for price in (D("100.00"), D("200.00")):
        ledger_credit_delivered(shipment=delivered(order_with_shipments(partners=[maker], price=price), maker))
    ledger_debit_rto(shipment=shipment_of(order_with_shipments(partners=[maker]), maker), charge=D("50.00"))
    assert [(entry.amount, entry.running_balance) for entry in ledger_entries(partner=maker)] == [
        (D("-50.00"), D("218.57")),
        (D("179.05"), D("268.57")),
        (D("89.52"), D("89.52")),
    ]


def test_headline_figures(odop_reference):
    owed, in_debt, paid = artisan(), artisan(), artisan()
    for partner in (owed, paid):
        ledger_credit_delivered(
            shipment=delivered(order_with_shipments(partners=[partner], price=D("100.00")), partner)
        )
    ledger_debit_rto(shipment=shipment_of(order_with_shipments(partners=[in_debt]), in_debt), charge=D("50.00"))
    batch = payout_batch_create(partner_ids=[paid.pk], user=None).batch
    figures = payout_figures()
    assert (figures.owed, figures.in_transfer, figures.paid_last_30_days) == (D("89.52"), D("89.52"), D("0.00"))
    payout_batch_mark_paid(batch=batch, bank_reference="B1", user=None)
    figures = payout_figures()
    assert (figures.in_transfer, figures.paid_last_30_days) == (D("0.00"), D("89.52"))
    assert payout_figures(now=timezone.now() + timedelta(days=31)).paid_last_30_days == D("0.00")


def _sale_in(district, amount, *, days_ago=1, status="Pending"):
    maker = artisan()
    order = order_with_shipments(partners=[maker], price=amount, placed_at=timezone.now() - timedelta(days=days_ago))
    Order.objects.filter(pk=order.pk).update(status=status)
    Product.objects.filter(pk=order.lines.get().product_id).update(district=district)


def test_sales_by_district_shows_the_top_twelve_and_the_rest_together(odop_reference):
    districts = list(District.objects.order_by("pk")[:14])
    for rank, district in enumerate(districts):
        _sale_in(district, D("1000.00") * (14 - rank))
    _sale_in(districts[0], D("500.00"))
    # an order older than 90 days and a cancelled one do not count
    _sale_in(districts[13], D("99999.00"), days_ago=91)
    _sale_in(districts[13], D("99999.00"), status="Cancelled")
    chart = sales_by_district()
    assert [bar.label for bar in chart.bars] == [district.name for district in districts[:12]] + ["Other districts"]
    assert chart.bars[0].amount == D("14500.00")
    assert chart.bars[-1].amount == D("2000.00") + D("1000.00")
    assert chart.total == sum((D("1000.00") * n for n in range(1, 15)), D("500.00"))


def test_cod_chart_draws_the_outstanding_cash_by_carrier_and_age(odop_reference, settings):
    settings.COD_REMITTANCE_OVERDUE_DAYS = 7
    maker = artisan()
    now = timezone.now()
    for days, price in ((1, D("1000.00")), (10, D("2000.00")), (40, D("3000.00"))):
        delivered(
            order_with_shipments(partners=[maker], cod=True, price=price, shipping_charge=D("0.00")),
            maker,
            delivered_at=now - timedelta(days=days),
        )
    chart = cod_outstanding_by_carrier(now=now)
    assert chart.series == ["0–7 days", "8–15 days", "16–30 days", "31+ days"]
    [row] = chart.rows
    assert row.label == "Courier aggregator"
    assert row.amounts == [D("1000.00"), D("2000.00"), D("0.00"), D("3000.00")]
    assert "₹6,000.00" in str(chart.svg())


def test_a_batch_total_is_what_its_payouts_add_up_to(odop_reference):
    # Given two artisans with ₹1,249 sales credited (less commission and TCS)
    makers = [artisan(), artisan(upi="maker@upi")]
    for maker in makers:
        credited(maker)
    # When they are paid in one batch
    batch = payout_batch_create(partner_ids=[maker.pk for maker in makers], user=None).batch
    # Then its total is the sum of the two transfers, to the paisa
    amounts = list(batch.payouts.values_list("amount", flat=True))
    assert len(amounts) == 2
    assert payout_batch_total(batch=batch) == sum(amounts) > 0


def test_each_candidate_shows_where_its_money_would_go(odop_reference):
    with_bank, with_upi_only, with_nothing = artisan(), artisan(bank=False, upi="maker@upi"), artisan(bank=False)
    for maker in (with_bank, with_upi_only, with_nothing):
        credited(maker)
    partners = payout_candidates_with_destinations(partners=payout_candidates())
    destinations = {partner.pk: partner.destination for partner in partners}
    assert destinations[with_bank.pk]["ifsc"] and not destinations[with_bank.pk]["upi_id"]
    assert destinations[with_upi_only.pk] == {"bank_account_number": "", "ifsc": "", "upi_id": "maker@upi"}
    assert destinations[with_nothing.pk] is None
