"""Every page that shows an order, and its confirmation e-mail, links to the order's tax invoices, and
each link opens for the person it is shown to."""

import re

import pytest
from django.core import mail
from oscar.core.loading import get_model

from fulfilment.models import Shipment
from invoices.models import Invoice
from invoices.services import invoices_issue
from tests.factories_fulfilment import order_with_shipments
from tests.functional.artisans.conftest import make_artisan
from tests.functional.checkout_ext.test_money_on_every_page import fill_basket, to_payment, two_artisans  # noqa: F401
from tests.functional.invoices.test_invoice_pages import placed  # noqa: F401
from tests.integration.checkout_ext.conftest import place_cod_order

Order = get_model("order", "Order")
LINK = re.compile(r'<li data-invoice-link><a href="([^"]+)">([^<]+)</a> · <a href="([^"]+)">')


def links(html: str) -> list[tuple[str, str, str]]:
    return LINK.findall(html)


def assert_each_opens(client, found) -> None:
    for url, _label, pdf_url in found:
        assert client.get(url).status_code == 200, url
        pdf = client.get(pdf_url)
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), pdf_url


@pytest.mark.django_db
def test_the_order_status_page_links_the_guest_to_every_invoice(client, placed):  # noqa: F811
    page = client.get(f"/accounts/order-status/{placed.number}/{placed.verification_hash()}/").content.decode()
    found = links(page)
    numbers = set(Invoice.objects.filter(order=placed, kind="invoice").values_list("number", flat=True))
    # two artisans' parcels and the shop's shipping and fee, each named with its number
    assert len(found) == 3 and all(any(number in label for number in numbers) for _url, label, _pdf in found)
    assert any("shipping and the cash on delivery fee" in label for _url, label, _pdf in found)
    assert_each_opens(client, found)


@pytest.mark.django_db
def test_a_guests_invoice_link_opened_without_the_email_check_asks_for_it(client, placed):  # noqa: F811
    shipment = Shipment.objects.filter(group__order=placed).first()
    client.logout()
    url = f"/accounts/order-status/{placed.number}/{placed.verification_hash()}/invoices/{shipment.pk}/"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].endswith(
        f"/accounts/order-status/{placed.number}/{placed.verification_hash()}/"
    )
    assert b"INV/" not in client.get(url, follow=True).content


@pytest.mark.django_db
def test_the_confirmation_email_links_absolutely_to_every_invoice(
    client,
    two_artisans,  # noqa: F811
    settings,
    django_capture_on_commit_callbacks,
):
    settings.SITE_URL = "https://odop.example"
    fill_basket(client, *two_artisans)
    to_payment(client)
    with django_capture_on_commit_callbacks(execute=True):
        assert place_cod_order(client).status_code == 302
    message = mail.outbox[-1]
    text, html = message.body, message.alternatives[0][0]
    for number in Invoice.objects.filter(kind="invoice").values_list("number", flat=True):
        assert number in text and number in html
    urls = re.findall(r"https://odop\.example(/accounts/order-status/\S+?/invoices/[\w.]+?/?)(?=[\s)\"<])", text)
    assert len(urls) == 6  # three invoices, each as page and PDF
    assert set(re.findall(r'href="https://odop\.example(/accounts/order-status/[^"]+/invoices/[^"]+)"', html)) == set(
        urls
    )
    assert "http://example.com" not in text + html
    # the HTML part is in the shop's look: its name on the storefront's indigo, its own address in the footer
    assert 'class="content-block shop-email-header" style="background-color:#2b3a67' in html
    assert (
        ">ODOP Bazaar</a>" in html
        and 'href="https://odop.example/"' in html
        and "Thanks for using our site" not in html
    )
    # and the guest, once past the order-status e-mail check, opens each of them
    order = Order.objects.get()
    client.post(
        f"/accounts/order-status-form/{order.number}/{order.verification_hash()}/", {"email": "guest@example.com"}
    )
    for path in urls:
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
def test_the_shoppers_order_page_links_to_every_invoice(client, odop_reference, django_user_model):
    shopper = django_user_model.objects.create_user(username="s", email="s@example.com", password="pass-1234-word")
    order = order_with_shipments(
        partners=[make_artisan(name="A").profile.partner, make_artisan(name="B").profile.partner], user=shopper
    )
    client.force_login(shopper)
    found = links(client.get(f"/accounts/orders/{order.number}/").content.decode())
    assert len(found) == 3 and all(
        url.startswith(f"/accounts/orders/{order.number}/invoices/") for url, _l, _p in found
    )
    assert_each_opens(client, found)


@pytest.mark.django_db
def test_ops_and_the_artisan_reach_the_invoices_from_their_order_pages(client, admin_client, odop_reference):
    a, b = make_artisan(name="Ansari Brass"), make_artisan(name="Qureshi Brass")
    order = order_with_shipments(partners=[a.profile.partner, b.profile.partner])
    invoices_issue(order=order)
    # ops: the dashboard order page links every invoice, the shop's too
    found = links(admin_client.get(f"/dashboard/orders/{order.number}/").content.decode())
    assert len(found) == 3
    assert_each_opens(admin_client, found)
    # the artisan: their parcel's page links their own invoice only
    mine = Shipment.objects.get(group__order=order, group__partner=a.profile.partner)
    client.force_login(a.user)
    found = links(client.get(f"/artisans/studio/shipments/{mine.pk}/").content.decode())
    assert [label for _url, label, _pdf in found] == [
        f"Tax invoice from Ansari Brass {Invoice.objects.get(shipment_group=mine.group).number}"
    ]
    assert_each_opens(client, found)
