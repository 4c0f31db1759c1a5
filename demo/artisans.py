"""Demo artisan profiles for the demo catalogue's partners: stories in English and Hindi, Pillow-drawn photos."""

import io
import random
import zlib

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from oscar.core.loading import get_model
from PIL import Image, ImageDraw

from artisans.models import PENDING, REJECTED, VERIFIED, ArtisanDecision, ArtisanProfile, GIAuthorisation
from demo.images import craft_image_jpeg

# The last two demo partners show ops' queue: one waiting, one turned down.
PENDING_INDEX = 22
REJECTED_INDEX = 23
KINDS = ["individual", "individual", "individual", "collective"]
SKIN = [(141, 85, 36), (198, 134, 66), (224, 172, 105), (161, 102, 57), (120, 72, 40)]
CLOTH = [(178, 34, 52), (230, 126, 34), (41, 128, 185), (39, 174, 96), (142, 68, 173), (243, 156, 18)]
AWARDS = [
    "State Award for Master Craftsperson",
    "National Merit Certificate, Ministry of Textiles",
    "ODOP Craft Excellence Award",
    "Shilp Guru nomination",
]


def portrait_jpeg(*, seed: int, size: int = 600) -> bytes:
    """A friendly flat-style portrait: head, hair, and a coloured kurta or dupatta."""
    rng = random.Random(zlib.crc32(f"portrait-{seed}".encode()))
    image = Image.new("RGB", (size, size), tuple(rng.randint(200, 240) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    skin, cloth = rng.choice(SKIN), rng.choice(CLOTH)
    cx, s = size / 2, size
    draw.ellipse((cx - s * 0.38, s * 0.62, cx + s * 0.38, s * 1.25), fill=cloth)
    draw.rectangle((cx - s * 0.07, s * 0.5, cx + s * 0.07, s * 0.66), fill=skin)
    draw.ellipse((cx - s * 0.17, s * 0.2, cx + s * 0.17, s * 0.6), fill=skin)
    hair = (30, 25, 20) if rng.random() < 0.7 else (200, 200, 200)
    if rng.random() < 0.5:
        draw.chord((cx - s * 0.19, s * 0.14, cx + s * 0.19, s * 0.5), 180, 360, fill=rng.choice(CLOTH))
    else:
        draw.chord((cx - s * 0.18, s * 0.17, cx + s * 0.18, s * 0.45), 180, 360, fill=hair)
    for dx in (-0.06, 0.06):
        draw.ellipse((cx + s * dx - 8, s * 0.38 - 6, cx + s * dx + 8, s * 0.38 + 6), fill=(25, 20, 15))
    draw.arc((cx - s * 0.06, s * 0.43, cx + s * 0.06, s * 0.5), 20, 160, fill=(90, 40, 30), width=4)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82)
    return out.getvalue()


def _story_en(*, name: str, craft: str, district: str, state: str, years: int) -> str:
    return (
        f"<p><strong>{name}</strong> has practised {craft.lower()} in {district}, {state}, for {years} years.</p>"
        f"<p>The skill was learnt at home, from parents and elders, and every piece is still made by hand in "
        f"the family workshop.</p><ul><li>Local materials</li><li>Traditional tools</li>"
        f"<li>Made to order on request</li></ul>"
    )


def _story_hi(*, name: str, craft: str, district: str, state: str, years: int) -> str:
    return (
        f"<p><strong>{name}</strong> {years} वर्षों से {district} ({state}) में {craft} का काम कर रहे हैं।</p>"
        "<p>यह हुनर घर पर माता-पिता और बड़ों से सीखा गया, और आज भी हर चीज़ परिवार की कार्यशाला में हाथ से बनती है।</p>"
        "<ul><li>स्थानीय सामग्री</li><li>पारंपरिक औज़ार</li><li>माँग पर बनवाने की सुविधा</li></ul>"
    )


@transaction.atomic
def demo_artisan_profiles_load(*, artisans: list, seed: int) -> int:
    """One profile per demo partner, created once; re-running leaves existing profiles untouched."""
    existing = set(
        ArtisanProfile.objects.filter(partner_id__in=[a.partner_id for a in artisans]).values_list(
            "partner_id", flat=True
        )
    )
    created = 0
    for index, artisan in enumerate(artisans):
        if artisan.partner_id in existing:
            continue
        rng = random.Random(seed * 7919 + index)
        craft = artisan.crafts[0]
        district = artisan.district
        years = rng.randint(6, 45)
        status = PENDING if index == PENDING_INDEX else REJECTED if index == REJECTED_INDEX else VERIFIED
        words = {"name": artisan.name, "district": district.name, "state": district.state.name, "years": years}
        profile = ArtisanProfile(
            partner_id=artisan.partner_id,
            kind=KINDS[index % 4],
            workshop=f"{artisan.name}, {district.name}",
            phone=f"98{seed % 100:02d}{index + 1:06d}",
            email=f"demo-artisan-{index + 1:02d}@odop.example",
            district=district,
            years_of_practice=years,
            story_en=_story_en(craft=craft.name, **words),
            story_hi=_story_hi(
                craft=craft.name_hi or craft.name,
                **{
                    **words,
                    "district": district.name_hi or district.name,
                    "state": district.state.name_hi or district.state.name,
                },
            ),
            awards="\n".join(rng.sample(AWARDS, rng.randint(0, 2))),
            status=status,
            # Demo payout details (not real accounts): half are paid by bank transfer, half by UPI.
            **(
                {"bank_account_number": f"{91_000_000_000 + index:012d}", "ifsc": "SBIN0000001"}
                if index % 2 == 0
                else {"upi_id": f"demo-artisan-{index + 1:02d}@oksbi"}
            ),
        )
        profile.portrait.save(f"demo-artisan-{index + 1:02d}.jpg", ContentFile(portrait_jpeg(seed=index)), save=False)
        workshop = craft_image_jpeg(family=craft.family.slug, craft=craft.slug, seed=100 + index, size=900)
        profile.workshop_photo.save(f"demo-artisan-{index + 1:02d}-workshop.jpg", ContentFile(workshop), save=False)
        profile.save()
        profile.crafts.set(artisan.crafts)
        if status == VERIFIED:
            ArtisanDecision.objects.create(profile=profile, action=ArtisanDecision.VERIFY, decided_by=None)
        elif status == REJECTED:
            ArtisanDecision.objects.create(
                profile=profile,
                action=ArtisanDecision.REJECT,
                reason="Products are factory-made, not handmade (demo data).",
                decided_by=None,
            )
        created += 1
    return created


def demo_gi_authorisations_load(*, partner_ids: list[int]) -> int:
    """Record GI authorised-user status for verified demo artisans whose products carry a GI tag.

    The demo's products are placed with GI tags from their district and craft; without this their
    makers' pages would say "none recorded" beside GI badges. Numbers are marked DEMO: no real
    authorised-user registration is claimed.
    """
    StockRecord = get_model("partner", "StockRecord")
    ops, _ = get_user_model().objects.get_or_create(
        email="ops@odop.example",
        defaults={"username": "ops", "is_staff": True, "password": "!unusable-until-demo-logins"},
    )
    pairs = set(
        StockRecord.objects.filter(
            partner_id__in=partner_ids,
            partner__artisan_profile__status=VERIFIED,
            product__gi_tag__isnull=False,
        ).values_list("partner__artisan_profile", "product__gi_tag")
    )
    existing = set(
        GIAuthorisation.objects.filter(profile_id__in={p for p, _ in pairs}).values_list("profile_id", "gi_tag_id")
    )
    missing = sorted(pairs - existing)
    GIAuthorisation.objects.bulk_create(
        GIAuthorisation(
            profile_id=profile_id,
            gi_tag_id=gi_tag_id,
            registration_number=f"DEMO-{gi_tag_id:03d}-{profile_id:04d}",
            verified_by=ops,
        )
        for profile_id, gi_tag_id in missing
    )
    return len(missing)
