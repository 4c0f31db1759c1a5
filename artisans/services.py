"""Writes for artisans: sign-up, ops decisions, GI authorisations and artisans' own listings."""

import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from artisans.models import (
    PENDING,
    REJECTED,
    SUSPENDED,
    VERIFIED,
    ArtisanDecision,
    ArtisanProfile,
    GIAuthorisation,
)
from artisans.richtext import story_clean
from catalogue_ext.models import Craft, District, GITag, Product
from notifications.services import notification_language_remember
from phone_auth.services import user_mobile_record
from search import services as search_services

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")

PRODUCT_CLASS_NAME = "ODOP product"


class ArtisanDecisionError(ValueError):
    """The decision does not apply to the artisan's current status."""


def _search_reindex(*, product_ids: list[int]) -> None:
    """Shoppers' pages and search must follow what is buyable, once the change is committed."""
    search_services.catalogue_changed(product_ids=product_ids)


def _partner_product_ids(*, partner_id: int) -> list[int]:
    return list(StockRecord.objects.filter(partner_id=partner_id).values_list("product_id", flat=True))


RESERVED_CODES = {"join", "studio"}


def _partner_code(name: str) -> str:
    """The public slug under /artisans/, clear of the section's own pages."""
    base = slugify(name)[:100] or "artisan"
    code = base
    while code in RESERVED_CODES or Partner.objects.filter(code=code).exists():
        code = f"{base}-{secrets.token_hex(2)}"
    return code


@transaction.atomic
def artisan_register(
    *,
    name: str,
    phone: str,
    email: str,
    password: str,
    district: District,
    mobile_verified: bool = False,
    craft: Craft,
    story: str,
    kind: str = "individual",
    workshop: str = "",
    story_language: str = "en",
) -> ArtisanProfile:
    """The user, their partner and a pending profile, together or not at all.

    Email and password are optional: without a password the artisan signs in with a code sent to their
    mobile (`mobile_verified` says the sign-up form already checked one)."""
    User = get_user_model()
    first, _sep, last = name.strip().partition(" ")
    user = User.objects.create_user(
        username=f"artisan-{phone}",
        email=email.lower(),
        password=password or None,
        first_name=first[:150],
        last_name=last[:150],
    )
    user_mobile_record(user=user, phone=phone, verified=mobile_verified)
    notification_language_remember(user=user, language=story_language)
    partner = Partner.objects.create(name=name.strip(), code=_partner_code(name))
    partner.users.add(user)
    clean = story_clean(story)
    profile = ArtisanProfile.objects.create(
        partner=partner,
        kind=kind,
        workshop=workshop,
        phone=phone,
        email=email.lower() or None,
        district=district,
        story_en=clean if story_language != "hi" else "",
        story_hi=clean if story_language == "hi" else "",
    )
    profile.crafts.add(craft)
    return profile


def _decide(
    *, profile: ArtisanProfile, action: str, by, allowed_from: set[str], to: str, reason: str = ""
) -> ArtisanDecision:
    locked = ArtisanProfile.objects.select_for_update().get(pk=profile.pk)
    if locked.status not in allowed_from:
        raise ArtisanDecisionError(
            _("An artisan who is %(status)s cannot be %(action)s.")
            % {
                "status": locked.get_status_display().lower(),
                "action": dict(ArtisanDecision.ACTION_CHOICES)[action].lower(),
            }
        )
    if action in ArtisanDecision.NEEDS_REASON and not reason.strip():
        raise ArtisanDecisionError(_("Give a reason; the artisan will see it."))
    locked.status = to
    locked.save(update_fields=["status", "date_updated"])
    profile.status = to
    decision = ArtisanDecision.objects.create(profile=locked, action=action, reason=reason.strip(), decided_by=by)
    _search_reindex(product_ids=_partner_product_ids(partner_id=locked.partner_id))
    return decision


