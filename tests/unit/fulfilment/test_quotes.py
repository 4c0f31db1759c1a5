from decimal import Decimal

import pytest

from fulfilment.models import Pincode
from fulfilment.selectors import PincodeError, chargeable_weight_grams, pincode_normalise, rate_for, zone_for
from tests.factories import PincodeFactory, default_rate_card

pytestmark = pytest.mark.usefixtures("odop_reference")


def pin(code, district, state, metro=False):
    from catalogue_ext.models import State

    return Pincode(code=code, district=district, state=State.objects.get(code=state), is_metro=metro)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("origin", "destination", "zone"),
    [
        (("244001", "Moradabad", "UP"), ("244001", "moradabad", "UP"), "A"),
        (("244001", "Moradabad", "UP"), ("221001", "Varanasi", "UP"), "B"),
        (("110001", "New Delhi", "DL", True), ("400001", "Mumbai", "MH", True), "C"),
        (("244001", "Moradabad", "UP"), ("400001", "Mumbai", "MH", True), "D"),
        (("244001", "Moradabad", "UP"), ("781001", "Kamrup Metropolitan", "AS"), "E"),
        (("110001", "New Delhi", "DL", True), ("695001", "Thiruvananthapuram", "KL"), "E"),
        (("244001", "Moradabad", "UP"), ("194101", "Leh", "LA"), "E"),
    ],
)
def test_zone_follows_aggregator_rules(origin, destination, zone):
    # given two pincodes / when zoned / then the courier zone is the expected one
    assert zone_for(origin=pin(*origin), destination=pin(*destination)) == zone


def test_chargeable_weight_is_the_larger_of_actual_and_volumetric():
    # a light but bulky vase (20×15×30 cm → 1.8 kg volumetric) is charged by volume
    assert chargeable_weight_grams(weight_grams=850, length_cm=20, breadth_cm=15, height_cm=30) == 1800
    # a dense brass idol is charged by its actual weight
    assert chargeable_weight_grams(weight_grams=2500, length_cm=10, breadth_cm=10, height_cm=10) == 2500
    # no size recorded: actual weight only
    assert chargeable_weight_grams(weight_grams=700, length_cm=None, breadth_cm=None, height_cm=None) == 700
    # fractions of a gram round up
    assert chargeable_weight_grams(weight_grams=1, length_cm=Decimal("1.1"), breadth_cm=1, height_cm=1) == 1


@pytest.mark.django_db
def test_rate_lookup_uses_the_smallest_slab_that_holds_the_parcel():
    default_rate_card()
    # the default card: zone A 40 for the first 0.5 kg, +35 per further 0.5 kg
    assert rate_for(zone="A", grams=500) == Decimal("40")
    assert rate_for(zone="A", grams=501) == Decimal("75")
    assert rate_for(zone="E", grams=1800) == Decimal("330")
    # above the top slab (5 kg) each further 0.5 kg costs the last step
    assert rate_for(zone="A", grams=5001) == rate_for(zone="A", grams=5000) + Decimal("35")


@pytest.mark.parametrize("raw", ["", "12345", "024400", "2440011", "24400a"])
def test_malformed_pincodes_are_rejected_with_a_reason(raw):
    with pytest.raises(PincodeError, match="six digits"):
        pincode_normalise(raw=raw)


@pytest.mark.django_db
def test_unknown_and_unserviceable_pincodes_are_refused():
    from fulfilment.selectors import pincode_get

    PincodeFactory(code="682555", district="Lakshadweep", state_id=PincodeFactory().state_id, serviceable=False)
    with pytest.raises(PincodeError, match="do not deliver"):
        pincode_get(code="682555")
    with pytest.raises(PincodeError, match="do not know"):
        pincode_get(code="999999")
    assert pincode_get(code="244 001").district == "Moradabad"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("origin", "destination"),
    [
        (("400001", "Mumbai", "MH", True), ("682001", "Ernakulam", "KL", True)),
        (("682001", "Ernakulam", "KL", True), ("110001", "New Delhi", "DL", True)),
        (("110001", "New Delhi", "DL", True), ("190001", "Srinagar", "JK", True)),
    ],
)
def test_a_special_zone_wins_over_metro_to_metro(origin, destination):
    # Given two metro pincodes, one of them in a special-zone state (Kerala, J&K)
    # When the route is zoned
    # Then it is zone E (couriers price the special region), not C (metro to metro)
    assert zone_for(origin=pin(*origin), destination=pin(*destination)) == "E"
