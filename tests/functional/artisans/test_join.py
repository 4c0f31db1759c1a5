import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from oscar.core.loading import get_model

from artisans.models import ArtisanProfile
from catalogue_ext.models import Craft, District
from tests.factories import ArtisanPartnerFactory, ArtisanProfileFactory

Partner = get_model("partner", "Partner")


@pytest.fixture
def form_data(odop_reference):
    return {
        "name": "Rina Prajapati",
        "phone": "9876543210",
        "email": "rina@example.com",
        "district": District.objects.get(slug="azamgarh").pk,
        "craft": Craft.objects.filter(parent__isnull=False).first().pk,
        "story": "I make black pottery.\n\nMy mother taught me.",
        "password": "kali-mitti-2026",
    }


def _counts():
    return (get_user_model().objects.count(), Partner.objects.count(), ArtisanProfile.objects.count())


def test_joining_creates_a_pending_artisan_with_user_partner_and_profile(client, form_data):
    response = client.post("/artisans/join/", form_data)
    assert response.status_code == 302
    profile = ArtisanProfile.objects.get(phone="9876543210")
    assert profile.status == "pending"
    assert profile.partner.name == "Rina Prajapati"
    assert profile.partner.users.get().email == "rina@example.com"
    assert profile.story_en == "<p>I make black pottery.</p>\n\n<p>My mother taught me.</p>"
    # The new artisan is signed in and sees that they are waiting for verification, and is not public yet
    studio = client.get("/artisans/studio/").content.decode()
    assert "waiting for verification" in studio
    assert client.get(profile.get_absolute_url()).status_code == 404


def test_the_join_form_speaks_hindi(client, odop_reference):
    html = client.get("/artisans/join/", HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert 'lang="hi"' in html
    assert "Fill this form in English" in html
    translation.activate("en")


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("phone", "12345", "10-digit Indian mobile number"),
        ("email", "not-an-email", "valid email"),
        ("name", "", "required"),
        ("district", "999999", "valid choice"),
        ("story", "", "required"),
        ("password", "123", "too short"),
    ],
)
def test_every_bad_field_gets_a_message_next_to_it_and_nothing_is_saved(client, form_data, field, value, message):
    before = _counts()
    response = client.post("/artisans/join/", {**form_data, field: value})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'data-field="{field}"' in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize("field", ["phone", "email"])
def test_a_taken_phone_or_email_is_not_revealed_and_its_owner_is_told(client, form_data, field, sms_outbox, mailoutbox):
    # Given an artisan with this mobile and e-mail
    ArtisanProfileFactory(partner=ArtisanPartnerFactory(), phone="9876543210", email="rina@example.com")
    other = {"phone": "9123456789", "email": "other@example.com"}
    other.pop(field)
    before = _counts()
    # When someone joins with one of them
    response = client.post("/artisans/join/", {**form_data, **other})
    # Then the page says only that a message is on its way (the same page a new artisan reaches)...
    assert response.status_code == 302 and response.url == "/artisans/join/thanks/"
    page = client.get(response.url).content.decode()
    assert "already" not in page and "We have sent a message to your mobile or e-mail" in page
    assert _counts() == before
    # ...and the owner hears of it by SMS (mobile) or e-mail
    if field == "phone":
        assert [m.to for m in sms_outbox] == ["9876543210"] and sms_outbox[0].template == "account_exists"
    else:
        assert [m.to for m in mailoutbox] == [["rina@example.com"]]
        assert "already has one" in mailoutbox[0].body


def test_an_artisan_joins_with_only_a_mobile_confirmed_by_a_code(client, form_data, sms_outbox):
    # Given someone with a mobile but no email and no password
    data = {**form_data, "email": "", "password": "", "phone": "+91 98765 43210"}
    # When they ask for a code, then send the form with it
    page = client.post("/artisans/join/", {**data, "send_code": "1"})
    assert page.status_code == 200 and "98••••••10" in page.content.decode()
    assert 'value="Rina Prajapati"' in page.content.decode()  # what they typed is kept
    response = client.post("/artisans/join/", {**data, "code": sms_outbox[-1].variables["otp"]})
    # Then they are a pending artisan, signed in, with a confirmed mobile and no email or password
    assert response.status_code == 302
    profile = ArtisanProfile.objects.get(phone="9876543210")
    user = profile.partner.users.get()
    assert profile.email is None and user.email == "" and not user.has_usable_password()
    assert user.mobile.phone == "9876543210" and user.mobile.verified_at is not None
    assert "waiting for verification" in client.get("/artisans/studio/").content.decode()


def test_two_artisans_may_both_have_no_email(client, form_data, sms_outbox):
    ArtisanProfileFactory(partner=ArtisanPartnerFactory(), phone="9123456789", email=None)
    client.post("/artisans/join/", {**form_data, "email": "", "password": "", "send_code": "1"})
    response = client.post(
        "/artisans/join/", {**form_data, "email": "", "password": "", "code": sms_outbox[-1].variables["otp"]}
    )
    assert response.status_code == 302
    assert ArtisanProfile.objects.filter(email__isnull=True).count() == 2


def test_without_a_password_the_code_is_required(client, form_data):
    before = _counts()
    response = client.post("/artisans/join/", {**form_data, "password": ""})
    assert "press “Send me a code”" in " ".join(response.context["form"].errors["code"])
    assert _counts() == before


def test_a_wrong_code_on_the_join_form_saves_nothing(client, form_data, sms_outbox):
    client.post("/artisans/join/", {**form_data, "password": "", "send_code": "1"})
    wrong = f"{(int(sms_outbox[-1].variables['otp']) + 1) % 10**6:06d}"
    before = _counts()
    response = client.post("/artisans/join/", {**form_data, "password": "", "code": wrong})
    assert "not right" in " ".join(response.context["form"].errors["code"])
    assert _counts() == before


@pytest.mark.parametrize("phone", ["12345", "+44 7700 900123"])
def test_asking_a_code_for_a_foreign_number_explains_and_sends_nothing(client, form_data, sms_outbox, phone):
    response = client.post("/artisans/join/", {**form_data, "phone": phone, "send_code": "1"})
    assert response.status_code == 200
    assert "10-digit Indian mobile number" in response.content.decode()
    assert sms_outbox == []


def test_the_code_step_speaks_hindi(client, form_data, sms_outbox):
    response = client.post(
        "/artisans/join/", {**form_data, "phone": "12345", "send_code": "1"}, HTTP_ACCEPT_LANGUAGE="hi"
    )
    assert "10 अंकों" in response.content.decode()
    translation.activate("en")
