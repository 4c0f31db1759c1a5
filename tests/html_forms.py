"""Read a rendered form the way a browser submits it (no parser dependency: the standard library's)."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []
        self._option_value: str | None = None
        self._option_selected = False
        self._option_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("file", "submit", "button", "image", "reset"):
                return
            self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            self._option_value, self._option_selected, self._option_text = attrs.get("value"), "selected" in attrs, []
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)
        if self._option_value is not None or self._select and self._option_text is not None:
            self._option_text.append(data)

    def handle_endtag(self, tag):
        if tag == "option" and self._select:
            value = self._option_value if self._option_value is not None else "".join(self._option_text).strip()
            if self._select_first is None:
                self._select_first = value
            if self._option_selected:
                self.data.setdefault(self._select, []).append(value)
                self._select_chosen = True
            self._option_value = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.data.setdefault(self._select, []).append(self._select_first)  # what a browser sends
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.data.setdefault(self._textarea, []).append(text[1:] if text.startswith("\n") else text)
            self._textarea = None


def form_data(html: str) -> dict[str, list[str]]:
    """Every successful control of the page's forms with the value a browser would send unchanged."""
    reader = _FormReader()
    reader.feed(html)
    return reader.data
