"""Both carriers behind one interface: quotes from the rate card, typed numbers, what a label says."""

from decimal import Decimal

import pytest

from fulfilment.carriers.base import CarrierError, carrier_adapter
from fulfilment.carriers.selectors import shipments_for_labels
from fulfilment.models import Carrier, Shipment
from fulfilment.selectors import rate_for
from tests.factories import PickupAddressFactory, VerifiedArtisanPartnerFactory, default_rate_card
from tests.factories_fulfilment import carrier, order_with_shipments, shipment_force

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(odop_reference):
    partner = VerifiedArtisanPartnerFactory(name="Ansari Brass Works")
    PickupAddressFactory(partner=partner, line1="12 Peetal Nagri", line4="Moradabad", postcode="244001")
    return partner


def parcel(partner, **kwargs) -> Shipment:
    order = order_with_shipments(partners=[partner], **kwargs)
    return shipments_for_labels().get(group__order=order)


def test_both_carriers_quote_the_rate_card_for_the_parcels_zone_and_weight(partner):
    default_rate_card()
    shipment = parcel(partner)
    expected = rate_for(zone="C", grams=800)
    assert expected > 0
    for code in ("aggregator", "self-ship"):
        assert carrier_adapter(carrier=carrier(code)).quote(shipment=shipment) == expected


def test_self_ship_takes_the_typed_number_cleaned(partner):
    shipment = parcel(partner)
    adapter = carrier_adapter(carrier=carrier("self-ship"))
    assert adapter.allocate_awb(shipment=shipment, typed_number=" ee 123 456 789 in ") == "EE123456789IN"


@pytest.mark.parametrize("typed", ["", "12345", "EE123/456", "X" * 41, "ईई123456789"])
def test_self_ship_refuses_what_is_not_a_tracking_number(partner, typed):
    with pytest.raises(CarrierError, match="6 to 40 letters, digits or hyphens"):
        carrier_adapter(carrier=carrier("self-ship")).allocate_awb(shipment=parcel(partner), typed_number=typed)


def test_self_ship_refuses_a_number_already_on_another_parcel(partner):
    first, second = parcel(partner), parcel(partner)
    shipment_force(first, status=Shipment.MANIFESTED, awb="EE123456789IN", carrier_code="self-ship")
    adapter = carrier_adapter(carrier=carrier("self-ship"))
    with pytest.raises(CarrierError, match="EE123456789IN is already on another parcel"):
        adapter.allocate_awb(shipment=second, typed_number="EE123456789IN")
    assert adapter.allocate_awb(shipment=first, typed_number="ee123456789in") == "EE123456789IN"


def test_an_adapter_missing_from_settings_is_a_carrier_error(db):
    with pytest.raises(CarrierError, match="unknown adapter 'fedex'"):
        carrier_adapter(carrier=Carrier(code="fedex", name="FedEx", adapter="fedex"))


def test_label_data_of_a_cod_parcel(partner):
    shipment = shipment_force(
        parcel(partner, cod=True, price=Decimal("1249.00"), quantity=2), status=Shipment.MANIFESTED, awb="ODP000000001"
    )
    shipment = shipments_for_labels().get(pk=shipment.pk)
    label = carrier_adapter(carrier=shipment.carrier).label_data(shipment=shipment)
    line = shipment.group.lines.get()
    assert (label.carrier_name, label.awb, label.order_number, label.shipment_id) == (
        "Courier aggregator",
        "ODP000000001",
        shipment.group.order.number,
        shipment.pk,
    )
    assert label.from_lines[:3] == ["Ansari Brass Works", "12 Peetal Nagri", "Moradabad, Uttar Pradesh 244001"]
    assert label.from_lines[3] == f"Phone: {partner.artisan_profile.phone}"
    assert label.to_lines == ["Asha Rao", "12 Marine Drive", "Mumbai, Maharashtra 400001"]
    assert label.to_phone == "+919820012345"
    assert label.weight_grams == 800
    assert label.cod_amount == Decimal("2558.00")
    assert label.contents == [f"{line.title} × 2"]


def test_label_data_of_a_prepaid_parcel_with_corrections_after_a_failed_delivery(partner):
    shipment = shipment_force(parcel(partner), status=Shipment.IN_TRANSIT, awb="ODP000000002")
    Shipment.objects.filter(pk=shipment.pk).update(
        delivery_phone="9876500000", delivery_instructions="Call before coming; blue gate"
    )
    shipment = shipments_for_labels().get(pk=shipment.pk)
    label = carrier_adapter(carrier=shipment.carrier).label_data(shipment=shipment)
    assert label.cod_amount is None
    assert label.to_phone == "9876500000"
    assert label.to_lines[-1] == "Call before coming; blue gate"


def test_label_of_an_artisan_without_pickup_address_shows_the_pickup_pincode(odop_reference):
    bare = VerifiedArtisanPartnerFactory(name="Bare Workshop")
    shipment = shipment_force(parcel(bare), status=Shipment.MANIFESTED, awb="ODP000000003")
    label = carrier_adapter(carrier=shipment.carrier).label_data(shipment=shipments_for_labels().get(pk=shipment.pk))
    assert label.from_lines[:2] == ["Bare Workshop", "244001"]


def test_aggregator_remittance_is_read_by_the_remittance_parser(db):
    rows = carrier_adapter(carrier=carrier()).parse_remittance(
        data=b'awb,amount,utr,remitted_on\nodp000000001,"1,309.00",UTR1,2026-05-02\n'
    )
    assert [(row.line_number, row.awb, row.amount) for row in rows] == [(2, "ODP000000001", Decimal("1309.00"))]
