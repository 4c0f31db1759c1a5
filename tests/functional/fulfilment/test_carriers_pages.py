"""Labels, bulk label PDF, pickup manifest and AWB stock pages for ops, and the artisan's own labels."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from fulfilment.carriers.selectors import manifest_sections
from fulfilment.carriers.services import awb_range_import
from fulfilment.carriers.views import BULK_LABELS_MAX
from fulfilment.models import AwbNumber, Shipment
from tests.carriers_helpers import manifested, pdf_page_count, pdf_text
from tests.factories import PickupAddressFactory, VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import carrier, order_with_shipments, shipment_force

pytestmark = pytest.mark.usefixtures("odop_reference")
IST = ZoneInfo("Asia/Kolkata")
AWB_RANGES = reverse("fulfilment-ops:awb-range-list")
BULK = reverse("fulfilment-ops:labels-pdf")
SHIPMENT_LIST_PAGE = "/dashboard/fulfilment/awb-ranges/"


def make_artisan(name: str):
    partner = VerifiedArtisanPartnerFactory(name=name)
    PickupAddressFactory(partner=partner)
    user = get_user_model().objects.create_user(username=f"u-{partner.pk}", password="pass-1234-word")
    partner.users.add(user)
    return partner, user


@pytest.fixture
def artisan_a(db):
    return make_artisan("Ansari Brass Works")


@pytest.fixture
def artisan_b(db):
    return make_artisan("Qureshi Brass Udyog")


def parcel(partner, **kwargs) -> Shipment:
    return Shipment.objects.get(group__order=order_with_shipments(partners=[partner], **kwargs))


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def label_url(shipment, kind="label", area="fulfilment-ops"):
    return reverse(f"{area}:{kind}", kwargs={"shipment_pk": shipment.pk})


# --- single label -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ops_print_a_label_as_a_4x6_page_with_barcode(ops_client, artisan_a):
    shipment = manifested(parcel(artisan_a[0], cod=True), awb="ODP000000001")
    response = ops_client.get(label_url(shipment))
    html = response.content.decode()
    assert response.status_code == 200
    assert "@page { size: 4in 6in; margin: 0; }" in html
    assert 'aria-label="ODP000000001"' in html and "<svg" in html
    assert "COD: collect ₹1,309.00" in html
    assert label_url(shipment, "label-pdf") in html


@pytest.mark.django_db
def test_a_parcel_without_awb_has_no_label_yet(ops_client, artisan_a):
    shipment = parcel(artisan_a[0])
    page = ops_client.get(label_url(shipment))
    assert page.status_code == 200
    assert f"Parcel #{shipment.pk} has no AWB yet" in page.content.decode()
    response = ops_client.get(label_url(shipment, "label-pdf"))
    assert response.status_code == 302 and response.url == label_url(shipment)
    assert any("these have none yet" in message for message in messages_of(response))


@pytest.mark.django_db
def test_ops_download_one_label_pdf(ops_client, artisan_a):
    shipment = manifested(parcel(artisan_a[0]), awb="ODP000000001")
    response = ops_client.get(label_url(shipment, "label-pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="label-ODP000000001.pdf"' in response["Content-Disposition"]
    assert pdf_page_count(response.content) == 1 and "ODP000000001" in pdf_text(response.content)


@pytest.mark.django_db
def test_unknown_parcel_is_404(ops_client):
    assert ops_client.get(reverse("fulfilment-ops:label", kwargs={"shipment_pk": 999999})).status_code == 404


# --- bulk labels ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_bulk_labels_one_pdf_in_the_order_selected_in_a_fixed_number_of_queries(
    ops_client, artisan_a, artisan_b, django_assert_max_num_queries
):
    shipments = [manifested(parcel(p), awb=f"ODP{n:09d}") for n, p in enumerate([artisan_a[0], artisan_b[0]] * 15)]
    ids = [str(s.pk) for s in reversed(shipments)]
    with django_assert_max_num_queries(5):
        response = ops_client.post(BULK, {"shipment": ids})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_page_count(response.content) == 30
    text = pdf_text(response.content)
    assert text.index("ODP000000029") < text.index("ODP000000000")


@pytest.mark.django_db
def test_bulk_labels_with_nothing_selected_go_back_with_a_message(ops_client):
    response = ops_client.post(BULK, {}, HTTP_REFERER="http://testserver" + SHIPMENT_LIST_PAGE)
    # Back to the same page, as a path on this site (shop.redirects): never a full URL taken from a header.
    assert response.status_code == 302 and response.url == SHIPMENT_LIST_PAGE
    assert messages_of(response) == ["Select the parcels whose labels you want to print."]


@pytest.mark.django_db
def test_bulk_labels_never_go_back_to_another_site(ops_client):
    response = ops_client.post(BULK, {}, HTTP_REFERER="https://evil.example/phish")
    assert response.url == reverse("dashboard:index")


@pytest.mark.django_db
def test_bulk_labels_refuse_parcels_without_awb_by_number(ops_client, artisan_a):
    ready, waiting = manifested(parcel(artisan_a[0]), awb="ODP000000001"), parcel(artisan_a[0])
    response = ops_client.post(BULK, {"shipment": [ready.pk, waiting.pk], "next": SHIPMENT_LIST_PAGE})
    assert response.status_code == 302 and response.url == SHIPMENT_LIST_PAGE
    assert messages_of(response) == [
        f"Labels are printed once a parcel has its AWB; these have none yet: #{waiting.pk}."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ids", "words"),
    [
        (["12", "abc", "1 OR 1=1"], "These are not parcel numbers: abc, 1 OR 1=1."),
        (["999998", "999999"], "No such parcels: #999998, #999999."),
        (["12", "²", "١٢"], "These are not parcel numbers: ², ١٢."),
        (["9" * 30], "These are not parcel numbers: " + "9" * 30 + "."),
        ([str(n) for n in range(BULK_LABELS_MAX + 1)], f"At most {BULK_LABELS_MAX} labels can be printed at once"),
    ],
)
def test_bulk_labels_bad_selection(ops_client, ids, words):
    response = ops_client.post(BULK, {"shipment": ids})
    assert response.status_code == 302
    assert words in messages_of(response)[0]


@pytest.mark.django_db
def test_a_cancelled_parcel_gets_no_label_alone_or_in_bulk(ops_client, artisan_a):
    """A label would send the parcel out anyway, and a COD one would have the agent collect cash for nothing."""
    ready = manifested(parcel(artisan_a[0]), awb="ODP000000001")
    cancelled = manifested(parcel(artisan_a[0], cod=True), awb="ODP000000002")
    shipment_force(cancelled, status=Shipment.CANCELLED, awb="ODP000000002")
    response = ops_client.post(BULK, {"shipment": [ready.pk, cancelled.pk], "next": SHIPMENT_LIST_PAGE})
    assert response.status_code == 302
    assert messages_of(response) == [f"These parcels are cancelled and get no label: #{cancelled.pk}."]
    page = ops_client.get(label_url(cancelled)).content.decode()
    assert f"Parcel #{cancelled.pk} is cancelled: it gets no label." in page and "COD: collect" not in page
    assert ops_client.get(label_url(cancelled, "label-pdf")).status_code == 302
    listing = ops_client.get("/dashboard/fulfilment/shipments/").content.decode()
    assert f'value="{cancelled.pk}" aria-label="Select ODP000000002" disabled' in listing


@pytest.mark.django_db
def test_bulk_labels_are_post_only(ops_client):
    assert ops_client.get(BULK).status_code == 405


# --- manifest -------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ops_see_an_artisans_pickup_manifest_for_a_day(ops_client, artisan_a):
    partner = artisan_a[0]
    day = date(2026, 5, 4)
    manifested(parcel(partner, cod=True), awb="ODP000000001", at=datetime(2026, 5, 4, 10, tzinfo=IST))
    manifested(parcel(partner), awb="ODP000000002", at=datetime(2026, 5, 4, 11, tzinfo=IST))
    manifested(parcel(partner), awb="ODP000000003", at=datetime(2026, 5, 5, 11, tzinfo=IST))
    response = ops_client.get(
        reverse("fulfilment-ops:manifest", kwargs={"partner_pk": partner.pk}), {"date": day.isoformat()}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="manifest-row"') == 2
    assert "ODP000000001" in html and "ODP000000002" in html and "ODP000000003" not in html
    assert "Parcels: 2" in html and "₹1,309.00" in html and "1.600" in html
    assert "Received by (carrier's pickup agent)" in html


@pytest.mark.django_db
def test_a_bad_manifest_date_shows_today_with_a_word(ops_client, artisan_a):
    partner = artisan_a[0]
    manifested(parcel(partner), awb="ODP000000001")
    response = ops_client.get(
        reverse("fulfilment-ops:manifest", kwargs={"partner_pk": partner.pk}), {"date": "31/12/2025"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "31/12/2025 is not a date like 2025-01-31; showing today." in html
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in html and "ODP000000001" in html


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["0001-01-01", "9999-12-31"])
def test_a_manifest_date_at_the_ends_of_the_calendar_shows_today_with_a_word(ops_client, artisan_a, raw):
    response = ops_client.get(reverse("fulfilment-ops:manifest", kwargs={"partner_pk": artisan_a[0].pk}), {"date": raw})
    assert response.status_code == 200
    assert f"{raw} is not a date like 2025-01-31; showing today." in response.content.decode()


@pytest.mark.django_db
def test_the_manifest_day_is_the_day_in_india_whatever_time_zone_is_active(ops_client, artisan_a):
    """Handed over at 00:30 IST on 5 May is 19:00 UTC on 4 May: it belongs on 5 May's manifest."""
    partner = artisan_a[0]
    manifested(parcel(partner), awb="ODP000000001", at=datetime(2026, 5, 5, 0, 30, tzinfo=IST))
    with timezone.override("UTC"):
        may_5 = manifest_sections(partner_id=partner.pk, day=date(2026, 5, 5))
        may_4 = manifest_sections(partner_id=partner.pk, day=date(2026, 5, 4))
    assert [row.awb for section in may_5 for row in section.rows] == ["ODP000000001"]
    assert may_4 == []


