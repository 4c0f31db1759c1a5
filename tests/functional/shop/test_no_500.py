"""No 500 from any input (issue 12): every URL pattern Django knows, as every role, with bad values.

The URL patterns come from Django's resolver, so a new URL is covered without editing this test. Each
pattern gets a concrete URL from a link some page shows (so ids are real), or else from its converters
filled in; it is then visited by the least privileged role it answers (anonymous, shopper, artisan, ops)
with bad values in its path converters, its query parameters (those its links and GET forms use, and
the common ones) and every field of every form its page shows (all fields bad at once, then one field at
a time). Any response of 500 or more, or an exception, fails the test with the list of what broke.
The Django admin's model pages (a superuser's raw tool over every table) are left out; its login is in.
"""

import re
import time
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from fulfilment.models import Shipment
from tests.factories_fulfilment import order_with_shipments, shipment_force
from tests.functional.artisans.conftest import make_artisan

BAD_VALUES = [
    "",
    "x" * 20_000,
    "a\x00b",
    "²",  # str.isdigit() says yes, int() says no
    "१२३",  # Devanagari digits: int() says yes, an ASCII-only check says no
    "\u202eevil\u200f",  # right-to-left marks
    "-1",
    "-" + "9" * 30,
    "9" * 30,
    "NaN",
    "<script>alert(1)</script>",
    "//evil.example/",
    "next",  # a `next` that is not a path
]
# Query parameters views commonly read, sent to every page besides the ones its links and forms show.
COMMON_PARAMS = ["page", "next", "q", "sort_by", "status", "product", "pincode", "date_from", "date_to", "format"]
# Path values for converters: a 30-digit id (valid for <int:>), then text no id or slug has.
BAD_PATH_INT = "9" * 30
BAD_PATH_TEXT = ["%00", "%E0%A5%A7%E0%A5%A8", "%E2%80%AEx", "x" * 300]
CONVERTER_FILL = {"int": "1", "slug": "x", "str": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}
SKIP_PREFIXES = ("/static/", "/media/", "/__debug__/")
ADMIN_KEPT = {"admin/", "admin/login/", "admin/logout/"}
ROLES = ("anonymous", "shopper", "artisan", "ops")


