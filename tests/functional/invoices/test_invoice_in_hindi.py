"""Invoices in Hindi: the page's labels in Hindi, the PDF's in Hindi with English beside, drawn in a font
that has Devanagari and shaped (the amount in words and the legal figures stay as the GST rules write them)."""

import re

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from fulfilment.models import Shipment
from invoices.pdf import REGULAR, fonts_register
from tests.functional.checkout_ext.test_money_on_every_page import fill_basket, to_payment, two_artisans  # noqa: F401
from tests.functional.invoices.test_invoice_pages import guest_url, invoice_figures, placed  # noqa: F401


@pytest.fixture
def drawn(monkeypatch):
    """Every string the PDF draws, with whether it was shaped."""
    calls = []
    for name in ("drawString", "drawRightString"):
        original = getattr(canvas.Canvas, name)

        def record(self, x, y, text, *args, _original=original, **kwargs):
            calls.append((str(text), kwargs.get("shaping", False)))
            return _original(self, x, y, text, *args, **kwargs)

        monkeypatch.setattr(canvas.Canvas, name, record)
    return calls


@pytest.mark.django_db
def test_the_invoice_page_reads_in_hindi(client, placed):  # noqa: F811
    shipment = Shipment.objects.filter(group__order=placed).first()
    client.cookies["django_language"] = "hi"
    html = client.get(guest_url(placed, shipment), HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    for label in ("कर बीजक", "आपूर्तिकर्ता", "खरीदार", "आपूर्ति का स्थान", "कर योग्य मूल्य", "PDF डाउनलोड करें"):
        assert label in html
    assert invoice_figures(html)["words"][0].startswith("Rupees ")  # as the GST rules write it
    services = client.get(f"/accounts/order-status/{placed.number}/{placed.verification_hash()}/invoices/services/")
    assert "शिपिंग और कैश ऑन डिलीवरी शुल्क" in services.content.decode()


@pytest.mark.django_db
def test_the_pdf_in_hindi_has_hindi_labels_beside_english_drawn_shaped_in_mukta(client, placed, drawn):  # noqa: F811
    fonts_register()
    assert pdfmetrics.getFont(REGULAR).shapable  # uharfbuzz is installed: matras and conjuncts are placed right
    shipment = Shipment.objects.filter(group__order=placed).first()
    client.cookies["django_language"] = "hi"
    pdf = client.get(guest_url(placed, shipment, ".pdf"), HTTP_ACCEPT_LANGUAGE="hi")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    texts = dict(drawn)
    assert texts.get("कर बीजक / Tax invoice") is True
    assert any(text.startswith("आपूर्तिकर्ता / Supplier") and shaped for text, shaped in drawn)
    assert any(text.startswith("Rupees ") for text in texts)
    fonts = set(re.findall(rb"/BaseFont /\w+\+([\w-]+)", pdf.content))
    assert {b"Mukta-Regular", b"Mukta-Bold"} <= fonts


@pytest.mark.django_db
def test_the_pdf_in_english_has_no_hindi(client, placed, drawn):  # noqa: F811
    shipment = Shipment.objects.filter(group__order=placed).first()
    client.cookies["django_language"] = "en"
    assert client.get(guest_url(placed, shipment, ".pdf"), HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    assert "Tax invoice" in {text for text, _shaped in drawn}
    assert not any(re.search(r"[\u0900-\u097F]", text) for text, _shaped in drawn)
