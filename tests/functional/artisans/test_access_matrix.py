"""Role × URL matrix over every dashboard and studio URL, enumerated from Django's URL resolver.

Artisans work in /artisans/studio/ (their products, and their parcels and money under the
fulfilment-studio namespace); Oscar's dashboard is for ops only, so no artisan ever reaches its
orders dashboard, which would show other artisans' lines and the buyer's details. Which methods a
page answers is read from its view class, so new pages join the matrix by themselves.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import NoReverseMatch
from PIL import Image

from artisans import services
from artisans.images import image_normalise
from artisans.models import ArtisanProfile
from fulfilment.models import Shipment
from tests.factories_fulfilment import order_with_shipments, shipment_force
from tests.unit.artisans.test_images import _upload

ROLES = ["anonymous", "shopper", "artisan_a", "artisan_b", "suspended", "ops"]
# Pages that must answer everyone (sign-in) or that end the caller's own session.
OPEN = {"dashboard:login", "dashboard:logout"}
STUDIO_PAGES_WITHOUT_VERIFICATION = {"artisans:studio"}
STUDIO_NAMESPACES = ("artisans:", "fulfilment-studio:")


def _patterns(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = f"{namespace}:{ns}" if namespace and ns else ns or namespace
            yield from _patterns(entry, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern) and entry.name:
            route = prefix + str(entry.pattern)
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield route.lstrip("^"), name, list(entry.pattern.regex.groupindex)


def guarded_urls():
    """(name, kwarg names) of every dashboard and studio URL; new ones join the matrix by themselves."""
    seen = {}
    for route, name, kwargs in _patterns():
        if route.startswith(("dashboard/", "artisans/studio/")) and name not in OPEN:
            seen.setdefault(name, kwargs)
    return sorted(seen.items())


def _ids(owner, order) -> dict:
    image = owner.product.images.first()
    return {
        "pk": owner.product.pk,
        "product_pk": owner.product.pk,
        "parent_pk": owner.product.pk,
        "image_id": image.pk if image else 1,
        "number": str(order.number),
        "line_id": owner.line.pk,
        "partner_pk": owner.profile.partner_id,
        "user_pk": owner.user.pk,
        "address_pk": 1,
        "action": "hide",
        "slug": owner.profile.partner.code,
        "code": "x",
        "product_class_slug": "odop-product",
        "ptype": "odop-product",
        "shipment_pk": owner.shipment.pk,
    }


def _url(name, kwarg_names, ids):
    kwargs = {key: ids.get(key, 1) for key in kwarg_names}
    if name == "artisans:studio-image-action":
        kwargs["action"] = "up"
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return reverse(name, kwargs={key: str(value) for key, value in kwargs.items()})


REFUSED = {403, "login"}


def accepts(url, method) -> bool:
    """Whether the page's view class answers the method (a function view is taken to answer both)."""
    view_class = getattr(resolve(url).func, "view_class", None)
    return view_class is None or (method in view_class.http_method_names and hasattr(view_class, method))


def expected(role, name, owner_role, method, *, objectless, answers):
    """The statuses a role may get ("login": a redirect to sign in); None: any answer but a server error.

    `objectless`: the URL names no object (a list, a form); `answers`: its view has a handler for the method.
    """
    studio = name.startswith(STUDIO_NAMESPACES)
    if role == "anonymous":
        return {"login"}
    if role == "ops":
        return {403} if studio else None
    if not studio or role == "shopper":
        return REFUSED
    if role == "suspended":
        if name in STUDIO_PAGES_WITHOUT_VERIFICATION:
            return {200} if answers else {405}
        return {403}
    if not objectless and owner_role != role:
        return {404} if answers else {404, 405}  # an ownership check may come before the method check
    if not answers:
        return {405}
    return {200} if method == "get" else {200, 302}


def _outcome(response):
    if response.status_code == 302 and "login" in response["Location"]:
        return "login"
    return response.status_code


@pytest.fixture
def world(client, artisan_a, artisan_b, suspended_artisan, shopper, ops, mixed_order):
    # one order with a parcel from each, handed to the aggregator so label pages have an AWB to print
    parcels = order_with_shipments(partners=[artisan_a.profile.partner, artisan_b.profile.partner])
    for owner in (artisan_a, artisan_b):
        owner.shipment = shipment_force(
            Shipment.objects.get(group__order=parcels, group__partner=owner.profile.partner), status="manifested"
        )
    for owner in (artisan_a, artisan_b):
        photo = _upload(Image.new("RGB", (40, 40), "red"))
        services.artisan_product_save(
            profile=owner.profile,
            product=owner.product,
            fields={},
            price=owner.product.stockrecords.get().price,
            num_in_stock=5,
            images=[image_normalise(upload=photo)],
        )
    users = {
        "shopper": shopper,
        "artisan_a": artisan_a.user,
        "artisan_b": artisan_b.user,
        "suspended": suspended_artisan.user,
        "ops": ops,
    }
    return {"users": users, "a": artisan_a, "b": artisan_b, "order": mixed_order}


@pytest.mark.parametrize("role", ROLES)
def test_role_by_url_matrix(client, world, role):
    urls = guarded_urls()
    assert any(name == "dashboard:order-detail" for name, _ in urls)
    assert any(name == "artisans-dashboard:detail" for name, _ in urls)
    if role != "anonymous":
        client.force_login(world["users"][role])
    a, b = world["a"], world["b"]
    before = _snapshot(a, b)
    failures = []
    methods = ["get"] if role == "ops" else ["get", "post"]
    for name, kwarg_names in urls:
        owners = [("artisan_a", a), ("artisan_b", b)] if kwarg_names else [("artisan_a", a)]
        for owner_role, owner in owners:
            url = _url(name, kwarg_names, _ids(owner, world["order"]))
            for method in methods:
                if method == "post" and owner_role == role and kwarg_names:
                    continue  # an artisan changing their own product or parcel is the studio tests' business
                response = getattr(client, method)(url)
                status = _outcome(response)
                want = expected(
                    role, name, owner_role, method, objectless=not kwarg_names, answers=accepts(url, method)
                )
                if response.status_code >= 500 or (want is not None and status not in want):
                    failures.append(
                        f"{role} {method.upper()} {url} ({name}, {owner_role}'s ids): {status}, expected {want}"
                    )
    assert not failures, "\n".join(failures)
    if role != "ops":
        assert _snapshot(a, b) == before


def _snapshot(a, b):
    rows = []
    for owner in (a, b):
        product = type(owner.product).objects.filter(pk=owner.product.pk).values("title", "is_public").first()
        images = list(owner.product.images.order_by("display_order").values_list("pk", flat=True))
        profile = ArtisanProfile.objects.filter(pk=owner.profile.pk).values().first()
        parcels = list(Shipment.objects.filter(group__partner=owner.profile.partner).values_list("status", "awb"))
        rows.append((product, images, profile, parcels, owner.shipment.events.count()))
    return rows
