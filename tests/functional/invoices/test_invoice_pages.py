"""A GST tax invoice per parcel: who may see it, what it says, and that its figures are the order's."""

import re
from decimal import Decimal as D

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from fulfilment.models import Shipment
from invoices.models import Invoice
from invoices.services import credit_note_for_return, credit_notes_for_refund, financial_year_of
from tests.functional.checkout_ext.test_money_on_every_page import fill_basket, to_payment, two_artisans  # noqa: F401
from tests.integration.checkout_ext.conftest import place_cod_order

Order = get_model("order", "Order")
FIGURE = re.compile(r'data-invoice="([\w-]+)"[^>]*>\s*([^<]*?)\s*<')


def invoice_figures(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, text in FIGURE.findall(html):
        found.setdefault(name, []).append(text)
    return found


def money(text: str) -> D:
    return D(text.replace("₹", "").replace(",", ""))


@pytest.fixture
def placed(client, two_artisans, django_capture_on_commit_callbacks):  # noqa: F811
    """A guest's COD order of two artisans' goods, the guest signed in to its order-status page."""
    fill_basket(client, *two_artisans)
    to_payment(client)
    with django_capture_on_commit_callbacks(execute=True):
        assert place_cod_order(client).status_code == 302
    order = Order.objects.get()
    client.post(
        f"/accounts/order-status-form/{order.number}/{order.verification_hash()}/", {"email": "guest@example.com"}
    )
    return order


def guest_url(order, shipment, suffix="/"):
    return f"/accounts/order-status/{order.number}/{order.verification_hash()}/invoices/{shipment.pk}{suffix}"


@pytest.mark.django_db
def test_each_parcel_gets_an_invoice_numbered_in_its_artisans_series(placed):
    invoices = list(Invoice.objects.filter(order=placed, partner__isnull=False).order_by("pk"))
    year = financial_year_of(timezone.now())
    expected = f"INV/{year % 100:02d}{(year + 1) % 100:02d}/00001"
    assert [invoice.number for invoice in invoices] == [expected, expected]  # each artisan's first
    assert len({invoice.partner_id for invoice in invoices}) == 2
    assert all(len(invoice.number) <= 16 for invoice in invoices)


@pytest.mark.django_db
def test_the_guest_reads_each_invoice_and_its_figures_are_the_parcels(client, placed):
    for shipment in Shipment.objects.filter(group__order=placed).select_related("group__partner"):
        response = client.get(guest_url(placed, shipment))
        assert response.status_code == 200
        html = response.content.decode()
        found = invoice_figures(html)
        lines = list(shipment.group.lines.all())
        # the totals are the stored lines', and they add up
        assert money(found["total"][0]) == sum((line.line_price_incl_tax for line in lines), D("0"))
        assert money(found["total-taxable"][0]) == sum((line.taxable_value for line in lines), D("0"))
        taxes = [money(found[name][0]) for name in ("total-cgst", "total-sgst", "total-igst") if name in found]
        assert money(found["total-taxable"][0]) + sum(taxes) == money(found["total"][0])
        assert found["words"][0].startswith("Rupees ")
        # place of supply is the buyer's state with its GST code; the supplier has no GSTIN yet
        assert "Maharashtra (27)" in found["place-of-supply"][0]
        assert "Not registered under GST" in found["supplier-gstin"][0]
        same_state = shipment.group.partner.name == "Pune Weaves"
        assert ("total-cgst" in found) is same_state and ("total-igst" in found) is not same_state
        # a QR code leads back to the product's page
        assert "<svg" in html and "/catalogue/" in html
        assert "e-commerce operator" in html
        pdf = client.get(guest_url(placed, shipment, ".pdf"))
        assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", ["abc", "0", "999999", "-1", "1e3", "9" * 30])
def test_a_tampered_invoice_url_is_a_404_never_a_500(client, placed, tamper):
    response = client.get(f"/accounts/order-status/{placed.number}/{placed.verification_hash()}/invoices/{tamper}/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_nobody_else_gets_the_invoice(client, placed, django_user_model):
    shipment = Shipment.objects.filter(group__order=placed).first()
    # a wrong hash, another session without the e-mail confirmation, a signed-in stranger
    assert client.get(f"/accounts/order-status/{placed.number}/0:bad/invoices/{shipment.pk}/").status_code == 404
    client.logout()
    assert b"INV/" not in client.get(guest_url(placed, shipment), follow=True).content  # asked for the e-mail first
    stranger = django_user_model.objects.create_user(username="x", email="x@example.com", password="pass-1234-word")
    client.force_login(stranger)
    assert client.get(f"/accounts/orders/{placed.number}/invoices/{shipment.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_artisan_sees_their_own_invoice_in_the_studio_and_ops_in_the_dashboard(client, admin_client, placed):
    shipment = Shipment.objects.select_related("group__partner").filter(group__order=placed).first()
    assert admin_client.get(f"/dashboard/fulfilment/shipments/{shipment.pk}/invoice/").status_code == 200
    assert admin_client.get(f"/dashboard/fulfilment/shipments/{shipment.pk}/invoice.pdf").content.startswith(b"%PDF")
    bulk = admin_client.post("/dashboard/fulfilment/invoices.pdf", {"shipment": [s.pk for s in Shipment.objects.all()]})
    assert bulk.status_code == 200 and bulk.content.startswith(b"%PDF")
    refused = admin_client.post("/dashboard/fulfilment/invoices.pdf", {"shipment": ["x"]})
    assert refused.status_code == 302


@pytest.mark.django_db
def test_credit_notes_have_their_own_series_and_refer_to_the_invoice(placed):
    group = placed.shipment_groups.order_by("pk").first()
    invoice = Invoice.objects.get(shipment_group=group, kind="invoice")
    note = credit_note_for_return(shipment_group=group, reference="rto-1", reason="Returned to origin")
    assert note.number.startswith("CN/") and note.number.endswith("/00001") and note.refers_to == invoice
    lines = list(group.lines.all())
    assert note.taxable_value == sum((line.taxable_value for line in lines), D("0"))
    assert note.cgst + note.sgst + note.igst == sum((line.cgst + line.sgst + line.igst for line in lines), D("0"))
    # the same event again gives the same note; a refund is a new note in the same series
    assert credit_note_for_return(shipment_group=group, reference="rto-1", reason="Returned to origin") == note
    # a refund then credits the other invoices their share; the returned parcel's is already wholly credited
    notes = credit_notes_for_refund(order=placed, amount=D("500.00"), reference="re_1")
    assert notes and all(n.refers_to_id != invoice.pk for n in notes)
    other = Invoice.objects.exclude(pk=invoice.pk).filter(order=placed, kind="invoice", partner__isnull=False).get()
    assert [n.number[-5:] for n in notes if n.partner_id == other.partner_id] == ["00001"]
    assert note.credit_notes.count() == 0 and invoice.credit_notes.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", ["abc", "0", "999999", "1e3", "9" * 30, "services2", "%2e%2e"])
def test_every_tampered_invoice_url_is_a_404_for_everyone_never_a_500(
    client, admin_client, placed, tamper, django_user_model
):
    guest = f"/accounts/order-status/{placed.number}/{placed.verification_hash()}/invoices/{tamper}"
    assert client.get(f"{guest}/").status_code == 404
    assert client.get(f"{guest}.pdf").status_code == 404
    for path in (
        f"/dashboard/fulfilment/shipments/{tamper}/invoice/",
        f"/dashboard/fulfilment/shipments/{tamper}/invoice.pdf",
        f"/dashboard/fulfilment/orders/{tamper}/services-invoice/",
        f"/accounts/orders/{tamper}/invoices/services/",
    ):
        assert admin_client.get(path).status_code == 404, path
    # a tampered order number with a real parcel id, and another order's hash
    shipment = Shipment.objects.filter(group__order=placed).first()
    assert (
        client.get(f"/accounts/order-status/{tamper}/{placed.verification_hash()}/invoices/{shipment.pk}/").status_code
        == 404
    )
