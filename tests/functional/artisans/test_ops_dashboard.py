from artisans.models import ArtisanProfile
from catalogue_ext.selectors import products_buyable
from tests.factories import ArtisanPartnerFactory, ArtisanProfileFactory, gi_tag


def test_ops_filters_artisans_by_status(client, ops, artisan_a, suspended_artisan):
    pending = ArtisanProfileFactory(partner=ArtisanPartnerFactory(name="Waiting Weavers"), status="pending")
    client.force_login(ops)
    html = client.get("/dashboard/artisans/?status=pending").content.decode()
    assert pending.name in html and artisan_a.profile.name not in html
    html = client.get("/dashboard/artisans/?status=suspended").content.decode()
    assert suspended_artisan.profile.name in html and pending.name not in html
    assert "Artisans" in client.get("/dashboard/").content.decode()


def test_ops_verifies_a_pending_artisan_and_the_decision_is_shown_with_who_and_when(client, ops, odop_reference):
    pending = ArtisanProfileFactory(partner=ArtisanPartnerFactory(name="Waiting Weavers"), status="pending")
    client.force_login(ops)
    response = client.post(f"/dashboard/artisans/{pending.pk}/", {"form": "decision", "action": "verify"}, follow=True)
    pending.refresh_from_db()
    assert pending.status == "verified"
    log = response.content.decode().split('class="table table-sm table-striped decision-log"', 1)[1]
    assert "Verified" in log and ops.email in log


def test_rejecting_without_a_reason_is_refused_next_to_the_field(client, ops, odop_reference):
    pending = ArtisanProfileFactory(partner=ArtisanPartnerFactory(), status="pending")
    client.force_login(ops)
    response = client.post(f"/dashboard/artisans/{pending.pk}/", {"form": "decision", "action": "reject", "reason": ""})
    assert response.status_code == 400
    assert "Give a reason" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending" and not pending.decisions.exists()


def test_a_decision_that_does_not_apply_is_explained_not_crashed_on(client, ops, artisan_a):
    client.force_login(ops)
    response = client.post(f"/dashboard/artisans/{artisan_a.profile.pk}/", {"form": "decision", "action": "verify"})
    assert response.status_code == 400
    assert "cannot be verified" in response.content.decode()


def test_suspending_takes_their_products_off_sale_at_once(client, ops, artisan_a, django_capture_on_commit_callbacks):
    client.force_login(ops)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/dashboard/artisans/{artisan_a.profile.pk}/",
            {"form": "decision", "action": "suspend", "reason": "Complaints about fakes"},
        )
    assert ArtisanProfile.objects.get(pk=artisan_a.profile.pk).status == "suspended"
    assert not products_buyable().filter(pk=artisan_a.product.pk).exists()
    assert client.get(artisan_a.product.get_absolute_url()).status_code == 404


def test_ops_records_gi_authorised_user_status(client, ops, artisan_a):
    tag = gi_tag("moradabad")
    client.force_login(ops)
    client.post(
        f"/dashboard/artisans/{artisan_a.profile.pk}/",
        {"form": "gi", "gi_tag": tag.pk, "registration_number": "AU/2024/118"},
    )
    authorisation = artisan_a.profile.gi_authorisations.get()
    assert (authorisation.gi_tag, authorisation.verified_by) == (tag, ops)
    public = client.get(artisan_a.profile.get_absolute_url()).content.decode()
    assert tag.name in public.split('class="artisan-gi"', 1)[1]
    response = client.post(f"/dashboard/artisans/{artisan_a.profile.pk}/", {"form": "gi", "gi_tag": tag.pk})
    assert response.status_code == 400
