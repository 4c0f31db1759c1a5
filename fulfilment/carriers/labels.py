"""4×6 inch shipping labels, as an HTML print view and as PDF, with the AWB as a Code 128 barcode.

Labels are always in English: sorting hubs across India read Latin script, and the bundled font has
no Devanagari. DejaVu Sans is bundled (fonts/) for the ₹ sign, which PDF's standard fonts lack.
"""

import io
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from fulfilment.carriers.base import CarrierError, LabelData, carrier_adapter
from fulfilment.carriers.code128 import code128_bars, code128_total_modules
from fulfilment.models import Shipment

FONT_DIR = Path(__file__).parent / "fonts"
REGULAR, BOLD, AWB_FONT = "LabelSans", "LabelSans-Bold", "Helvetica-Bold"
PAGE_WIDTH, PAGE_HEIGHT = 4 * inch, 6 * inch
MARGIN = 12
INNER = PAGE_WIDTH - 2 * MARGIN
BAR_HEIGHT = 64
MAX_MODULE = 2.0
CONTENTS_SIZE = 9


def weight_text(*, grams: int) -> str:
    return f"{Decimal(grams) / 1000:.2f} kg"


def payment_text(*, label: LabelData) -> str:
    """What the delivery agent must do at the door, the biggest words on the label."""
    if label.cod_amount:
        return _("COD: collect %(amount)s") % {"amount": currency(label.cod_amount)}
    return _("PREPAID")


def barcode_svg(*, value: str, height: int = 70) -> SafeString:
    """Inline SVG in module units; the page's CSS decides the printed size."""
    total = code128_total_modules(value)
    bars = "".join(
        f'<rect x="{offset}" y="0" width="{width}" height="{height}"/>' for offset, width in code128_bars(value)
    )
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="barcode" viewBox="0 0 {total} {height}" '
        f'preserveAspectRatio="none" shape-rendering="crispEdges" role="img" aria-label="{escape(value)}">'
        f'<rect width="{total}" height="{height}" fill="#fff"/><g fill="#000">{bars}</g></svg>'
    )


def label_html(*, shipment) -> SafeString:
    """The label for the HTML print view, in English whatever the page around it is in."""
    with translation.override("en"):
        label = carrier_adapter(carrier=shipment.carrier).label_data(shipment=shipment)
        context = {
            "label": label,
            "payment": payment_text(label=label),
            "weight": weight_text(grams=label.weight_grams),
            "barcode": barcode_svg(value=label.awb),
        }
        return mark_safe(render_to_string("fulfilment/carriers/partials/label.html", context))


def label_pdf(*, shipments) -> bytes:
    """One 4×6 inch page per shipment, in the given order; read them with `shipments_for_labels()`."""
    shipments = list(shipments)
    without_awb = [f"#{shipment.pk}" for shipment in shipments if not shipment.awb or shipment.carrier_id is None]
    cancelled = [f"#{shipment.pk}" for shipment in shipments if shipment.status == Shipment.CANCELLED]
    if not shipments:
        raise CarrierError(_("Choose at least one parcel to print."))
    if without_awb:
        raise CarrierError(
            _("Labels are printed once a parcel has its AWB; these have none yet: %(ids)s.")
            % {"ids": ", ".join(without_awb)}
        )
    if cancelled:
        # A label on a cancelled parcel would send it out, and a COD one would collect cash for nothing.
        raise CarrierError(_("These parcels are cancelled and get no label: %(ids)s.") % {"ids": ", ".join(cancelled)})
    _fonts_register()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    pdf.setTitle("Shipping labels")
    adapters = {}
    with translation.override("en"):
        for shipment in shipments:
            if shipment.carrier_id not in adapters:
                adapters[shipment.carrier_id] = carrier_adapter(carrier=shipment.carrier)
            _draw(pdf, adapters[shipment.carrier_id].label_data(shipment=shipment))
            pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _fonts_register() -> None:
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, FONT_DIR / "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont(BOLD, FONT_DIR / "DejaVuSans-Bold.ttf"))


