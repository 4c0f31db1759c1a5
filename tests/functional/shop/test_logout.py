"""Issue 12: signing out is a POST; a link (or an <img src>) elsewhere cannot sign anyone out."""

import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def shopper_client(client, db):
    user = get_user_model().objects.create_user(username="s", email="s@example.com", password="pass-1234-word")
    client.force_login(user)
    return client


def test_a_get_of_the_logout_url_asks_and_keeps_the_session(shopper_client):
    response = shopper_client.get("/accounts/logout/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'method="post"' in html and "Sign out" in html
    assert "_auth_user_id" in shopper_client.session


def test_the_header_signs_out_with_a_post_form_and_the_post_signs_out(shopper_client):
    html = shopper_client.get("/accounts/profile/").content.decode()
    assert 'id="logout_form"' in html and 'href="/accounts/logout/"' not in html
    response = shopper_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in shopper_client.session


def test_the_dashboard_logout_is_post_only_too(shopper_client):
    assert shopper_client.get("/dashboard/logout/").status_code == 405
    assert "_auth_user_id" in shopper_client.session
