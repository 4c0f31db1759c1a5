"""The one sanitiser for text people write (issue 12).

Rich text (product and category descriptions, artisan stories) is cleaned with one allow-list
when it is saved, and cleaned again when a template prints it with `|richtext` (a row written
before the sanitiser, or by a path that skipped it, is still harmless). Everything else people
write (titles, names, reviews, notes, addresses) is plain text and is only ever printed escaped
by Django's autoescaping: never with `|safe`.
"""

import re

import nh3
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")


def richtext_clean(text: str | None) -> str:
    """Plain text becomes escaped paragraphs; HTML keeps only paragraphs, bold, italics, lists and links."""
    text = (text or "").replace("\x00", "").strip()
    if not text:
        return ""
    if not TAG.search(text):
        return linebreaks(text, autoescape=True)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    ).strip()


def richtext_store(text: str | None) -> str:
    """What is saved: HTML goes through the allow-list; plain text stays as typed (escaped on output)."""
    text = (text or "").replace("\x00", "")
    if not TAG.search(text):
        return text
    return richtext_clean(text)


def richtext_html(text: str | None) -> SafeString:
    """Cleaned rich text, marked safe for a template (the only place we mark user text safe)."""
    return mark_safe(richtext_clean(text))  # noqa: S308 (cleaned by the allow-list just above)