def _lines(pdf, *, texts: list[str], x: float, y: float, font: str, size: float, limit: int) -> float:
    """Write wrapped lines downwards from y, at most `limit`; returns the y below the last one."""
    wrapped = [part for text in texts for part in simpleSplit(text, font, size, INNER - (x - MARGIN))]
    if len(wrapped) > limit:
        wrapped = [*wrapped[: limit - 1], wrapped[limit - 1] + " …"]
    pdf.setFont(font, size)
    for text in wrapped:
        y -= size * 1.2
        pdf.drawString(x, y, text)
    return y


def _rule(pdf, y: float) -> float:
    pdf.setLineWidth(0.8)
    pdf.line(MARGIN, y - 5, PAGE_WIDTH - MARGIN, y - 5)
    return y - 7


def _draw(pdf, label: LabelData) -> None:
    top = PAGE_HEIGHT - MARGIN
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont(BOLD, 13)
    pdf.drawString(MARGIN, top - 12, label.carrier_name[:36])
    pdf.setFont(REGULAR, 8)
    pdf.drawRightString(PAGE_WIDTH - MARGIN, top - 11, _("Shipment %(id)s") % {"id": label.shipment_id})

    box_top, box_height = top - 20, 30
    if label.cod_amount:
        pdf.rect(MARGIN, box_top - box_height, INNER, box_height, fill=1, stroke=0)
        pdf.setFillColorRGB(1, 1, 1)
    else:
        pdf.setLineWidth(2)
        pdf.rect(MARGIN + 1, box_top - box_height + 1, INNER - 2, box_height - 2, fill=0, stroke=1)
    pdf.setFont(BOLD, 17)
    pdf.drawCentredString(PAGE_WIDTH / 2, box_top - box_height + 9, payment_text(label=label))
    pdf.setFillColorRGB(0, 0, 0)

    modules = code128_total_modules(label.awb)
    module = min(INNER / modules, MAX_MODULE)
    left = MARGIN + (INNER - modules * module) / 2
    bars_top = box_top - box_height - 8
    for offset, width in code128_bars(label.awb):
        pdf.rect(left + offset * module, bars_top - BAR_HEIGHT, width * module, BAR_HEIGHT, fill=1, stroke=0)
    pdf.setFont(AWB_FONT, 14)
    pdf.drawCentredString(PAGE_WIDTH / 2, bars_top - BAR_HEIGHT - 14, label.awb)
    y = _rule(pdf, bars_top - BAR_HEIGHT - 18)

    y = _lines(pdf, texts=[_("TO")], x=MARGIN, y=y, font=BOLD, size=8, limit=1)
    y = _lines(pdf, texts=label.to_lines[:1], x=MARGIN, y=y, font=BOLD, size=14, limit=2)
    y = _lines(pdf, texts=label.to_lines[1:], x=MARGIN, y=y, font=REGULAR, size=12, limit=6)
    if label.to_phone:
        y = _lines(
            pdf, texts=[_("Phone: %(phone)s") % {"phone": label.to_phone}], x=MARGIN, y=y, font=BOLD, size=12, limit=1
        )
    y = _rule(pdf, y)

    y = _lines(pdf, texts=[_("FROM")], x=MARGIN, y=y, font=BOLD, size=8, limit=1)
    y = _lines(pdf, texts=label.from_lines, x=MARGIN, y=y, font=REGULAR, size=9, limit=6)
    y = _rule(pdf, y)

    facts = [
        _("Order %(number)s") % {"number": label.order_number},
        _("Weight %(weight)s") % {"weight": weight_text(grams=label.weight_grams)},
    ]
    y = _lines(pdf, texts=["   ·   ".join(facts)], x=MARGIN, y=y, font=BOLD, size=11, limit=2)
    room = max(int((y - MARGIN) // (CONTENTS_SIZE * 1.2)), 1)
    contents = _("Contents: %(items)s") % {"items": "; ".join(label.contents)}
    _lines(pdf, texts=[contents], x=MARGIN, y=y, font=REGULAR, size=CONTENTS_SIZE, limit=room)
