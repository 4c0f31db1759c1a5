"""Reads for mobile sign-in."""

from django.contrib.auth import get_user_model

from phone_auth.models import UserMobile


def user_for_mobile(*, phone: str):
    """The person this number signs in: their confirmed number first, else the artisan whose profile has it."""
    link = UserMobile.objects.select_related("user").filter(phone=phone).first()
    if link is not None:
        return link.user
    from artisans.models import ArtisanProfile

    profile = ArtisanProfile.objects.filter(phone=phone).select_related("partner").first()
    if profile is None:
        return None
    return get_user_model().objects.filter(partners=profile.partner, mobile__isnull=True).order_by("pk").first()
