"""/accounts/mobile/: an artisan or a shopper signs in with their mobile and a code; bad input never a 500."""

import pytest
from django.contrib.auth import get_user_model

from phone_auth.models import OneTimeCode, UserMobile
from tests.factories import ArtisanPartnerFactory, ArtisanProfileFactory

pytestmark = pytest.mark.django_db


def _ask(client, phone="98765 43210", **extra):
    return client.post("/accounts/mobile/", {"phone": phone, **extra})


def test_a_shopper_signs_in_with_a_code_and_gets_an_account_without_email(client, sms_outbox):
    response = _ask(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/mobile/code/"
    page = client.get("/accounts/mobile/code/").content.decode()
    assert "98••••••10" in page and "9876543210" not in page
    response = client.post("/accounts/mobile/code/", {"code": sms_outbox[-1].variables["otp"]})
    assert response.status_code == 302 and response["Location"] == "/accounts/"
    user = get_user_model().objects.get(mobile__phone="9876543210")
    assert client.session["_auth_user_id"] == str(user.pk)
    # Oscar's account pages work for a person without an email
    assert client.get("/accounts/", follow=True).status_code == 200
    assert client.get("/accounts/orders/").status_code == 200


def test_an_artisan_with_only_a_mobile_on_their_profile_lands_in_their_studio(client, sms_outbox, odop_reference):
    partner = ArtisanPartnerFactory()
    ArtisanProfileFactory(partner=partner, phone="9123456789")
    user = get_user_model().objects.create_user(username="old-artisan", email="a@example.com", password="x-123-pass-y")
    partner.users.add(user)
    _ask(client, "+91 91234 56789")
    response = client.post("/accounts/mobile/code/", {"code": sms_outbox[-1].variables["otp"]})
    assert response["Location"] == "/artisans/studio/"
    assert client.session["_auth_user_id"] == str(user.pk)
    assert UserMobile.objects.get(user=user).verified_at is not None


def test_next_is_followed_only_within_the_site(client, sms_outbox):
    _ask(client, next="/basket/")
    assert client.post("/accounts/mobile/code/", {"code": sms_outbox[-1].variables["otp"]})["Location"] == "/basket/"
    client.logout()
    _ask(client, next="https://evil.example/")
    assert client.post("/accounts/mobile/code/", {"code": sms_outbox[-1].variables["otp"]})["Location"] == "/accounts/"


@pytest.mark.parametrize("phone", ["12345", "+44 7700 900123", "", "abcdefghij"])
def test_a_number_that_is_not_an_indian_mobile_is_refused_next_to_the_field(client, sms_outbox, phone):
    response = _ask(client, phone)
    assert response.status_code == 200
    assert 'data-field="phone"' in response.content.decode()
    assert sms_outbox == [] and not OneTimeCode.objects.exists()


def test_hindi_speakers_get_hindi_pages_messages_and_sms(client, sms_outbox):
    client.cookies["django_language"] = "hi"
    page = client.get("/accounts/mobile/", HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert "मोबाइल" in page
    response = _ask(client, "12345", HTTP_ACCEPT_LANGUAGE="hi")
    assert "10 अंकों" in response.content.decode()
    _ask(client, HTTP_ACCEPT_LANGUAGE="hi")
    assert "कोड" in sms_outbox[-1].text
    response = client.post("/accounts/mobile/code/", {"code": "000000"}, HTTP_ACCEPT_LANGUAGE="hi")
    if sms_outbox[-1].variables["otp"] != "000000":
        assert "कोड सही नहीं" in response.content.decode()


@pytest.mark.parametrize("code", ["", "12", "abcdef", "1234567"])
def test_a_malformed_code_is_explained_and_not_counted(client, sms_outbox, code):
    _ask(client)
    response = client.post("/accounts/mobile/code/", {"code": code})
    assert response.status_code == 200 and 'data-field="code"' in response.content.decode()
    assert OneTimeCode.objects.get().attempts == 0
    assert "_auth_user_id" not in client.session


def test_a_wrong_code_is_refused_and_nobody_is_signed_in_or_created(client, sms_outbox):
    _ask(client)
    wrong = f"{(int(sms_outbox[-1].variables['otp']) + 1) % 10**6:06d}"
    response = client.post("/accounts/mobile/code/", {"code": wrong})
    assert "That code is not right. Tries left: 4." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not get_user_model().objects.exists()


def test_the_code_page_without_a_number_sends_the_person_back(client):
    response = client.get("/accounts/mobile/code/")
    assert response.status_code == 302 and response["Location"] == "/accounts/mobile/"
    assert client.post("/accounts/mobile/code/", {"code": "123456"}).status_code == 302


def test_too_many_requests_for_one_number_get_a_message_not_an_error(client, sms_outbox, settings):
    for _ in range(settings.OTP_MAX_PER_NUMBER):
        _ask(client)
    response = _ask(client)
    assert response.status_code == 200 and "Too many codes" in response.content.decode()
    assert len(sms_outbox) == settings.OTP_MAX_PER_NUMBER


def test_the_email_sign_in_page_offers_the_mobile_way_in(client):
    html = client.get("/accounts/login/?next=/checkout/").content.decode()
    assert 'href="/accounts/mobile/?next=/checkout/"' in html
    assert 'name="login-username"' in html  # Oscar's own form is still there
