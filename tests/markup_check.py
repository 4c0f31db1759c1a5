"""Finds markup a browser would execute in a page: the check behind the injection tests (issue 12)."""

from html.parser import HTMLParser

# Each payload carries MARKER inside the part that would run, so finding MARKER there means it would run.
MARKER = "xss12pwn"
PAYLOADS = [
    f"<script>alert('{MARKER}')</script>",
    f"<img src=x onerror=alert('{MARKER}')>",
    f"<a href=\"javascript:alert('{MARKER}')\">click</a>",
    f"\"><svg onload=alert('{MARKER}')>",
    f"'><iframe src=\"javascript:alert('{MARKER}')\"></iframe>",
    f'<p style="color:red" onclick="{MARKER}()">t</p>',
    f"<scr<script>ipt>alert('{MARKER}')</scr</script>ipt>",
    f"<a href=\"jav&#x09;ascript:alert('{MARKER}')\">tab</a>",
    f"<math><mi xlink:href=\"javascript:alert('{MARKER}')\">m</mi></math>",
    f"<details open ontoggle=alert('{MARKER}')>",
    f"</textarea><script>{MARKER}</script>",
    f"{{{{ {MARKER} }}}}{{% csrf_token %}}<!--<script>{MARKER}</script>-->",
]
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "base", "frame", "frameset", "style"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster", "background"}


class _Finder(HTMLParser):
    def __init__(self, marker: str):
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        values = " ".join(f"{name}={value}" for name, value in attrs if value)
        if tag in DANGEROUS_TAGS and self.marker in values.lower():
            self.found.append(f"<{tag} {values}>")
        if (
            tag == "meta"
            and (dict(attrs).get("http-equiv") or "").lower() == "refresh"
            and self.marker in values.lower()
        ):
            self.found.append(f"<{tag} {values}>")
        for name, value in attrs:
            value = (value or "").lower()
            if self.marker not in value:
                continue
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            compact = "".join(value.split())
            if name in URL_ATTRIBUTES and compact.startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            kind = (dict(attrs).get("type") or "").lower()
            # JSON data blocks (json_script, JSON-LD) are not run; their text is escaped by json_script.
            self._in_script = kind not in {"application/json", "application/ld+json"}

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self._in_script = False

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and self.marker in data.lower():
            self.found.append(f"<script>{data[:80]}</script>")


def executable_markup(html: str, marker: str = MARKER) -> list[str]:
    """What in `html` would run a payload carrying `marker` (empty when the page is safe)."""
    finder = _Finder(marker.lower())
    finder.feed(html)
    finder.close()
    return finder.found
