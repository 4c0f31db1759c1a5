"""Reads for artisans' public pages, their self-service studio and the ops desk."""

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

from artisans.models import VERIFIED, ArtisanDecision, ArtisanProfile
from catalogue_ext.models import Craft, District, Product
from catalogue_ext.selectors import product_listing

Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")


def artisan_directory(*, state: str = "", district: str = "", craft: str = "") -> QuerySet[ArtisanProfile]:
    """Verified artisans only, filtered by state code, district slug and craft slug (family or craft)."""
    profiles = (
        ArtisanProfile.objects.filter(status=VERIFIED)
        .select_related("partner", "district__state")
        .prefetch_related(Prefetch("crafts", queryset=Craft.objects.order_by("name")))
        .order_by("partner__name", "pk")
    )
    if state:
        profiles = profiles.filter(district__state__code=state)
    if district:
        profiles = profiles.filter(district__slug=district)
    if craft:
        profiles = profiles.filter(
            crafts__in=Craft.objects.filter(slug=craft) | Craft.objects.filter(parent__slug=craft)
        )
        profiles = profiles.distinct()
    return profiles


def directory_districts() -> QuerySet[District]:
    """Districts that have a verified artisan, for the directory's filter."""
    return District.objects.filter(artisans__status=VERIFIED).select_related("state").distinct().order_by("name")


def directory_crafts() -> QuerySet[Craft]:
    return Craft.objects.filter(artisans__status=VERIFIED).distinct().order_by("name")


def artisan_public_get(*, slug: str) -> ArtisanProfile:
    return get_object_or_404(
        ArtisanProfile.objects.filter(status=VERIFIED)
        .select_related("partner", "district__state")
        .prefetch_related(
            Prefetch("crafts", queryset=Craft.objects.select_related("parent").order_by("name")),
            "gi_authorisations__gi_tag",
        ),
        partner__code=slug,
    )


def artisan_products(*, profile: ArtisanProfile) -> QuerySet[Product]:
    return product_listing().filter(stockrecords__partner_id=profile.partner_id)


def product_maker(*, product: Product) -> ArtisanProfile | None:
    """The verified artisan behind a product, read from the stock records the product page prefetched."""
    for record in product.stockrecords.all():
        profile = getattr(record.partner, "artisan_profile", None)
        if profile is not None and profile.status == VERIFIED:
            return profile
    return None


def artisan_for_user(*, user) -> ArtisanProfile | None:
    """The artisan profile a signed-in user works for, whatever its status."""
    if not user.is_authenticated:
        return None
    return (
        ArtisanProfile.objects.select_related("partner", "district__state")
        .filter(partner__users=user)
        .order_by("pk")
        .first()
    )


def studio_products(*, profile: ArtisanProfile, query: str = "") -> QuerySet[Product]:
    """Every product of the artisan, hidden ones too; `query` keeps those whose name or SKU contains it."""
    products = Product.objects.filter(stockrecords__partner_id=profile.partner_id)
    query = query.strip()[:100]
    if query:
        products = products.filter(Q(title__icontains=query) | Q(stockrecords__partner_sku__iexact=query))
    return (
        products.select_related("district", "craft", "gi_tag")
        .prefetch_related(
            Prefetch("stockrecords", queryset=StockRecord.objects.filter(partner_id=profile.partner_id)), "images"
        )
        .order_by("-date_updated", "-pk")
        .distinct()
    )


def studio_product_get(*, profile: ArtisanProfile, pk: int) -> Product:
    """Another artisan's product is a 404, never a 403: its existence is not theirs to know."""
    product = studio_products(profile=profile).filter(pk=pk).first()
    if product is None:
        raise Http404
    return product


def studio_order_lines(*, profile: ArtisanProfile) -> QuerySet:
    """Only this artisan's lines, newest order first; the template shows only what packing needs."""
    return (
        Line.objects.filter(partner_id=profile.partner_id)
        .select_related("order__shipping_address")
        .order_by("-order__date_placed", "order_id", "pk")
    )


def ops_artisan_list(*, status: str = "", query: str = "") -> QuerySet[ArtisanProfile]:
    profiles = ArtisanProfile.objects.select_related("partner", "district__state").order_by("-date_created", "-pk")
    if status:
        profiles = profiles.filter(status=status)
    if query:
        profiles = profiles.filter(partner__name__icontains=query) | profiles.filter(phone__contains=query)
    return profiles


def ops_artisan_get(*, pk: int) -> ArtisanProfile:
    return get_object_or_404(
        ArtisanProfile.objects.select_related("partner", "district__state").prefetch_related(
            "crafts",
            Prefetch("decisions", queryset=ArtisanDecision.objects.select_related("decided_by", "gi_tag")),
            "gi_authorisations__gi_tag",
            "gi_authorisations__verified_by",
        ),
        pk=pk,
    )


def gi_authorised_makers(*, gi_tag) -> list[ArtisanProfile]:
    """Verified artisans ops recorded as registered authorised users of this GI."""
    return list(
        ArtisanProfile.objects.filter(status=VERIFIED, gi_authorisations__gi_tag=gi_tag)
        .select_related("partner", "district__state")
        .order_by("partner__name", "pk")
    )


def join_identity_taken(*, phone: str, email: str) -> tuple[bool, bool]:
    """(mobile taken, e-mail taken) by an artisan or any account: joining with either is refused, quietly
    (the owner is told, the form says nothing, issue 12)."""
    from django.contrib.auth import get_user_model

    from phone_auth.models import UserMobile

    User = get_user_model()
    phone_taken = (
        ArtisanProfile.objects.filter(phone=phone).exists()
        or User.objects.filter(username=f"artisan-{phone}").exists()
        or UserMobile.objects.filter(phone=phone).exists()
    )
    email_taken = bool(email) and (
        ArtisanProfile.objects.filter(email__iexact=email).exists() or User.objects.filter(email__iexact=email).exists()
    )
    return phone_taken, email_taken
