import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from artisans import services
from artisans.models import ArtisanDecision, ArtisanProfile
from catalogue_ext.selectors import products_buyable
from tests.factories import ArtisanPartnerFactory, ArtisanProfileFactory, CraftProductFactory, gi_tag


@pytest.fixture
def ops(db):
    return get_user_model().objects.create_user(username="ops", email="ops@example.com", password="x", is_staff=True)


@pytest.fixture
def reindexed(monkeypatch):
    """The product ids handed to the search index after each commit."""
    calls = []
    monkeypatch.setattr(
        "search.services.search_index_products", lambda *, product_ids: calls.append(sorted(product_ids))
    )
    return calls


def _artisan_with_product(status="verified"):
    partner = ArtisanPartnerFactory()
    profile = ArtisanProfileFactory(partner=partner, status=status)
    product = CraftProductFactory(stockrecords__partner=partner)
    return profile, product


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_only_verified_artisans_products_are_buyable(odop_reference, status):
    # Given one verified artisan's product and one from an artisan who is not verified
    _verified, listed = _artisan_with_product()
    _other, unlisted = _artisan_with_product(status=status)
    # Then only the verified artisan's product can be found and bought
    assert list(products_buyable().filter(pk__in=[listed.pk, unlisted.pk])) == [listed]


def test_a_hidden_product_of_a_verified_artisan_is_not_buyable(odop_reference):
    profile, product = _artisan_with_product()
    services.artisan_product_hide(product=product, hidden=True)
    assert not products_buyable().filter(pk=product.pk).exists()


def test_suspending_stops_sales_at_once_logs_who_and_why_and_reindexes_after_commit(
    odop_reference, ops, reindexed, django_capture_on_commit_callbacks
):
    profile, product = _artisan_with_product()
    # When ops suspends the artisan
    with django_capture_on_commit_callbacks(execute=True):
        services.artisan_suspend(profile=profile, by=ops, reason="Counterfeit GI claims")
    # Then the product is no longer buyable, the decision is on record and search was told
    assert not products_buyable().filter(pk=product.pk).exists()
    decision = profile.decisions.get()
    assert (decision.action, decision.decided_by, decision.reason) == ("suspend", ops, "Counterfeit GI claims")
    assert decision.decided_at is not None
    assert reindexed == [[product.pk]]
    # And reinstating brings it back
    with django_capture_on_commit_callbacks(execute=True):
        services.artisan_reinstate(profile=profile, by=ops)
    assert products_buyable().filter(pk=product.pk).exists()


def test_nothing_is_reindexed_when_the_decision_rolls_back(
    odop_reference, ops, reindexed, django_capture_on_commit_callbacks
):
    profile, _product = _artisan_with_product(status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(services.ArtisanDecisionError):
            services.artisan_suspend(profile=profile, by=ops, reason="x")
    assert reindexed == []
    profile.refresh_from_db()
    assert profile.status == "pending" and not profile.decisions.exists()


def test_rejecting_needs_a_reason(odop_reference, ops):
    profile, _product = _artisan_with_product(status="pending")
    with pytest.raises(services.ArtisanDecisionError, match="reason"):
        services.artisan_reject(profile=profile, by=ops, reason="  ")
    profile.refresh_from_db()
    assert profile.status == "pending"


def test_a_verified_artisan_cannot_be_verified_twice(odop_reference, ops):
    profile, _product = _artisan_with_product()
    with pytest.raises(services.ArtisanDecisionError, match="verified"):
        services.artisan_verify(profile=profile, by=ops)


def test_the_database_refuses_an_unknown_status_and_a_reasonless_rejection(odop_reference, ops):
    profile, _product = _artisan_with_product()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArtisanProfile.objects.filter(pk=profile.pk).update(status="approved")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArtisanDecision.objects.create(profile=profile, action="reject", reason="", decided_by=ops)


def test_revoking_a_gi_authorisation_takes_the_badge_off_their_products(
    odop_reference, ops, reindexed, django_capture_on_commit_callbacks
):
    tag = gi_tag("moradabad")
    profile, product = _artisan_with_product()
    services.gi_authorisation_record(profile=profile, gi_tag=tag, registration_number="AU/1234", by=ops)
    product.gi_tag = tag
    product.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.gi_authorisation_revoke(profile=profile, gi_tag=tag, by=ops, reason="Certificate expired")
    product.refresh_from_db()
    assert product.gi_tag is None
    assert list(profile.decisions.values_list("action", flat=True)) == ["gi_revoke", "gi_authorise"]
    assert reindexed == [[product.pk]]
