from oscar.test.factories import UserFactory

from artisans.services import artisan_suspend
from tests.factories import CraftProductFactory


def test_a_suspended_artisans_product_cannot_be_put_in_the_basket_even_by_a_direct_post(client, odop_reference):
    # Given a product whose artisan ops has just suspended
    product = CraftProductFactory(title="Engraved Brass Lota")
    profile = product.stockrecords.get().partner.artisan_profile
    artisan_suspend(profile=profile, by=UserFactory(is_staff=True), reason="Counterfeit GI claims")
    # When a shopper posts straight to the basket
    response = client.post(f"/basket/add/{product.pk}/", {"quantity": 1}, follow=True)
    # Then nothing is added and the shopper is told why
    assert response.status_code == 200
    assert response.context["basket"].num_items == 0
    assert "unavailable" in response.content.decode().lower() or "not available" in response.content.decode().lower()


def test_a_verified_artisans_product_goes_into_the_basket(client, odop_reference):
    product = CraftProductFactory(title="Engraved Brass Lota")
    response = client.post(f"/basket/add/{product.pk}/", {"quantity": 1}, follow=True)
    assert response.context["basket"].num_items == 1
