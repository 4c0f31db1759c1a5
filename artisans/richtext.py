"""Brand stories are written by artisans: the shop's one sanitiser (shop.richtext) cleans them."""

from shop.richtext import richtext_clean


def story_clean(text: str) -> str:
    """Plain text typed on a phone becomes paragraphs; HTML keeps only paragraphs, bold, italics, lists, links."""
    return richtext_clean(text)
