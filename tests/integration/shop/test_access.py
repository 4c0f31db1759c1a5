"""The access rules every page uses (shop/access.py), checked without a request."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from catalogue_ext.models import Product
from shop.access import is_ops, studio_owned, studio_profile
from tests.functional.artisans.conftest import make_artisan

pytestmark = pytest.mark.django_db


def test_only_active_staff_are_ops(db):
    users = get_user_model().objects
    assert is_ops(users.create_user(username="ops", is_staff=True))
    assert not is_ops(users.create_user(username="former", is_staff=True, is_active=False))
    assert not is_ops(users.create_user(username="shopper"))
    assert not is_ops(AnonymousUser())


def test_the_studio_is_for_verified_artisans_and_its_home_for_any_artisan(odop_reference):
    verified = make_artisan(name="Ansari Brass Works")
    suspended = make_artisan(name="Suspended Metal Crafts", status="suspended")
    shopper = get_user_model().objects.create_user(username="shopper")
    assert studio_profile(user=verified.user) == verified.profile
    assert studio_profile(user=suspended.user) is None
    assert studio_profile(user=suspended.user, verified_only=False) == suspended.profile
    assert studio_profile(user=shopper, verified_only=False) is None
    assert studio_profile(user=AnonymousUser(), verified_only=False) is None


def test_a_studio_sees_only_its_own_rows(odop_reference):
    a, b = make_artisan(name="Ansari Brass Works"), make_artisan(name="Qureshi Brass Udyog")
    own = studio_owned(Product.objects.all(), profile=a.profile, partner_field="stockrecords__partner_id")
    assert list(own) == [a.product]
    assert b.product not in own
