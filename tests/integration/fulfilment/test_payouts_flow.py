"""The ledger fed by the other areas' real calls: delivery and RTO (shipments), COD remittance import."""

from decimal import Decimal

import pytest

from fulfilment.models import PayoutLedgerEntry, Shipment
from fulfilment.payouts.selectors import artisan_balance
from fulfilment.remittance.services import cod_remittance_import
from fulfilment.shipments.services import shipment_mark_delivered, shipment_rto_initiate
from tests.factories import default_rate_card
from tests.factories_fulfilment import carrier, order_with_shipments, shipment_force
from tests.integration.fulfilment.payouts_givens import artisan, shipment_of

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rates(settings, odop_reference):
    settings.PLATFORM_COMMISSION_PERCENT, settings.GST_TCS_PERCENT = D("10"), D("0.5")
    default_rate_card()


def test_carrier_delivery_of_a_prepaid_parcel_credits_the_artisan_once():
    maker = artisan()
    order = order_with_shipments(partners=[maker])
    shipment = shipment_force(shipment_of(order, maker), status=Shipment.OUT_FOR_DELIVERY)
    shipment_mark_delivered(shipment=shipment, source="carrier")
    assert artisan_balance(partner=maker) == D("1118.15")


def test_cod_cash_reaches_the_ledger_through_the_remittance_import():
    maker = artisan()
    order = order_with_shipments(partners=[maker], cod=True)
    shipment = shipment_force(shipment_of(order, maker), status=Shipment.OUT_FOR_DELIVERY, awb="AGG000000123")
    shipment_mark_delivered(shipment=shipment, source="carrier")
    assert artisan_balance(partner=maker) == D("0.00")
    data = b"awb,amount,utr,remitted_on\nAGG000000123,1309.00,UTR1,2026-03-14\n"
    cod_remittance_import(carrier=carrier("aggregator"), data=data, file_name="remit.csv")
    entry = PayoutLedgerEntry.objects.get()
    assert (entry.kind, entry.amount, entry.remittance_line.utr) == ("sale", D("1118.15"), "UTR1")


def test_rto_charged_to_the_artisan_is_a_ledger_debit(settings):
    settings.FULFILMENT_RTO_CHARGED_TO = "artisan"
    maker = artisan()
    order = order_with_shipments(partners=[maker])
    shipment = shipment_force(shipment_of(order, maker), status=Shipment.NDR)
    shipment_rto_initiate(shipment=shipment, source="ops", note="Refused")
    shipment.refresh_from_db()
    assert shipment.rto_charge > 0
    assert artisan_balance(partner=maker) == -shipment.rto_charge


def test_rto_paid_by_the_platform_leaves_the_artisan_alone(settings):
    settings.FULFILMENT_RTO_CHARGED_TO = "platform"
    maker = artisan()
    shipment = shipment_force(shipment_of(order_with_shipments(partners=[maker]), maker), status=Shipment.NDR)
    shipment_rto_initiate(shipment=shipment, source="ops", note="Refused")
    assert not PayoutLedgerEntry.objects.exists()
