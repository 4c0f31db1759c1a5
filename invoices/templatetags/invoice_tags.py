from django import template
from django.utils.safestring import mark_safe

from invoices.selectors import invoice_links

register = template.Library()


@register.inclusion_tag("invoices/partials/invoice_links.html")
def order_invoices(order, audience: str, absolute: bool = False, partner_id=None):
    """The order's tax invoices as links for `audience` (shopper, guest, ops, studio); see invoice_links."""
    return {"links": invoice_links(order=order, audience=audience, absolute=absolute, partner_id=partner_id)}


@register.simple_tag
def qr_svg(qr):
    """The QR code as inline SVG markup (an element, not a script or a style attribute: CSP-safe)."""
    if qr is None:
        return ""
    return mark_safe(qr.svg_inline(scale=2, border=2, omitsize=True))
