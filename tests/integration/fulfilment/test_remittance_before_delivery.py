"""Carriers sometimes remit a parcel's cash before its delivery scan reaches us; the money must not get lost."""

from decimal import Decimal

import pytest

from fulfilment.models import CodRemittanceLine, PayoutLedgerEntry, Shipment
from fulfilment.remittance.selectors import cod_outstanding
from fulfilment.remittance.services import cod_remittance_import
from fulfilment.shipments.services import shipment_mark_delivered
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import carrier
from tests.factories_remittance import COD_AMOUNT, parcel, remittance_csv


@pytest.fixture
def artisan(odop_reference):
    return VerifiedArtisanPartnerFactory()


@pytest.mark.django_db
@pytest.mark.parametrize(("remitted", "outcome"), [(COD_AMOUNT, "matched"), (Decimal("1200.00"), "short")])
def test_cash_remitted_before_the_delivery_scan_settles_the_parcel_when_it_is_delivered(artisan, remitted, outcome):
    # Given a COD parcel out for delivery whose cash the carrier already remitted
    shipment = parcel(partner=artisan, awb="ODX000000777", status=Shipment.OUT_FOR_DELIVERY)
    remittance = cod_remittance_import(
        carrier=carrier("aggregator"),
        data=remittance_csv(("ODX000000777", remitted, "UTR1", "2026-11-20")),
        file_name="r.csv",
    )
    line = remittance.lines.get()
    assert line.outcome == CodRemittanceLine.NOT_DELIVERED
    assert not PayoutLedgerEntry.objects.filter(partner=artisan).exists()

    # When the delivery is recorded
    shipment_mark_delivered(shipment=shipment, source="carrier")

    # Then that row settles the parcel, the artisan is credited once and nothing is outstanding
    line.refresh_from_db()
    assert (line.outcome, line.expected_amount) == (outcome, COD_AMOUNT)
    sale = PayoutLedgerEntry.objects.get(partner=artisan, kind="sale")
    assert sale.remittance_line == line and sale.gross == COD_AMOUNT - Decimal("60.00")
    assert cod_outstanding().carriers == []


@pytest.mark.django_db
def test_a_delivered_prepaid_parcel_leaves_a_stray_remittance_row_alone(artisan):
    # Given a prepaid parcel that a carrier wrongly lists in a remittance file
    shipment = parcel(partner=artisan, awb="ODX000000778", status=Shipment.OUT_FOR_DELIVERY, cod=False)
    remittance = cod_remittance_import(
        carrier=carrier("aggregator"),
        data=remittance_csv(("ODX000000778", "499.00", "UTR2", "2026-11-20")),
        file_name="p.csv",
    )
    # When it is delivered
    shipment_mark_delivered(shipment=shipment, source="carrier")
    # Then the row stays a discrepancy for ops and the artisan is credited once, as a prepaid sale
    assert remittance.lines.get().outcome == CodRemittanceLine.NOT_DELIVERED
    assert PayoutLedgerEntry.objects.get(partner=artisan, kind="sale").remittance_line is None