class _Page(HTMLParser):
    """Links (href, form actions) and forms (method, action, field names with their values) of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "form":
            self._form = {
                "method": (attrs.get("method") or "get").lower(),
                "action": attrs.get("action") or "",
                "fields": {},
            }
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea", "button") and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind == "file":
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs and attrs["name"] in self._form["fields"]:
                return
            self._form["fields"].setdefault(attrs["name"], attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def _patterns(resolver=None, prefix="") -> list[str]:
    """Every leaf URL pattern as its full route string, e.g. "dashboard/artisans/<int:pk>/"."""
    resolver = resolver or get_resolver()
    routes = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            routes += _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            routes.append(route)
    return routes


def _route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except (Resolver404, UnicodeError):
        return None


def _fill(route: str, *, int_value: str = "1", text_value: str = "x") -> str | None:
    """A path for `route` with its converters filled in; None for regular-expression routes."""
    if route.startswith("^") or "(?P<" in route:
        return None

    def value(match):
        kind = match.group(1) or "str"
        return (
            int_value
            if kind == "int"
            else (text_value if kind in ("slug", "str", "path") else CONVERTER_FILL.get(kind, "x"))
        )

    return "/" + re.sub(r"<(?:(\w+):)?\w+>", value, route)


def _local_route(link: str) -> str | None:
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return _route_of(parts.path)


class Walk:
    """The walk's state: a client per role, what was found, what failed."""

    def __init__(self, clients: dict[str, Client], users: dict):
        self.clients, self.users = clients, users
        self.failures: list[str] = []
        self.requests = 0
        self.seen_forms: set = set()
        self.found: dict[str, tuple[str, str]] = {}  # route -> (role, a URL for it)
        self.pages: dict[str, object] = {}  # route -> its HTML page as that role
        self.params: dict[str, set] = {}  # route -> query parameter names its links use

    def send(self, role: str, method: str, path: str, data=None):
        self.requests += 1
        client = self.clients[role]
        try:
            response = client.get(path, data) if method == "get" else client.post(path, data or {})
        except Exception as error:  # noqa: BLE001  (any exception is what the test looks for)
            self.failures.append(
                f"{role} {method.upper()} {path[:160]} {str(data)[:160]}: {type(error).__name__}: {str(error)[:200]}"
            )
            return None
        if response.status_code >= 500:
            self.failures.append(f"{role} {method.upper()} {path[:160]} {str(data)[:160]}: {response.status_code}")
        if role != "anonymous" and method == "post":
            client.force_login(self.users[role])  # a form may have signed the role out
        return response

    @staticmethod
    def reachable(response) -> bool:
        if response is None or response.status_code in (403, 404, 405):
            return False
        if response.status_code in (301, 302):
            return "login" not in response.get("Location", "")
        return True

    def crawl(self, role: str) -> None:
        """Follow every local link and form action from the role's home pages, one page per route."""
        queue, visited = ["/", "/accounts/", "/artisans/studio/", "/dashboard/"], set()
        while queue:
            url = queue.pop(0)
            path = urlsplit(url).path
            route = _route_of(path)
            if route is None or route in self.pages or path in visited or route not in self.routes:
                continue
            visited.add(path)
            response = self.send(role, "get", url)
            if not self.reachable(response):
                continue
            self.found.setdefault(route, (role, url))
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            self.pages[route] = response
            page = _Page()
            page.feed(response.content.decode(errors="replace"))
            for link in page.links + [form["action"] for form in page.forms if form["action"]]:
                target = _local_route(link)
                if target is not None:
                    self.params.setdefault(target, set()).update(name for name, _ in parse_qsl(urlsplit(link).query))
                    self.found.setdefault(target, (role, link))
                    queue.append(link)

    def fill_unreached(self, routes: list[str]) -> None:
        """Routes no link reached: fill their converters; the first role they answer visits them."""
        for route in routes:
            path = None if route in self.found else _fill(route)
            for role in ROLES if path else ():
                response = self.send(role, "get", path)
                if self.reachable(response) or (response is not None and response.status_code == 405):
                    self.found[route] = (role, path)
                    break

    def fuzz(self, route: str, role: str, url: str) -> None:
        path = urlsplit(url).path
        for text in BAD_PATH_TEXT if "<" in route else ():
            bad = _fill(route, int_value=BAD_PATH_INT, text_value=text)
            if bad:
                self.send(role, "get", bad)
        # Parameters its links use get every bad value; the common ones a few each (rotated).
        known = sorted(self.params.get(route, set()))
        for n, value in enumerate(BAD_VALUES if known else BAD_VALUES[:4]):
            query = {name: BAD_VALUES[(n + i) % len(BAD_VALUES)][:2000] for i, name in enumerate(COMMON_PARAMS)}
            self.send(role, "get", path, {**query, **dict.fromkeys(known, value[:2000])})
        if route not in self.pages:  # POST-only, or not a page: bad values under the common names
            names = [*COMMON_PARAMS, "pk", "id", "action", "quantity"]
            for n in range(4):
                self.send(
                    role, "post", path, {name: BAD_VALUES[(n + i) % len(BAD_VALUES)] for i, name in enumerate(names)}
                )
            return
        page = _Page()
        page.feed(self.pages[route].content.decode(errors="replace"))
        for form in page.forms:
            self.fuzz_form(role, form, path)

    def fuzz_form(self, role: str, form: dict, page_path: str) -> None:
        """Every bad value in all fields at once, then a few in one field at a time (others as shown)."""
        target = urlsplit(form["action"]).path if form["action"] else page_path
        fields = {name: value for name, value in form["fields"].items() if name != "csrfmiddlewaretoken"}
        key = (_route_of(target), form["method"], tuple(sorted(fields)))
        if key[0] is None or key in self.seen_forms or "logout" in target:
            return
        self.seen_forms.add(key)
        for value in BAD_VALUES[:9]:  # the rest reach every field one at a time below
            self.send(role, form["method"], target, dict.fromkeys(fields, value))
        one_at_a_time = ("9" * 30, "a\x00b", "²", "-1", "NaN", "<script>alert(1)</script>", "//evil.example/", "next")
        for i, name in enumerate(fields):
            self.send(role, form["method"], target, {**fields, name: one_at_a_time[i % len(one_at_a_time)]})


@pytest.fixture
def roles(odop_reference, client):
    maker = make_artisan(name="Fuzz Brass Works")
    shopper = get_user_model().objects.create_user(
        username="fuzz-shopper", email="fuzz@example.com", password="pass-1234-word"
    )
    order = order_with_shipments(partners=[maker.profile.partner], user=shopper, cod=True)
    shipment_force(Shipment.objects.get(group__order=order), status=Shipment.DELIVERED, awb="ODP000000001")
    ops = get_user_model().objects.create_superuser(
        username="fuzz-ops", email="fuzz-ops@example.com", password="pass-1234-word"
    )
    users = {"shopper": shopper, "artisan": maker.user, "ops": ops}
    clients = {"anonymous": client}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    return clients, users


def test_no_url_answers_any_input_with_a_500(roles, settings):
    settings.THROTTLE_MAX_ATTEMPTS = 10**6  # the walk signs up and resets passwords thousands of times
    settings.AXES_ENABLED = False  # and fails to sign in as often
    walk = Walk(*roles)
    started = time.monotonic()
    routes = [
        route
        for route in _patterns()
        if not ("/" + route).startswith(SKIP_PREFIXES) and (not route.startswith("admin/") or route in ADMIN_KEPT)
    ]
    assert len(routes) > 100
    walk.routes = set(routes)
    for role in ROLES:
        walk.crawl(role)
    walk.fill_unreached(routes)
    crawled = time.monotonic() - started
    for route, (role, url) in list(walk.found.items()):
        if route in walk.routes:
            walk.fuzz(route, role, url)
    seconds = time.monotonic() - started
    print(
        f"{len(routes)} routes, {len(walk.routes & set(walk.found))} reached, {walk.requests} requests in {seconds:.0f} s ({crawled:.0f} s finding)"
    )
    reached = walk.routes & set(walk.found)
    assert len(reached) > 0.6 * len(routes), sorted(walk.routes - reached)
    assert not walk.failures, "\n".join(walk.failures[:80]) + f"\n({len(walk.failures)} in all)"
