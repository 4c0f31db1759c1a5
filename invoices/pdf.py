"""Tax invoices and credit notes as A4 PDF (reportlab), one page per document, in the viewer's language:
in Hindi every heading carries its English beside it (the amount in words stays English, as the GST
rules write it). Mukta (vendored in invoices/fonts/, OFL) has Devanagari, Latin and the ₹ sign; Hindi
text is shaped with HarfBuzz (uharfbuzz) so matras and conjuncts are drawn right."""

import io
import re
from pathlib import Path

from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from invoices.selectors import InvoiceDocument

WIDTH, HEIGHT = A4
MARGIN = 36
QR_SIZE = 54
FONT_DIR = Path(__file__).parent / "fonts"
REGULAR, BOLD = "InvoiceSans", "InvoiceSans-Bold"
DEVANAGARI = re.compile(r"[\u0900-\u097F]")


def fonts_register() -> None:
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, FONT_DIR / "Mukta-Regular.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, FONT_DIR / "Mukta-Bold.ttf"))


def _money(value) -> str:
    return currency(value, "INR")


def _label(text: str) -> str:
    """A heading in the viewer's language, with the English beside it when that is not English."""
    translated = _(text)
    return translated if translated == text else f"{translated} / {text}"


def _draw(pdf, x, y, text, *, right=False) -> None:
    """Draw one line; only text with Devanagari in it is shaped (shaping Latin changes nothing)."""
    text = str(text)
    draw = pdf.drawRightString if right else pdf.drawString
    draw(x, y, text, shaping=bool(DEVANAGARI.search(text)))


def _text(pdf, x, y, text, *, font=REGULAR, size=9, width=None) -> float:
    parts = simpleSplit(str(text), font, size, width or (WIDTH - MARGIN - x))
    pdf.setFont(font, size)
    for part in parts or [""]:
        _draw(pdf, x, y, part)
        y -= size * 1.3
    return y


def _qr(pdf, qr, x, y, size) -> None:
    """The QR code's modules as filled squares (no image files), top-left at (x, y)."""
    matrix = [list(row) for row in qr.matrix_iter(scale=1, border=0)]
    module = size / len(matrix)
    pdf.setFillColorRGB(0, 0, 0)
    path = pdf.beginPath()
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                path.rect(x + col_index * module, y - (row_index + 1) * module, module, module)
    pdf.drawPath(path, stroke=0, fill=1)


def _header(pdf, document: InvoiceDocument, y: float) -> float:
    invoice = document.invoice
    pdf.setFont(BOLD, 15)
    _draw(pdf, MARGIN, y - 12, _label("Credit note" if invoice.is_credit_note else "Tax invoice"))
    pdf.setFont(REGULAR, 9)
    _draw(pdf, WIDTH - MARGIN, y - 4, f"{_('Number')}: {invoice.number}", right=True)
    _draw(pdf, WIDTH - MARGIN, y - 16, f"{_('Date')}: {date_format(localtime(invoice.issued_at), 'j F Y')}", right=True)
    _draw(pdf, WIDTH - MARGIN, y - 28, f"{_('Order')}: {invoice.order.number}", right=True)
    y -= 44
    if document.is_shop_services and not invoice.is_credit_note:
        y = _text(pdf, MARGIN, y, _label("Shipping and the cash on delivery fee"), font=BOLD)
    if document.refers_to is not None:
        y = _text(
            pdf,
            MARGIN,
            y,
            _("Against tax invoice %(number)s of %(date)s. Reason: %(reason)s")
            % {
                "number": document.refers_to.number,
                "date": date_format(localtime(document.refers_to.issued_at), "j F Y"),
                "reason": invoice.reason,
            },
        )
    return y


def _parties(pdf, document: InvoiceDocument, top: float) -> float:
    half = (WIDTH - 2 * MARGIN) / 2
    y = _text(pdf, MARGIN, top, _label("Supplier"), font=BOLD)
    y = _text(pdf, MARGIN, y, document.supplier_name, width=half - 8)
    for line in document.supplier_address:
        y = _text(pdf, MARGIN, y, line, width=half - 8)
    if document.supplier_state:
        y = _text(pdf, MARGIN, y, f"{_('State')}: {document.supplier_state}", width=half - 8)
    gstin = f"GSTIN: {document.supplier_gstin}" if document.supplier_gstin else _label("Not registered under GST")
    left_bottom = _text(pdf, MARGIN, y, gstin, width=half - 8)
    y = _text(pdf, MARGIN + half, top, _label("Buyer"), font=BOLD)
    y = _text(pdf, MARGIN + half, y, document.buyer_name)
    for line in document.buyer_address:
        y = _text(pdf, MARGIN + half, y, line)
    y = _text(
        pdf,
        MARGIN + half,
        y,
        f"{_label('Place of supply')}: {document.place_of_supply} ({document.place_of_supply_code})",
    )
    return min(y, left_bottom) - 8


