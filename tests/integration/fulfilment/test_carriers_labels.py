"""Label PDFs (one 4×6 inch page per parcel) and the pickup manifest of an artisan's day."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from fulfilment.carriers.base import CarrierError
from fulfilment.carriers.labels import label_html, label_pdf
from fulfilment.carriers.selectors import manifest_sections, shipments_for_labels
from fulfilment.models import Shipment
from tests.carriers_helpers import manifested, pdf_page_count, pdf_text, pdf_texts
from tests.factories import PickupAddressFactory, VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import order_with_shipments, shipment_force

pytestmark = pytest.mark.django_db
IST = ZoneInfo("Asia/Kolkata")


@pytest.fixture
def partner(odop_reference):
    partner = VerifiedArtisanPartnerFactory(name="Ansari Brass Works")
    PickupAddressFactory(partner=partner)
    return partner


def parcel(partner, **kwargs) -> Shipment:
    return Shipment.objects.get(group__order=order_with_shipments(partners=[partner], **kwargs))


def test_one_page_per_parcel_with_awb_payment_and_order(partner):
    cod = manifested(parcel(partner, cod=True, price=Decimal("1249.00")), awb="ODP000000001")
    prepaid = manifested(parcel(partner), awb="ODP000000002")
    data = label_pdf(shipments=shipments_for_labels().filter(pk__in=[cod.pk, prepaid.pk]).order_by("pk"))
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert pdf_page_count(data) == 2
    assert b"/MediaBox [ 0 0 288 432 ]" in data
    text = pdf_text(data)
    assert "ODP000000001" in text and "ODP000000002" in text
    assert "COD: collect \\0011,309.00" in text  # ₹ is glyph 1 of the embedded font subset
    assert "PREPAID" in text
    assert f"Order {cod.group.order.number}" in text


def test_pages_follow_the_order_given(partner):
    first, second = manifested(parcel(partner), awb="ODP000000009"), manifested(parcel(partner), awb="ODP000000001")
    by_pk = {s.pk: s for s in shipments_for_labels().filter(pk__in=[first.pk, second.pk])}
    text = pdf_text(label_pdf(shipments=[by_pk[first.pk], by_pk[second.pk]]))
    assert text.index("ODP000000009") < text.index("ODP000000001")


def test_parcels_without_awb_are_refused_by_number(partner):
    ready, pending = manifested(parcel(partner), awb="ODP000000001"), parcel(partner)
    with pytest.raises(CarrierError, match=f"these have none yet: #{pending.pk}"):
        label_pdf(shipments=shipments_for_labels().filter(pk__in=[ready.pk, pending.pk]))
    with pytest.raises(CarrierError, match="at least one parcel"):
        label_pdf(shipments=[])


def test_long_addresses_and_contents_are_cut_to_stay_on_the_label(partner):
    shipment = manifested(parcel(partner, quantity=3), awb="ODP000000001")
    Shipment.objects.filter(pk=shipment.pk).update(
        delivery_instructions=("Landmark: " + "opposite the old temple " * 12)[:300]
    )
    shipment.group.lines.update(title="Hand-engraved Moradabad brass flower vase with floral jaali work " * 3)
    data = label_pdf(shipments=shipments_for_labels().filter(pk=shipment.pk))
    texts = [text for _y, text in pdf_texts(data)]
    assert pdf_page_count(data) == 1
    assert min(y for y, _text in pdf_texts(data)) >= 12  # nothing below the bottom margin
    # the addressee's name, then at most six address lines (the instructions cut short), then the phone
    assert texts.index("Phone: +919820012345") - texts.index("TO") == 1 + 1 + 6
    contents = texts[next(i for i, text in enumerate(texts) if text.startswith("Contents: Hand-engraved")) :]
    assert contents[-1].endswith(" 3")  # the whole line with its quantity still fits


def test_bulk_labels_read_a_fixed_number_of_queries(partner, django_assert_max_num_queries):
    other = VerifiedArtisanPartnerFactory()
    PickupAddressFactory(partner=other)
    ids = [manifested(parcel(p, cod=n % 2 == 0), awb=f"ODP{n:09d}").pk for n, p in enumerate([partner, other] * 10)]
    with django_assert_max_num_queries(3):
        data = label_pdf(shipments=shipments_for_labels().filter(pk__in=ids))
    assert pdf_page_count(data) == 20


def test_html_label_has_the_barcode_and_is_in_english_whatever_the_page_language(partner):
    from django.utils import translation

    shipment = manifested(parcel(partner, cod=True), awb="ODP000000001")
    with translation.override("hi"):
        html = label_html(shipment=shipments_for_labels().get(pk=shipment.pk))
    assert 'aria-label="ODP000000001"' in html and "<svg" in html
    assert "COD: collect ₹1,309.00" in html
    assert "Weight 0.80 kg" in html


# --- pickup manifest -------------------------------------------------------------------------------


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=IST)


def test_manifest_lists_the_artisans_parcels_handed_over_that_day_by_carrier(partner):
    day = date(2026, 5, 4)
    other_artisan = VerifiedArtisanPartnerFactory()
    early = manifested(parcel(partner, cod=True), awb="ODP000000002", at=at(day, 0))
    late = manifested(parcel(partner), awb="ODP000000001", at=at(day, 23))
    posted = manifested(parcel(partner), awb="EE123456789IN", carrier_code="self-ship", at=at(day, 12))
    manifested(parcel(partner), awb="ODP000000003", at=at(day, 0) - timedelta(seconds=1))
    manifested(parcel(partner), awb="ODP000000004", at=at(day + timedelta(days=1), 0))
    manifested(parcel(other_artisan), awb="ODP000000005", at=at(day, 12))
    cancelled = manifested(parcel(partner), awb="ODP000000006", at=at(day, 10))
    shipment_force(cancelled, status=Shipment.CANCELLED)
    parcel(partner)

    sections = manifest_sections(partner_id=partner.pk, day=day)

    assert [(s.carrier.code, [row.awb for row in s.rows]) for s in sections] == [
        ("aggregator", ["ODP000000001", "ODP000000002"]),
        ("self-ship", ["EE123456789IN"]),
    ]
    aggregator = sections[0]
    assert aggregator.cod_total == early.group.cod_amount == Decimal("1309.00")
    assert aggregator.weight_kg == Decimal("1.6")
    row = aggregator.rows[0]
    assert (row.shipment_id, row.order_number, row.destination_pincode, row.cod_amount) == (
        late.pk,
        late.group.order.number,
        "400001",
        Decimal("0.00"),
    )
    assert sections[1].rows[0].shipment_id == posted.pk


def test_a_parcel_stays_on_its_days_manifest_after_it_moves_on(partner):
    day = date(2026, 5, 4)
    shipment = manifested(parcel(partner), awb="ODP000000001", at=at(day, 9))
    shipment_force(shipment, status=Shipment.DELIVERED, awb="ODP000000001")
    assert [r.awb for s in manifest_sections(partner_id=partner.pk, day=day) for r in s.rows] == ["ODP000000001"]
    assert manifest_sections(partner_id=partner.pk, day=day + timedelta(days=1)) == []


def test_manifest_reads_a_fixed_number_of_queries(partner, django_assert_max_num_queries):
    day = date(2026, 5, 4)
    for n in range(12):
        manifested(parcel(partner), awb=f"ODP{n:09d}", at=at(day, 10))
    with django_assert_max_num_queries(1):
        sections = manifest_sections(partner_id=partner.pk, day=day)
    assert len(sections[0].rows) == 12