@pytest.mark.django_db
def test_artisans_and_ops_find_the_pickup_manifest_from_the_parcel_pages(client, ops_client, artisan_a):
    partner, user = artisan_a
    shipment = manifested(parcel(partner), awb="ODP000000001")
    ops_page = ops_client.get(f"/dashboard/fulfilment/shipments/{shipment.pk}/").content.decode()
    assert reverse("fulfilment-ops:manifest", kwargs={"partner_pk": partner.pk}) in ops_page
    client.force_login(user)
    assert reverse("fulfilment-studio:manifest") in client.get("/artisans/studio/shipments/").content.decode()


@pytest.mark.django_db
def test_manifest_of_an_unknown_artisan_is_404(ops_client):
    assert ops_client.get(reverse("fulfilment-ops:manifest", kwargs={"partner_pk": 999999})).status_code == 404


# --- AWB ranges -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ops_see_free_and_used_numbers_per_carrier(ops_client, artisan_a, django_assert_max_num_queries):
    awb_range_import(carrier=carrier(), numbers=[f"ODP{n:09d}" for n in range(5)])
    manifested(parcel(artisan_a[0]), awb="ODP000000000")
    AwbNumber.objects.filter(number="ODP000000000").update(shipment=Shipment.objects.get(), allocated_at=timezone.now())
    with django_assert_max_num_queries(8):
        response = ops_client.get(AWB_RANGES)
    html = response.content.decode()
    assert 'data-carrier="aggregator"' in html and 'data-carrier="self-ship"' not in html
    assert '<td class="awb-free"><span class="badge badge-danger">4</span></td>' in html
    assert '<td class="awb-used">1</td>' in html


