"""Sign-in, sign-up and password reset are throttled; sign-up does not tell who is registered (issue 12)."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.utils import translation

PASSWORD = "right-pass-2026"


@pytest.fixture
def shopper(django_user_model):
    return django_user_model.objects.create_user(username="asha", email="asha@example.com", password=PASSWORD)


@pytest.fixture
def ops_desk(ops):
    """Ops in a browser of their own (the shopper's `client` is someone else)."""
    desk = Client()
    desk.force_login(ops)
    return desk


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        username="opsdesk", email="desk@example.com", password=PASSWORD, is_staff=True, is_superuser=True
    )


def shop_login(client, email, password, **extra):
    return client.post(
        "/accounts/login/",
        {"login-username": email, "login-password": password, "login_submit": "1"},
        **extra,
    )


def dashboard_login(client, email, password):
    return client.post("/dashboard/login/", {"username": email, "password": password})


def admin_login(client, email, password):
    return client.post("/admin/login/?next=/admin/", {"username": email, "password": password})


@pytest.mark.django_db
@pytest.mark.parametrize("login", [shop_login, dashboard_login, admin_login], ids=["accounts", "dashboard", "admin"])
def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, staff, login, settings):
    # Given five wrong passwords for the ops account (the fifth already gets the lock-out page)
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert login(client, "desk@example.com", "wrong").status_code == 200
    assert login(client, "desk@example.com", "wrong").status_code == 429
    # When the right one follows
    response = login(client, "desk@example.com", PASSWORD)
    # Then the account is locked for a while, and the page says so
    assert response.status_code == 429
    assert "Signing in is paused after 5 wrong passwords" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_one_address_trying_many_accounts_is_locked(client, shopper):
    for n in range(5):
        shop_login(client, f"guess{n}@example.com", "wrong")
    assert shop_login(client, "asha@example.com", PASSWORD).status_code == 429


@pytest.mark.django_db
def test_the_lock_out_page_speaks_hindi(client, shopper):
    for _ in range(5):
        shop_login(client, "asha@example.com", "wrong")
    html = shop_login(client, "asha@example.com", PASSWORD, HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    translation.activate("en")
    assert "Signing in is paused" not in html and "15" in html
    assert "पासवर्ड" in html


@pytest.mark.django_db
def test_a_right_password_before_the_limit_signs_in_and_starts_the_count_again(client, shopper):
    for _ in range(4):
        shop_login(client, "asha@example.com", "wrong")
    assert shop_login(client, "asha@example.com", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        shop_login(client, "asha@example.com", "wrong")
    assert shop_login(client, "asha@example.com", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_ops_lift_a_lock_out_from_the_dashboard(client, shopper, ops_desk):
    for _ in range(5):
        shop_login(client, "asha@example.com", "wrong")
    page = ops_desk.get("/dashboard/lockouts/").content.decode()
    assert "asha@example.com" in page and "locked" in page
    response = ops_desk.post("/dashboard/lockouts/", {"identity": "asha@example.com", "address": "127.0.0.1"})
    assert response.status_code == 302
    assert shop_login(client, "asha@example.com", PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_lock_outs_page_is_for_ops_only(client, shopper):
    client.force_login(shopper)
    assert client.get("/dashboard/lockouts/").status_code in (302, 403, 404)
    assert client.post("/dashboard/lockouts/", {"address": "127.0.0.1"}).status_code in (302, 403, 404)


@pytest.mark.django_db
def test_lifting_needs_an_address_or_an_account(ops_desk):
    response = ops_desk.post("/dashboard/lockouts/", {"address": "not an address", "identity": ""})
    assert response.status_code == 400


class CountingHasher(MD5PasswordHasher):
    """Counts password hashes computed (checking a password hashes it too: verify() calls encode())."""

    calls = 0

    def encode(self, password, salt):
        CountingHasher.calls += 1
        return super().encode(password, salt)


@pytest.mark.django_db
def test_an_unknown_email_costs_as_many_password_hashes_as_a_known_one(client, settings, django_user_model):
    settings.PASSWORD_HASHERS = ["tests.functional.shop.test_throttling.CountingHasher"]
    django_user_model.objects.create_user(username="asha", email="asha@example.com", password=PASSWORD)
    CountingHasher.calls = 0
    shop_login(client, "asha@example.com", "wrong")
    known = CountingHasher.calls
    CountingHasher.calls = 0
    shop_login(client, "nobody@example.com", "wrong")
    assert known >= 1 and CountingHasher.calls == known


@pytest.mark.django_db
@pytest.mark.parametrize("url, prefix", [("/accounts/register/", ""), ("/accounts/login/", "registration-")])
def test_signing_up_with_a_taken_email_looks_like_any_sign_up_and_tells_the_owner(
    client, shopper, mailoutbox, django_user_model, url, prefix
):
    def sign_up(browser, email):
        data = {
            f"{prefix}email": email,
            f"{prefix}password1": "another-pass-99",
            f"{prefix}password2": "another-pass-99",
        }
        if prefix:
            data["registration_submit"] = "1"
        return browser.post(url, data)

    # Given someone signing up with a new address, and someone with the address Asha uses
    before = django_user_model.objects.count()
    new = sign_up(Client(), "new@example.com")
    taken = sign_up(client, "ASHA@example.com")
    # Then both get the same answer: no "already exists", the same next page and message
    assert (taken.status_code, taken.url) == (new.status_code, new.url) == (302, new.url)
    assert "already" not in client.get(taken.url).content.decode()
    # And only the new address got an account; Asha is told by e-mail instead
    assert django_user_model.objects.count() == before + 1
    assert mailoutbox[-1].to == ["asha@example.com"] and "already has one" in mailoutbox[-1].body


@pytest.mark.django_db
def test_a_new_email_signs_up_and_is_signed_in(client, django_user_model):
    response = client.post(
        "/accounts/register/",
        {"email": "new@example.com", "password1": "another-pass-99", "password2": "another-pass-99"},
    )
    assert response.status_code == 302
    assert django_user_model.objects.filter(email="new@example.com").exists()
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_password_reset_requests_are_limited_per_email(client, shopper, mailoutbox, settings):
    for _ in range(settings.THROTTLE_MAX_ATTEMPTS):
        assert client.post("/password-reset/", {"email": "asha@example.com"}).status_code == 302
    response = client.post("/password-reset/", {"email": "asha@example.com"})
    assert response.status_code == 429 and "Too many attempts from here" in response.content.decode()
    assert len(mailoutbox) == settings.THROTTLE_MAX_ATTEMPTS


@pytest.mark.django_db
def test_sign_ups_are_limited_per_address(client, settings):
    for n in range(settings.THROTTLE_MAX_ATTEMPTS):
        client.post("/accounts/register/", {"email": f"bad{n}", "password1": "x", "password2": "y"})
    response = client.post(
        "/accounts/register/",
        {"email": "fine@example.com", "password1": "another-pass-99", "password2": "another-pass-99"},
    )
    assert response.status_code == 429 and "Too many attempts from here" in response.content.decode()


@pytest.mark.django_db
def test_ops_lifting_an_address_clears_its_sign_up_limit(client, settings, ops_desk):
    for n in range(settings.THROTTLE_MAX_ATTEMPTS + 1):
        client.post("/accounts/register/", {"email": f"bad{n}", "password1": "x", "password2": "y"})
    ops_desk.post("/dashboard/lockouts/", {"address": "127.0.0.1"})
    response = client.post(
        "/accounts/register/",
        {"email": "fine@example.com", "password1": "another-pass-99", "password2": "another-pass-99"},
    )
    assert response.status_code == 302