@transaction.atomic
def artisan_verify(*, profile: ArtisanProfile, by) -> ArtisanDecision:
    return _decide(profile=profile, action=ArtisanDecision.VERIFY, by=by, allowed_from={PENDING, REJECTED}, to=VERIFIED)


@transaction.atomic
def artisan_reject(*, profile: ArtisanProfile, by, reason: str) -> ArtisanDecision:
    return _decide(
        profile=profile, action=ArtisanDecision.REJECT, by=by, allowed_from={PENDING}, to=REJECTED, reason=reason
    )


@transaction.atomic
def artisan_suspend(*, profile: ArtisanProfile, by, reason: str) -> ArtisanDecision:
    """Their products stop being buyable at once; orders already placed stay as they are."""
    return _decide(
        profile=profile, action=ArtisanDecision.SUSPEND, by=by, allowed_from={VERIFIED}, to=SUSPENDED, reason=reason
    )


@transaction.atomic
def artisan_reinstate(*, profile: ArtisanProfile, by, reason: str = "") -> ArtisanDecision:
    return _decide(
        profile=profile, action=ArtisanDecision.REINSTATE, by=by, allowed_from={SUSPENDED}, to=VERIFIED, reason=reason
    )


@transaction.atomic
def gi_authorisation_record(*, profile: ArtisanProfile, gi_tag: GITag, registration_number: str, by) -> GIAuthorisation:
    authorisation, _created = GIAuthorisation.objects.update_or_create(
        profile=profile, gi_tag=gi_tag, defaults={"registration_number": registration_number.strip(), "verified_by": by}
    )
    ArtisanDecision.objects.create(
        profile=profile,
        action=ArtisanDecision.GI_AUTHORISE,
        gi_tag=gi_tag,
        reason=registration_number.strip(),
        decided_by=by,
    )
    return authorisation


@transaction.atomic
def gi_authorisation_revoke(*, profile: ArtisanProfile, gi_tag: GITag, by, reason: str) -> None:
    """The GI badge comes off their products of that tag straight away."""
    if not reason.strip():
        raise ArtisanDecisionError(_("Give a reason; the artisan will see it."))
    GIAuthorisation.objects.filter(profile=profile, gi_tag=gi_tag).delete()
    ArtisanDecision.objects.create(
        profile=profile, action=ArtisanDecision.GI_REVOKE, gi_tag=gi_tag, reason=reason.strip(), decided_by=by
    )
    product_ids = list(
        Product.objects.filter(stockrecords__partner_id=profile.partner_id, gi_tag=gi_tag).values_list("id", flat=True)
    )
    Product.objects.filter(id__in=product_ids).update(gi_tag=None)
    _search_reindex(product_ids=product_ids)


@transaction.atomic
def artisan_profile_update(
    *, profile: ArtisanProfile, fields: dict, portrait=None, workshop_photo=None
) -> ArtisanProfile:
    """Stories are sanitised here; photos arrive already normalised by the form (artisans.images)."""
    fields = dict(fields)
    crafts = fields.pop("crafts", None)
    display_name = fields.pop("name", None)
    for name in ("story_en", "story_hi"):
        if name in fields:
            fields[name] = story_clean(fields[name])
    for name, value in fields.items():
        setattr(profile, name, value)
    if portrait is not None:
        profile.portrait.save(portrait.name, portrait, save=False)
    if workshop_photo is not None:
        profile.workshop_photo.save(workshop_photo.name, workshop_photo, save=False)
    profile.save()
    if crafts is not None:
        profile.crafts.set(crafts)
    if display_name:
        Partner.objects.filter(pk=profile.partner_id).update(name=display_name)
        profile.partner.name = display_name
    return profile


@dataclass(frozen=True)
class ListingResult:
    product: Product
    gi_withheld: GITag | None


def gi_authorised(*, profile: ArtisanProfile, gi_tag: GITag) -> bool:
    return GIAuthorisation.objects.filter(profile=profile, gi_tag=gi_tag).exists()


