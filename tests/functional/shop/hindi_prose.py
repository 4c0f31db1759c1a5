"""Find English prose in a page rendered in Hindi: visible text and the attributes people hear or read.

Data that is English by nature (product titles, artisans' and workshops' names, Latin proper names)
is removed first; the allow-list beside this file holds brand and proper names that stay in Latin.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

ALLOWED_FILE = Path(__file__).with_name("hindi_allowed_words.txt")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_HEARD_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt", "value")
_SKIPPED_TAGS = {"script", "style", "code", "noscript", "template"}


def allowed_words() -> set[str]:
    words = set()
    for line in ALLOWED_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.lower())
    return words


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip = 0
        self._english = 0  # inside an element marked lang="en" on purpose (e.g. "English" on the switch)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in _SKIPPED_TAGS:
            self._skip += 1
        if attrs.get("lang", "").startswith("en"):
            self._english += 1
            self._english_tag = tag
        if tag == "input" and attrs.get("type") in ("hidden",):
            return
        for name in _HEARD_ATTRIBUTES:
            if name == "value" and not (tag == "input" and attrs.get("type") in ("submit", "button")):
                continue
            if attrs.get(name) and not self._english:
                self.chunks.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in _SKIPPED_TAGS and self._skip:
            self._skip -= 1
        if self._english and tag == getattr(self, "_english_tag", None):
            self._english -= 1

    def handle_data(self, data):
        if not self._skip and not self._english and data.strip():
            self.chunks.append(data)


def english_words(html: str, *, data_strings: list[str] = ()) -> list[str]:
    """Latin words left in the page's text once data strings and allowed names are removed."""
    parser = _Text()
    parser.feed(html)
    text = "\n".join(parser.chunks)
    for value in sorted(data_strings, key=len, reverse=True):
        if value:
            text = text.replace(value, " ")
    allowed = allowed_words()
    return [word for word in _LATIN_WORD.findall(text) if word.lower().strip("'’-") not in allowed]
