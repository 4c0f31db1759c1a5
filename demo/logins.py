"""The demo's three logins: an ops user, one artisan partner user and a shopper."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from oscar.core.loading import get_model

Partner = get_model("partner", "Partner")


@dataclass(frozen=True)
class DemoLogin:
    role: str
    email: str
    password: str
    where: str


DEMO_LOGINS = (
    DemoLogin("ops", "ops@odop.example", "ops-demo-2026", "/dashboard/"),
    DemoLogin(
        "artisan", "artisan@odop.example", "artisan-demo-2026", "/artisans/studio/ (own products, parcels and money)"
    ),
    DemoLogin("shopper", "shopper@odop.example", "shopper-demo-2026", "/accounts/ (orders with parcel tracking)"),
)
DEMO_ARTISAN_PARTNER_CODE = "demo-artisan-01"


def _user(login: DemoLogin, **flags):
    User = get_user_model()
    user, _ = User.objects.update_or_create(
        email=login.email, defaults={"username": login.email.split("@")[0], **flags}
    )
    user.set_password(login.password)
    user.save()
    return user


@transaction.atomic
def demo_logins_create() -> None:
    """Idempotent; the artisan login joins the demo's first artisan partner (a verified artisan)."""
    partner = Partner.objects.filter(code=DEMO_ARTISAN_PARTNER_CODE).first()
    if partner is None:
        raise ValueError("Load the demo catalogue first: `python manage.py load_demo_catalogue`.")
    ops, artisan, shopper = DEMO_LOGINS
    _user(ops, is_staff=True, is_superuser=True, first_name="Ops", last_name="Desk")
    artisan_user = _user(artisan, is_staff=False, is_superuser=False, first_name="Demo", last_name="Artisan")
    # Artisans work in their studio; Oscar's dashboard would show them other artisans' order lines.
    artisan_user.user_permissions.remove(
        *Permission.objects.filter(codename="dashboard_access", content_type__app_label="partner")
    )
    partner.users.add(artisan_user)
    _user(shopper, is_staff=False, is_superuser=False, first_name="Asha", last_name="Shopper")