@transaction.atomic
def artisan_product_save(
    *,
    profile: ArtisanProfile,
    fields: dict,
    price: Decimal,
    num_in_stock: int,
    product: Product | None = None,
    images: list = (),
) -> ListingResult:
    """Create or update one of the artisan's listings with its stock record and photos.

    A GI tag the artisan is not an authorised user of is left off, and the result says so.
    `images` are files already normalised by image_normalise.
    """
    gi_tag = fields.get("gi_tag")
    withheld = None
    if gi_tag is not None and not gi_authorised(profile=profile, gi_tag=gi_tag):
        withheld, fields = gi_tag, {**fields, "gi_tag": None}
    if product is None:
        product_class, _created = ProductClass.objects.get_or_create(
            name=PRODUCT_CLASS_NAME, defaults={"requires_shipping": True, "track_stock": True}
        )
        product = Product(product_class=product_class, structure=Product.STANDALONE, is_public=True)
    for name, value in fields.items():
        setattr(product, name, value)
    product.slug = slugify(f"{product.title}-{product.district.name if product.district else ''}")[:200] or "product"
    product.save()
    StockRecord.objects.update_or_create(
        product=product,
        partner_id=profile.partner_id,
        defaults={
            "partner_sku": f"P{product.pk}",
            "price": price,
            "price_currency": settings.OSCAR_DEFAULT_CURRENCY,
            "num_in_stock": num_in_stock,
        },
    )
    category = Category.objects.filter(slug=product.craft.slug).first() if product.craft_id else None
    if category is not None:
        ProductCategory.objects.filter(product=product).exclude(category=category).delete()
        ProductCategory.objects.get_or_create(product=product, category=category)
    start = product.images.count()
    for offset, upload in enumerate(images):
        image = ProductImage(product=product, caption=product.title, display_order=start + offset)
        image.original.save(upload.name, upload, save=False)
        image.save()
    _search_reindex(product_ids=[product.pk])
    return ListingResult(product=product, gi_withheld=withheld)


@transaction.atomic
def artisan_stock_price_set(
    *, profile: ArtisanProfile, product: Product, price: Decimal, num_in_stock: int
) -> StockRecord:
    """The quick change from the studio's list: the artisan's own stock record of the product only."""
    record = StockRecord.objects.select_for_update().get(product=product, partner_id=profile.partner_id)
    record.price = price
    record.num_in_stock = num_in_stock
    record.save()
    _search_reindex(product_ids=[product.pk])
    return record


@transaction.atomic
def artisan_product_hide(*, product: Product, hidden: bool) -> None:
    Product.objects.filter(pk=product.pk).update(is_public=not hidden)
    _search_reindex(product_ids=[product.pk])


@transaction.atomic
def artisan_product_delete(*, product: Product) -> None:
    """Products already ordered stay on their orders: Oscar's order lines keep their own copy."""
    product_id = product.pk
    product.delete()
    _search_reindex(product_ids=[product_id])


@transaction.atomic
def artisan_product_image_delete(*, product: Product, image_id: int) -> None:
    ProductImage.objects.filter(product=product, pk=image_id).delete()
    for position, image in enumerate(product.images.order_by("display_order", "pk")):
        if image.display_order != position:
            ProductImage.objects.filter(pk=image.pk).update(display_order=position)
    _search_reindex(product_ids=[product.pk])


@transaction.atomic
def artisan_product_image_move(*, product: Product, image_id: int, up: bool) -> None:
    """One tap moves a photo one place; the first photo is the one shoppers see in lists."""
    images = list(product.images.order_by("display_order", "pk"))
    index = next((i for i, image in enumerate(images) if image.pk == image_id), None)
    if index is None:
        return
    target = index - 1 if up else index + 1
    if 0 <= target < len(images):
        images[index], images[target] = images[target], images[index]
    for position, image in enumerate(images):
        ProductImage.objects.filter(pk=image.pk).update(display_order=position)
    _search_reindex(product_ids=[product.pk])
