from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from fulfilment.models import CodRemittance, CodRemittanceLine
from fulfilment.remittance import forms
from fulfilment.remittance.services import cod_remittance_import, cod_remittance_line_resolve
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import carrier
from tests.factories_remittance import parcel, remittance_csv

pytestmark = pytest.mark.usefixtures("odop_reference")
LIST = reverse("fulfilment-ops:remittance-list")
OUTSTANDING = reverse("fulfilment-ops:cod-outstanding")


@pytest.fixture
def partner(db):
    return VerifiedArtisanPartnerFactory(name="Ansari Brass Works")


@pytest.fixture
def aggregator(db):
    return carrier("aggregator")


def upload(client, data: bytes, *, carrier_pk: int, name: str = "june.csv"):
    return client.post(LIST, {"carrier": carrier_pk, "file": SimpleUploadedFile(name, data, content_type="text/csv")})


@pytest.mark.django_db
def test_ops_upload_a_good_file_and_land_on_its_reconciliation(ops_client, ops, partner, aggregator):
    # given a delivered COD parcel
    parcel(partner=partner, awb="AGG1")
    # when ops upload the carrier's file
    data = remittance_csv(("AGG1", "1,309.00", "UTR1", "2024-06-15"), ("AGG9", "10", "UTR1", "2024-06-15"))
    response = upload(ops_client, data, carrier_pk=aggregator.pk)
    # then they are taken to the file's page, which shows the outcome of each row
    remittance = CodRemittance.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("fulfilment-ops:remittance-detail", kwargs={"remittance_pk": remittance.pk})
    assert remittance.imported_by == ops
    page = ops_client.get(response.url)
    assert "june.csv imported: 2 rows." in page.content.decode()
    assert "Unknown AWB" in page.content.decode()


@pytest.mark.django_db
def test_a_malformed_upload_names_the_file_line_and_reason_and_writes_nothing(ops_client, partner, aggregator):
    data = remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15"), ("AGG2", "1309.00", "UTR1", "2024-02-30"))
    response = upload(ops_client, data, carrier_pk=aggregator.pk, name="june-bad.csv")
    assert response.status_code == 200
    assert (
        "june-bad.csv, line 3: date &#x27;2024-02-30&#x27; does not exist. Nothing was imported."
        in response.content.decode()
    )
    assert CodRemittance.objects.count() == 0


