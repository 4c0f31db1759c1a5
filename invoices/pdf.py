"""Tax invoices and credit notes as A4 PDF (reportlab), one page per document; English, as the
invoices' legal text is (DejaVu Sans, bundled with the labels, has the ₹ sign)."""

import io

from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from oscar.templatetags.currency_filters import currency
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from fulfilment.carriers.labels import BOLD, REGULAR, _fonts_register
from invoices.selectors import InvoiceDocument

WIDTH, HEIGHT = A4
MARGIN = 36
QR_SIZE = 54


def _money(value) -> str:
    return currency(value, "INR")


def _text(pdf, x, y, text, *, font=REGULAR, size=9, width=None) -> float:
    parts = simpleSplit(str(text), font, size, width or (WIDTH - MARGIN - x))
    pdf.setFont(font, size)
    for part in parts or [""]:
        pdf.drawString(x, y, part)
        y -= size * 1.25
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


def _draw(pdf, document: InvoiceDocument) -> None:
    invoice = document.invoice
    y = HEIGHT - MARGIN
    pdf.setFont(BOLD, 16)
    pdf.drawString(MARGIN, y - 12, str(document.title))
    pdf.setFont(REGULAR, 9)
    pdf.drawRightString(WIDTH - MARGIN, y - 4, f"No. {invoice.number}")
    pdf.drawRightString(WIDTH - MARGIN, y - 16, f"Date: {date_format(localtime(invoice.issued_at), 'j F Y')}")
    pdf.drawRightString(WIDTH - MARGIN, y - 28, f"Order: {invoice.order.number}")
    y -= 44
    if document.refers_to is not None:
        y = _text(pdf, MARGIN, y, f"Against tax invoice {document.refers_to.number} of "
                  f"{date_format(localtime(document.refers_to.issued_at), 'j F Y')}. Reason: {invoice.reason}")
    half = (WIDTH - 2 * MARGIN) / 2
    top = y
    y = _text(pdf, MARGIN, top, "Supplier", font=BOLD)
    y = _text(pdf, MARGIN, y, document.supplier_name, width=half - 8)
    for line in document.supplier_address:
        y = _text(pdf, MARGIN, y, line, width=half - 8)
    y = _text(pdf, MARGIN, y, f"GSTIN: {document.supplier_gstin}" if document.supplier_gstin else "Not registered under GST", width=half - 8)
    left_bottom = y
    y = _text(pdf, MARGIN + half, top, "Buyer", font=BOLD)
    y = _text(pdf, MARGIN + half, y, document.buyer_name)
    for line in document.buyer_address:
        y = _text(pdf, MARGIN + half, y, line)
    y = _text(pdf, MARGIN + half, y, f"Place of supply: {document.place_of_supply} ({document.place_of_supply_code})")
    y = min(y, left_bottom) - 8
    # Lines
    columns = [("Description", MARGIN), ("HSN", 250), ("Qty", 290), ("Taxable", 320), ("Rate", 380)]
    tax_columns = [("CGST", 415), ("SGST", 465)] if document.intra_state else [("IGST", 440)]
    pdf.setFont(BOLD, 8)
    for title, x in columns + tax_columns + [("Total", 515)]:
        pdf.drawString(x, y, title)
    y -= 4
    pdf.line(MARGIN, y, WIDTH - MARGIN, y)
    y -= 11
    for row in document.rows:
        pdf.setFont(REGULAR, 8)
        row_top = y
        text_y = _text(pdf, MARGIN, y, row.description, size=8, width=200 - (QR_SIZE if row.qr else 0))
        pdf.setFont(REGULAR, 8)
        pdf.drawString(250, row_top, row.hsn_code)
        pdf.drawString(290, row_top, str(row.quantity))
        pdf.drawString(320, row_top, _money(row.taxable_value))
        pdf.drawString(380, row_top, f"{row.rate.normalize():f} %" if row.rate else "")
        if document.intra_state:
            pdf.drawString(415, row_top, _money(row.cgst))
            pdf.drawString(465, row_top, _money(row.sgst))
        else:
            pdf.drawString(440, row_top, _money(row.igst))
        pdf.drawString(515, row_top, _money(row.total))
        if row.qr is not None:
            _qr(pdf, row.qr, 250 - QR_SIZE - 6, row_top + 8, QR_SIZE - 8)
            text_y = min(text_y, row_top + 8 - QR_SIZE)
        y = text_y - 6
    pdf.line(MARGIN, y + 4, WIDTH - MARGIN, y + 4)
    y -= 8
    totals = [("Taxable value", document.taxable_value)]
    totals += [("CGST", document.cgst), ("SGST", document.sgst)] if document.intra_state else [("IGST", document.igst)]
    totals += [("Total", document.total)]
    for label, value in totals:
        pdf.setFont(BOLD if label == "Total" else REGULAR, 9)
        pdf.drawString(380, y, label)
        pdf.drawRightString(WIDTH - MARGIN, y, _money(value))
        y -= 12
    y = _text(pdf, MARGIN, y - 4, document.amount_in_words, font=BOLD)
    y -= 8
    operator = f"Sold through {document.operator_name} ({document.operator_url}), e-commerce operator"
    operator += f", GSTIN {document.operator_gstin}." if document.operator_gstin else "."
    y = _text(pdf, MARGIN, y, operator, size=8)
    y = _text(pdf, MARGIN, y, "Shipping and the cash on delivery fee are billed by the e-commerce operator, not on this invoice. "
              "Scan a code to see the product and the story of its maker.", size=8)
    _text(pdf, MARGIN, y - 8, "This is a computer-generated invoice.", size=7)


def invoice_pdf(*, documents: list[InvoiceDocument]) -> bytes:
    _fonts_register()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, pageCompression=1)
    pdf.setTitle("Tax invoices" if len(documents) != 1 else f"Tax invoice {documents[0].invoice.number}")
    with translation.override("en"):
        for document in documents:
            _draw(pdf, document)
            pdf.showPage()
    pdf.save()
    return buffer.getvalue()
