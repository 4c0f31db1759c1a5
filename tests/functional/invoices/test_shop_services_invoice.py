"""The shop's own tax invoice for what it bills (shipping and the COD fee), and its credit notes."""

from decimal import Decimal as D

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from fulfilment.models import Shipment
from invoices.models import Invoice
from invoices.services import credit_notes_for_refund, financial_year_of, invoices_issue
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import order_with_shipments
from tests.functional.checkout_ext.test_money_on_every_page import fill_basket, to_payment, two_artisans  # noqa: F401
from tests.functional.invoices.test_invoice_pages import guest_url, invoice_figures, money, placed  # noqa: F401
from tests.integration.checkout_ext.conftest import place_cod_order

Order = get_model("order", "Order")
ShipmentGroup = get_model("order", "ShipmentGroup")


def services_url(order, suffix="/"):
    return f"/accounts/order-status/{order.number}/{order.verification_hash()}/invoices/services{suffix}"


def note_total(note) -> D:
    return note.taxable_value + note.cgst + note.sgst + note.igst


@pytest.mark.django_db
def test_the_shop_invoices_shipping_and_the_fee_in_its_own_series(client, placed):  # noqa: F811
    # Given the guest's two-artisan COD order to Mumbai (MH); the shop is in UP
    shop = Invoice.objects.get(order=placed, partner__isnull=True)
    year = financial_year_of(timezone.now())
    assert shop.number == f"SRV/{year % 100:02d}{(year + 1) % 100:02d}/00001" and len(shop.number) <= 16
    # When the guest opens it through the order-status link
    response = client.get(services_url(placed))
    # Then it lists each parcel's shipping and the COD fee, with the SAC, IGST (another state) and words
    assert response.status_code == 200
    html = response.content.decode()
    found = invoice_figures(html)
    fee = placed.surcharges.get(code="cod-fee").incl_tax
    assert money(found["total"][0]) == placed.shipping_incl_tax + fee
    assert sorted(money(value) for value in found["line-total"]) == sorted(
        [*(group.shipping_charge for group in placed.shipment_groups.all()), fee]
    )
    assert money(found["total-taxable"][0]) + money(found["total-igst"][0]) == money(found["total"][0])
    assert "total-cgst" not in found and "Maharashtra (27)" in found["place-of-supply"][0]
    assert "996812" in html and "Cash on delivery fee" in html and found["words"][0].startswith("Rupees ")
    assert "ODOP Bazaar" in html and "Uttar Pradesh (09)" in html
    # and its figures are the ones the order pages show: taxable value + GST of services = order's
    services_taxable = placed.total_excl_tax - sum((line.taxable_value for line in placed.lines.all()), D("0"))
    assert money(found["total-taxable"][0]) == services_taxable
    pdf = client.get(services_url(placed, ".pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_a_buyer_in_the_shops_state_is_billed_cgst_and_sgst(
    client,
    two_artisans,  # noqa: F811
    settings,
    django_capture_on_commit_callbacks,
):
    # Given the shop registered in Maharashtra, the buyer's state, when the order is placed
    settings.SHOP_STATE_CODE = "MH"
    fill_basket(client, *two_artisans)
    to_payment(client)
    with django_capture_on_commit_callbacks(execute=True):
        assert place_cod_order(client).status_code == 302
    order = Order.objects.get()
    client.post(
        f"/accounts/order-status-form/{order.number}/{order.verification_hash()}/", {"email": "guest@example.com"}
    )
    # Then the shop's invoice splits its GST into CGST and SGST, which add up
    found = invoice_figures(client.get(services_url(order)).content.decode())
    assert "total-igst" not in found
    assert money(found["total-taxable"][0]) + money(found["total-cgst"][0]) + money(found["total-sgst"][0]) == money(
        found["total"][0]
    )


@pytest.mark.django_db
def test_only_the_shopper_the_guest_and_ops_get_the_shops_invoice(client, admin_client, placed, django_user_model):  # noqa: F811
    assert admin_client.get(f"/dashboard/fulfilment/orders/{placed.number}/services-invoice/").status_code == 200
    assert admin_client.get(f"/dashboard/fulfilment/orders/{placed.number}/services-invoice.pdf").content.startswith(
        b"%PDF"
    )
    assert admin_client.get("/dashboard/fulfilment/orders/nope/services-invoice/").status_code == 404
    # a wrong hash, a tampered number, a signed-in stranger: 404; without the e-mail check: not shown
    assert client.get(f"/accounts/order-status/{placed.number}/0:bad/invoices/services/").status_code == 404
    assert (
        client.get(
            f"/accounts/order-status/9{placed.number}/{placed.verification_hash()}/invoices/services/"
        ).status_code
        == 404
    )
    client.logout()
    assert b"SRV/" not in client.get(services_url(placed), follow=True).content  # asked for the e-mail first
    stranger = django_user_model.objects.create_user(username="x", email="x@example.com", password="pass-1234-word")
    client.force_login(stranger)
    assert client.get(f"/accounts/orders/{placed.number}/invoices/services/").status_code == 404


@pytest.mark.django_db
def test_the_signed_in_shopper_reads_the_shops_invoice(client, odop_reference, django_user_model):
    shopper = django_user_model.objects.create_user(username="s", email="s@example.com", password="pass-1234-word")
    order = order_with_shipments(partners=[VerifiedArtisanPartnerFactory()], user=shopper)
    client.force_login(shopper)
    response = client.get(f"/accounts/orders/{order.number}/invoices/services/")
    assert response.status_code == 200
    assert money(invoice_figures(response.content.decode())["total"][0]) == D("60.00")


def _order_with_services(**kwargs):
    """Two artisans' ₹1,249 goods, ₹60 shipping each with 18 % GST inside (the shop in UP, buyer in MH)."""
    order = order_with_shipments(partners=[VerifiedArtisanPartnerFactory(), VerifiedArtisanPartnerFactory()], **kwargs)
    ShipmentGroup.objects.filter(order=order).update(service_gst_rate=D("18"), service_state="UP", supply_state="MH")
    invoices_issue(order=order)
    return order


@pytest.mark.django_db
def test_a_full_refund_credits_every_invoice_in_full_the_shops_too(odop_reference):
    order = _order_with_services()
    notes = credit_notes_for_refund(order=order, amount=order.total_incl_tax, reference="re_full")
    by_invoice = {note.refers_to_id: note for note in notes}
    shop = Invoice.objects.get(order=order, partner__isnull=True, kind="invoice")
    assert note_total(by_invoice[shop.pk]) == D("120.00") and by_invoice[shop.pk].number.startswith("SCN/")
    assert (by_invoice[shop.pk].taxable_value, by_invoice[shop.pk].igst) == (
        D("101.70"),
        D("18.30"),
    )  # per parcel, as billed
    assert sum((note_total(note) for note in notes), D("0")) == order.total_incl_tax


@pytest.mark.django_db
def test_a_partial_refund_is_shared_over_goods_and_shipping_and_adds_up(odop_reference):
    order = _order_with_services()  # ₹2,618 in all: ₹2,498 goods, ₹120 shipping
    notes = credit_notes_for_refund(order=order, amount=D("261.80"), reference="re_part")
    assert sum((note_total(note) for note in notes), D("0")) == D("261.80")
    shop_note = next(note for note in notes if note.partner_id is None)
    assert note_total(shop_note) == D("12.00")  # a tenth of the shipping
    # the rest of the money later: whatever is left of each invoice is credited, never more than billed
    rest = credit_notes_for_refund(
        order=order, amount=order.total_incl_tax - D("261.80"), reference="re_rest", refunded_before=D("261.80")
    )
    for invoice in Invoice.objects.filter(order=order, kind="invoice"):
        credited = sum((note_total(note) for note in invoice.credit_notes.all()), D("0"))
        billed = D("120.00") if invoice.partner_id is None else D("1249.00")
        assert credited == billed
    assert len(rest) == 3


@pytest.mark.django_db
def test_a_refund_on_an_order_whose_goods_cost_nothing_credits_only_the_shipping(odop_reference):
    # Given an order whose goods total is zero (a 100 % discount), with ₹120 of shipping
    order = _order_with_services(price=D("0.00"))
    # When part of it is refunded
    notes = credit_notes_for_refund(order=order, amount=D("60.00"), reference="re_zero")
    # Then no artisan's invoice is credited (nothing to share over) and the shop's gets the whole refund
    assert [note.partner_id for note in notes] == [None] and note_total(notes[0]) == D("60.00")


@pytest.mark.django_db
def test_a_refund_on_an_order_that_charged_nothing_issues_no_note(odop_reference):
    order = order_with_shipments(partners=[VerifiedArtisanPartnerFactory()], price=D("0.00"), shipping_charge=D("0.00"))
    invoices_issue(order=order)
    assert not Invoice.objects.filter(order=order, partner__isnull=True).exists()  # the shop billed nothing
    assert credit_notes_for_refund(order=order, amount=D("10.00"), reference="re_nothing") == []


@pytest.mark.django_db
def test_the_invoices_of_an_order_add_up_to_the_order(client, placed):  # noqa: F811
    # Given the guest's order: each artisan's parcel invoice and the shop's, read off their pages
    pages = [client.get(guest_url(placed, shipment)) for shipment in Shipment.objects.filter(group__order=placed)]
    pages.append(client.get(services_url(placed)))
    found = [invoice_figures(page.content.decode()) for page in pages]
    # Then together they are the order's total, and their taxable values its excl-tax total, to the paisa
    assert sum((money(figures["total"][0]) for figures in found), D("0")) == placed.total_incl_tax
    assert sum((money(figures["total-taxable"][0]) for figures in found), D("0")) == placed.total_excl_tax