@pytest.mark.django_db
def test_ops_import_pasted_numbers(ops_client):
    response = ops_client.post(AWB_RANGES, {"carrier": "aggregator", "numbers": "awb\nODP000000001\n\nodp000000002\n"})
    assert response.status_code == 302
    assert messages_of(response) == ["2 AWB numbers added for Courier aggregator; nothing was skipped."]
    assert list(AwbNumber.objects.values_list("number", flat=True)) == ["ODP000000001", "ODP000000002"]


@pytest.mark.django_db
def test_ops_import_an_uploaded_file(ops_client):
    upload = SimpleUploadedFile("range.txt", b"\xef\xbb\xbfODP000000001\r\nODP000000002\r\n", content_type="text/plain")
    response = ops_client.post(AWB_RANGES, {"carrier": "aggregator", "file": upload})
    assert response.status_code == 302
    assert AwbNumber.objects.count() == 2


@pytest.mark.django_db
def test_ops_import_a_range(ops_client):
    response = ops_client.post(
        AWB_RANGES, {"carrier": "aggregator", "prefix": "ODP", "first": "1", "last": "100", "width": "9"}
    )
    assert response.status_code == 302
    assert AwbNumber.objects.count() == 100 and AwbNumber.objects.filter(number="ODP000000100").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "words"),
    [
        (
            {"carrier": "aggregator", "numbers": "ODP000000001\nODP000000002\nODP000000001"},
            "Line 3: ODP000000001 appears twice",
        ),
        (
            {"carrier": "aggregator", "numbers": "ODP000000001\nAB 1"},
            "Line 2: &#x27;AB 1&#x27; is not a tracking number",
        ),
        ({"carrier": "aggregator"}, "exactly one of them"),
        ({"carrier": "aggregator", "numbers": "ODP000000001", "first": "1", "last": "3"}, "exactly one of them"),
        ({"carrier": "aggregator", "first": "1"}, "A range needs a first and a last number."),
        ({"carrier": "aggregator", "first": "9", "last": "3"}, "from a number to a larger or equal one"),
        ({"carrier": "self-ship", "numbers": "EE123456789IN"}, "Select a valid choice"),
        ({"carrier": "aggregator", "file": SimpleUploadedFile("r.txt", b"ODP\xff0001")}, "The file is not UTF-8 text."),
    ],
)
def test_bad_imports_say_why_and_add_nothing(ops_client, data, words):
    response = ops_client.post(AWB_RANGES, data)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert AwbNumber.objects.count() == 0