@pytest.mark.django_db
def test_the_same_file_uploaded_again_is_refused_politely(ops_client, aggregator):
    data = remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15"))
    upload(ops_client, data, carrier_pk=aggregator.pk)
    response = upload(ops_client, data, carrier_pk=aggregator.pk, name="june-again.csv")
    assert response.status_code == 200
    assert "This file was already imported on" in response.content.decode()
    assert "nothing was imported again" in response.content.decode()
    assert CodRemittance.objects.count() == 1


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused(ops_client, aggregator, monkeypatch):
    monkeypatch.setattr(forms, "MAX_UPLOAD_MB", 0)
    response = upload(ops_client, remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15")), carrier_pk=aggregator.pk)
    assert "The file is larger than 0 MB." in response.content.decode()
    assert CodRemittance.objects.count() == 0


@pytest.mark.django_db
def test_a_carrier_without_remittance_files_cannot_be_chosen(ops_client):
    self_ship = carrier("self-ship")
    response = upload(ops_client, remittance_csv(("AGG1", "1309.00", "UTR1", "2024-06-15")), carrier_pk=self_ship.pk)
    assert "Select a valid choice" in response.content.decode()
    assert CodRemittance.objects.count() == 0


@pytest.mark.django_db
def test_a_missing_file_is_asked_for(ops_client, aggregator):
    response = ops_client.post(LIST, {"carrier": aggregator.pk})
    assert "This field is required." in response.content.decode()


@pytest.fixture
def remittances(partner, aggregator):
    """Three imported files, each with matched, short and unknown rows."""
    files = []
    for n in range(3):
        parcel(partner=partner, awb=f"AGG{n}A")
        parcel(partner=partner, awb=f"AGG{n}B")
        files.append(
            cod_remittance_import(
                carrier=aggregator,
                data=remittance_csv(
                    (f"AGG{n}A", "1309", f"UTR{n}", "2024-06-15"),
                    (f"AGG{n}B", "1000", f"UTR{n}", "2024-06-15"),
                    (f"NOBODY{n}", "5", f"UTR{n}", "2024-06-15"),
                ),
                file_name=f"june-{n}.csv",
            )
        )
    return files


@pytest.mark.django_db
def test_the_list_shows_each_file_with_its_totals_in_few_queries(
    ops_client, remittances, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = ops_client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="remittance-row"') == 3
    assert "june-2.csv" in html and "₹2,314.00" in html and "₹1,309.00" in html


@pytest.mark.django_db
def test_the_detail_page_lists_discrepancies_first_and_filters_by_outcome(
    ops_client, ops, remittances, django_assert_max_num_queries
):
    # given a file with a matched, a short (already resolved) and an unknown-AWB line
    remittance = remittances[0]
    cod_remittance_line_resolve(line=remittance.lines.get(outcome="short"), user=ops, note="Balance recovered")
    url = reverse("fulfilment-ops:remittance-detail", kwargs={"remittance_pk": remittance.pk})
    # when ops open it
    with django_assert_max_num_queries(11):
        response = ops_client.get(url)
    # then what is left to resolve comes first, then what was resolved, then the matched lines
    html = response.content.decode()
    assert [line.outcome for line in response.context["lines"]] == ["unknown_awb", "short", "matched"]
    assert html.count('name="note"') == 1
    assert f'name="next" value="{url}"' in html
    assert "Balance recovered" in html and "Ansari Brass Works" in html
    assert remittance.lines.get(outcome="matched").shipment.group.order.number in html
    # and they can look at one outcome only; an unknown outcome shows everything
    filtered = ops_client.get(url, {"outcome": "unknown_awb"})
    assert [line.awb for line in filtered.context["lines"]] == ["NOBODY0"]
    nonsense = ops_client.get(url, {"outcome": "nonsense"})
    assert len(nonsense.context["lines"]) == 3


@pytest.mark.django_db
def test_the_detail_page_is_paginated_in_constant_queries(
    ops_client, partner, aggregator, django_assert_max_num_queries
):
    # given a 60-row file remitting one parcel again and again (one matched line, 59 duplicates)
    parcel(partner=partner, awb="AGG1")
    remittance = cod_remittance_import(
        carrier=aggregator, data=remittance_csv(*[("AGG1", "1309", "UTR", "2024-06-15")] * 60), file_name="a.csv"
    )
    url = reverse("fulfilment-ops:remittance-detail", kwargs={"remittance_pk": remittance.pk})
    # when ops page through it / then fifty lines a page, in as many queries as for three lines
    with django_assert_max_num_queries(11):
        first = ops_client.get(url)
    assert len(first.context["lines"]) == 50
    assert len(ops_client.get(url, {"page": 2}).context["lines"]) == 10


@pytest.mark.django_db
def test_an_unknown_remittance_is_404(ops_client):
    assert ops_client.get(reverse("fulfilment-ops:remittance-detail", kwargs={"remittance_pk": 999})).status_code == 404


@pytest.mark.django_db
def test_ops_resolve_a_discrepancy_with_a_note(ops_client, ops, remittances):
    line = remittances[0].lines.get(outcome="short")
    detail = reverse("fulfilment-ops:remittance-detail", kwargs={"remittance_pk": line.remittance_id})
    resolve = reverse("fulfilment-ops:remittance-line-resolve", kwargs={"line_pk": line.pk})
    # when ops post a note, coming from the filtered list
    response = ops_client.post(resolve, {"note": "Carrier paid the balance", "next": f"{detail}?outcome=short"})
    # then they go back where they were, and the line shows the note
    assert response.status_code == 302 and response.url == f"{detail}?outcome=short"
    line.refresh_from_db()
    assert (line.resolution_note, line.resolved_by) == ("Carrier paid the balance", ops)
    page = ops_client.get(response.url).content.decode()
    assert "Line 3 resolved." in page and "Carrier paid the balance" in page


@pytest.mark.django_db
def test_a_resolution_without_a_note_is_refused_with_a_message(ops_client, remittances):
    line = remittances[0].lines.get(outcome="short")
    resolve = reverse("fulfilment-ops:remittance-line-resolve", kwargs={"line_pk": line.pk})
    # when the note is blank and the page to go back to is another site's
    response = ops_client.post(resolve, {"note": " ", "next": "https://evil.example/"}, follow=True)
    # then ops are back on the file's page with the reason, and the line is still open
    detail = reverse("fulfilment-ops:remittance-detail", kwargs={"remittance_pk": line.remittance_id})
    assert response.redirect_chain[0][0] == detail
    assert "Line 3: write a note of at most 300 characters." in response.content.decode()
    line.refresh_from_db()
    assert line.resolved_at is None


@pytest.mark.django_db
def test_resolving_a_matched_line_is_refused_with_a_message(ops_client, remittances):
    line = remittances[0].lines.get(outcome="matched")
    response = ops_client.post(
        reverse("fulfilment-ops:remittance-line-resolve", kwargs={"line_pk": line.pk}), {"note": "ok"}, follow=True
    )
    assert "Line 2: A matched line has nothing to resolve." in response.content.decode()
    assert not CodRemittanceLine.objects.filter(resolved_at__isnull=False).exists()


@pytest.mark.django_db
def test_resolve_takes_only_post(ops_client, remittances):
    line = remittances[0].lines.get(outcome="short")
    assert (
        ops_client.get(reverse("fulfilment-ops:remittance-line-resolve", kwargs={"line_pk": line.pk})).status_code
        == 405
    )


@pytest.mark.django_db
def test_cod_outstanding_shows_ageing_per_carrier_and_the_overdue_parcels(
    ops_client, partner, django_assert_max_num_queries
):
    now = timezone.now()
    parcel(partner=partner, awb="AGG-NEW", delivered_at=now - timedelta(days=2))
    late = [parcel(partner=partner, awb=f"AGG-LATE{n}", delivered_at=now - timedelta(days=10 + n)) for n in range(3)]
    with django_assert_max_num_queries(8):
        response = ops_client.get(OUTSTANDING)
    html = response.content.decode()
    assert response.status_code == 200
    assert "0–7 days" in html and "31+ days" in html
    assert "₹5,236.00" in html  # four parcels of ₹1,309.00 outstanding
    assert html.count('class="overdue-row"') == 3
    assert late[2].group.order.number in html and "AGG-LATE2" in html and "Ansari Brass Works" in html
    assert [(shipment.awb, days) for shipment, days in response.context["overdue_rows"]] == [
        ("AGG-LATE2", 12),
        ("AGG-LATE1", 11),
        ("AGG-LATE0", 10),
    ]
    # the "All carriers" row adds up each age bucket too
    footer = html.split("<tfoot>")[1].split("</tfoot>")[0]
    assert "<td>1 · ₹1,309.00</td><td>3 · ₹3,927.00</td><td>0 · ₹0.00</td><td>0 · ₹0.00</td>" in footer


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["remittance-list", "cod-outstanding"])
def test_only_ops_staff_see_the_remittance_screens(client, django_user_model, url_name):
    url = reverse(f"fulfilment-ops:{url_name}")
    assert client.get(url).status_code == 302  # anonymous: sign in first
    client.force_login(django_user_model.objects.create_user(username="shopper", password="pass-1234-word"))
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_a_non_staff_user_cannot_upload_or_resolve(client, django_user_model, remittances, aggregator):
    client.force_login(django_user_model.objects.create_user(username="shopper", password="pass-1234-word"))
    assert (
        upload(client, remittance_csv(("AGG1", "1", "UTR", "2024-06-15")), carrier_pk=aggregator.pk).status_code == 403
    )
    line = remittances[0].lines.get(outcome="short")
    response = client.post(
        reverse("fulfilment-ops:remittance-line-resolve", kwargs={"line_pk": line.pk}), {"note": "x"}
    )
    assert response.status_code == 403
    assert CodRemittance.objects.count() == 3
    line.refresh_from_db()
    assert line.resolved_at is None
