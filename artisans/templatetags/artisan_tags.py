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
    return Truncator(strip_tags(html)).words(words)