def _lines(pdf, document: InvoiceDocument, y: float) -> float:
    code = _("SAC") if document.is_shop_services else _("HSN")
    columns = [(_("Description"), MARGIN), (code, 250), (_("Qty"), 290), (_("Taxable value"), 320), (_("Rate"), 380)]
    tax_columns = [(_("CGST"), 415), (_("SGST"), 465)] if document.intra_state else [(_("IGST"), 440)]
    pdf.setFont(BOLD, 8)
    for title, x in columns + tax_columns + [(_("Total"), 515)]:
        _draw(pdf, x, y, title)
    y -= 4
    pdf.line(MARGIN, y, WIDTH - MARGIN, y)
    y -= 11
    for row in document.rows:
        row_top = y
        text_y = _text(pdf, MARGIN, y, row.description, size=8, width=200 - (QR_SIZE if row.qr else 0))
        pdf.setFont(REGULAR, 8)
        _draw(pdf, 250, row_top, row.hsn_code)
        _draw(pdf, 290, row_top, row.quantity)
        _draw(pdf, 320, row_top, _money(row.taxable_value))
        _draw(pdf, 380, row_top, f"{row.rate.normalize():f} %" if row.rate else "")
        if document.intra_state:
            _draw(pdf, 415, row_top, _money(row.cgst))
            _draw(pdf, 465, row_top, _money(row.sgst))
        else:
            _draw(pdf, 440, row_top, _money(row.igst))
        _draw(pdf, 515, row_top, _money(row.total))
        if row.qr is not None:
            _qr(pdf, row.qr, 250 - QR_SIZE - 6, row_top + 8, QR_SIZE - 8)
            text_y = min(text_y, row_top + 8 - QR_SIZE)
        y = text_y - 6
    pdf.line(MARGIN, y + 4, WIDTH - MARGIN, y + 4)
    return y - 8


def _totals(pdf, document: InvoiceDocument, y: float) -> float:
    totals = [("Taxable value", document.taxable_value)]
    totals += [("CGST", document.cgst), ("SGST", document.sgst)] if document.intra_state else [("IGST", document.igst)]
    totals += [("Total", document.total)]
    for label, value in totals:
        pdf.setFont(BOLD if label == "Total" else REGULAR, 9)
        _draw(pdf, 330, y, _label(label))
        _draw(pdf, WIDTH - MARGIN, y, _money(value), right=True)
        y -= 13
    return _text(pdf, MARGIN, y - 4, document.amount_in_words, font=BOLD) - 8


def _footer(pdf, document: InvoiceDocument, y: float) -> None:
    if document.is_shop_services:
        y = _text(
            pdf,
            MARGIN,
            y,
            _(
                "%(shop)s bills shipping and the cash on delivery fee as its own services (courier arrangement and cash "
                "collection). The goods of this order are sold by their artisans, each on their own tax invoice."
            )
            % {"shop": document.operator_name},
            size=8,
        )
    else:
        operator = _("Sold through %(shop)s (%(url)s), e-commerce operator.") % {
            "shop": document.operator_name,
            "url": document.operator_url,
        }
        if document.operator_gstin:
            operator += f" GSTIN: {document.operator_gstin}."
        y = _text(pdf, MARGIN, y, operator, size=8)
        y = _text(
            pdf,
            MARGIN,
            y,
            _(
                "Shipping and the cash on delivery fee are billed by the e-commerce operator, not on this invoice. "
                "Scan a code to see the product and the story of its maker."
            ),
            size=8,
        )
    _text(pdf, MARGIN, y - 8, _label("This is a computer-generated invoice."), size=7)


def _page(pdf, document: InvoiceDocument) -> None:
    y = _header(pdf, document, HEIGHT - MARGIN)
    y = _parties(pdf, document, y)
    y = _lines(pdf, document, y)
    y = _totals(pdf, document, y)
    _footer(pdf, document, y)


def invoice_pdf(*, documents: list[InvoiceDocument], language: str | None = None) -> bytes:
    """The documents, one per page, in `language` (default: the active one)."""
    fonts_register()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle("Tax invoices" if len(documents) != 1 else f"Tax invoice {documents[0].invoice.number}")
    with translation.override(language or translation.get_language()):
        for document in documents:
            _page(pdf, document)
            pdf.showPage()
    pdf.save()
    return buffer.getvalue()
