"""Brand stories are written by artisans: keep simple formatting, drop everything else."""

import re

import nh3
from django.utils.html import linebreaks

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")


def story_clean(text: str) -> str:
    """Plain text typed on a phone becomes paragraphs; HTML keeps only paragraphs, bold, italics, lists, links."""
    text = (text or "").strip()
    if not text:
        return ""
    if not TAG.search(text):
        return linebreaks(text, autoescape=True)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
        strip_comments=True,
    ).strip()
