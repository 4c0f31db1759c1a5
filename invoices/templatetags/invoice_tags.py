from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def qr_svg(qr):
    """The QR code as inline SVG markup (an element, not a script or a style attribute: CSP-safe)."""
    if qr is None:
        return ""
    return mark_safe(qr.svg_inline(scale=2, border=2, omitsize=True))
