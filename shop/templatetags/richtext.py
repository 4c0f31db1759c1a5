"""`{{ value|richtext }}`: a template builtin (settings.TEMPLATES), usable without `{% load %}`."""

from django import template

from shop.richtext import richtext_html

register = template.Library()


@register.filter(name="richtext", is_safe=True)
def richtext(value) -> str:
    return richtext_html(str(value) if value is not None else "")
