import re

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator

from artisans import selectors

register = template.Library()


@register.simple_tag
def product_maker(product):
    return selectors.product_maker(product=product)


@register.filter
def story_teaser(html: str, words: int = 30) -> str:
    """The story's first words; paragraph and line breaks become spaces so sentences do not run together."""
    spaced = re.sub(r"</(?:p|li|h[1-6]|div|blockquote)>|<br\s*/?>", " ", html or "", flags=re.IGNORECASE)
    return Truncator(strip_tags(spaced)).words(words)