@pytest.mark.django_db
def test_importing_numbers_already_imported_is_refused(ops_client):
    awb_range_import(carrier=carrier(), numbers=["ODP000000002"])
    response = ops_client.post(AWB_RANGES, {"carrier": "aggregator", "numbers": "ODP000000001\nODP000000002"})
    assert "Line 2: ODP000000002 was already imported for Courier aggregator" in response.content.decode()
    assert AwbNumber.objects.count() == 1


# --- who may see what -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_ops_pages_are_for_staff_only(client, artisan_a):
    partner, user = artisan_a
    shipment = manifested(parcel(partner), awb="ODP000000001")
    urls = [
        label_url(shipment),
        label_url(shipment, "label-pdf"),
        AWB_RANGES,
        reverse("fulfilment-ops:manifest", kwargs={"partner_pk": partner.pk}),
    ]
    for url in urls:
        assert "login" in client.get(url)["Location"]
    assert "login" in client.post(BULK, {"shipment": [shipment.pk]})["Location"]
    client.force_login(user)
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(BULK, {"shipment": [shipment.pk]}).status_code == 403


@pytest.mark.django_db
def test_an_artisan_prints_their_own_labels_and_never_anothers(client, artisan_a, artisan_b):
    mine = manifested(parcel(artisan_a[0]), awb="ODP000000001")
    theirs = manifested(parcel(artisan_b[0]), awb="ODP000000002")
    client.force_login(artisan_a[1])
    page = client.get(label_url(mine, area="fulfilment-studio"))
    assert page.status_code == 200 and 'aria-label="ODP000000001"' in page.content.decode()
    assert label_url(mine, "label-pdf", "fulfilment-studio") in page.content.decode()
    pdf = client.get(label_url(mine, "label-pdf", "fulfilment-studio"))
    assert pdf.status_code == 200 and "ODP000000001" in pdf_text(pdf.content)
    for kind in ("label", "label-pdf"):
        assert client.get(label_url(theirs, kind, "fulfilment-studio")).status_code == 404
        assert client.post(label_url(theirs, kind, "fulfilment-studio")).status_code == 404
        assert client.post(label_url(mine, kind, "fulfilment-studio")).status_code == 405


@pytest.mark.django_db
def test_an_artisans_manifest_shows_only_their_parcels(client, artisan_a, artisan_b):
    manifested(parcel(artisan_a[0]), awb="ODP000000001")
    manifested(parcel(artisan_b[0]), awb="ODP000000002")
    client.force_login(artisan_a[1])
    html = client.get(reverse("fulfilment-studio:manifest")).content.decode()
    assert "ODP000000001" in html and "ODP000000002" not in html
    assert "Ansari Brass Works" in html


@pytest.mark.django_db
def test_studio_pages_need_a_signed_in_artisan(client, artisan_a, django_user_model):
    shipment = manifested(parcel(artisan_a[0]), awb="ODP000000001")
    urls = [
        label_url(shipment, area="fulfilment-studio"),
        label_url(shipment, "label-pdf", "fulfilment-studio"),
        reverse("fulfilment-studio:manifest"),
    ]
    for url in urls:
        assert "login" in client.get(url)["Location"]
    client.force_login(django_user_model.objects.create_user(username="shopper", password="pass-1234-word"))
    for url in urls:
        assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_manifest_page_in_hindi(client, artisan_a):
    manifested(parcel(artisan_a[0]), awb="ODP000000001")
    client.force_login(artisan_a[1])
    with translation.override("en"):  # the request activates Hindi for the thread; later tests expect English
        response = client.get(reverse("fulfilment-studio:manifest"), HTTP_ACCEPT_LANGUAGE="hi")
    assert response.status_code == 200 and '<html lang="hi">' in response.content.decode()
