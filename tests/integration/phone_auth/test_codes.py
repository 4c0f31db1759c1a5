"""One-time codes: hashed, expiring, single-use, a few tries, limited per number and per address."""

from datetime import timedelta

import pytest
from django.utils import timezone

from phone_auth import services
from phone_auth.models import JOIN, SIGN_IN, OneTimeCode, UserMobile

pytestmark = pytest.mark.django_db
PHONE = "9876543210"


def _send(phone=PHONE, *, address="203.0.113.5", language="en", purpose=SIGN_IN):
    services.otp_request(phone=phone, purpose=purpose, address=address, language=language)


def _last_code(outbox):
    return outbox[-1].variables["otp"]


def test_a_code_is_sent_by_sms_and_only_its_hash_is_kept(sms_outbox):
    _send()
    (message,) = sms_outbox
    code = message.variables["otp"]
    assert message.to == PHONE and message.template == "otp" and len(code) == 6 and code in message.text
    row = OneTimeCode.objects.get()
    assert code not in row.code_hash and len(row.code_hash) == 64


def test_the_sms_speaks_the_persons_language(sms_outbox):
    _send(language="hi")
    assert "कोड" in sms_outbox[0].text


def test_a_right_code_works_once(sms_outbox):
    _send()
    code = _last_code(sms_outbox)
    services.otp_verify(phone=PHONE, purpose=SIGN_IN, code=code)
    with pytest.raises(services.OtpError, match="expired or was already used"):
        services.otp_verify(phone=PHONE, purpose=SIGN_IN, code=code)


def test_a_code_for_signing_in_does_not_confirm_a_sign_up(sms_outbox):
    _send()
    with pytest.raises(services.OtpError, match="expired or was already used"):
        services.otp_verify(phone=PHONE, purpose=JOIN, code=_last_code(sms_outbox))


def test_an_expired_code_is_refused(sms_outbox):
    _send()
    OneTimeCode.objects.update(
        created_at=timezone.now() - timedelta(minutes=20), expires_at=timezone.now() - timedelta(seconds=1)
    )
    with pytest.raises(services.OtpError, match="expired"):
        services.otp_verify(phone=PHONE, purpose=SIGN_IN, code=_last_code(sms_outbox))


def test_wrong_tries_are_counted_and_the_fifth_retires_the_code(sms_outbox, settings):
    _send()
    right = _last_code(sms_outbox)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for left in (4, 3, 2, 1):
        with pytest.raises(services.OtpError, match=f"Tries left: {left}"):
            services.otp_verify(phone=PHONE, purpose=SIGN_IN, code=wrong)
    with pytest.raises(services.OtpError, match="Too many wrong tries"):
        services.otp_verify(phone=PHONE, purpose=SIGN_IN, code=wrong)
    # Even the right code no longer works: guessing cannot go on
    with pytest.raises(services.OtpError, match="Too many wrong tries"):
        services.otp_verify(phone=PHONE, purpose=SIGN_IN, code=right)
    assert OneTimeCode.objects.get().attempts == settings.OTP_MAX_ATTEMPTS


def test_a_new_code_retires_the_previous_one(sms_outbox):
    _send()
    first = _last_code(sms_outbox)
    _send()
    with pytest.raises(services.OtpError):
        services.otp_verify(phone=PHONE, purpose=SIGN_IN, code=first)
    services.otp_verify(phone=PHONE, purpose=SIGN_IN, code=_last_code(sms_outbox))


def test_codes_per_number_are_limited_with_the_wait_in_minutes(sms_outbox, settings):
    for _ in range(settings.OTP_MAX_PER_NUMBER):
        _send(address=None)
    with pytest.raises(services.OtpError, match=r"Try again in 15 min"):
        _send(address=None)
    assert len(sms_outbox) == settings.OTP_MAX_PER_NUMBER
    # An hour later the number may ask again
    OneTimeCode.objects.update(created_at=timezone.now() - timedelta(hours=1), expires_at=timezone.now())
    _send(address=None)


def test_codes_per_address_are_limited_whatever_the_number(sms_outbox, settings):
    settings.OTP_MAX_PER_ADDRESS = 3
    for phone in ("9000000001", "9000000002", "9000000003"):
        _send(phone)
    with pytest.raises(services.OtpError, match="from this connection"):
        _send("9000000004")
    _send("9000000004", address="198.51.100.7")


def test_an_sms_provider_failure_is_a_clear_message_and_the_code_is_dead(settings, monkeypatch):
    from phone_auth import sms

    def refuse(self, message):
        raise sms.SmsError("down", retryable=True)

    monkeypatch.setattr(sms.OutboxBackend, "send", refuse)
    with pytest.raises(services.OtpError, match="could not send the SMS"):
        _send()
    assert OneTimeCode.objects.get().used_at is not None


def test_a_new_number_becomes_an_account_without_email_or_password(django_user_model):
    user = services.mobile_user_sign_in(phone=PHONE)
    assert user.email == "" and not user.has_usable_password()
    assert UserMobile.objects.get(user=user).phone == PHONE
    # Signing in again finds the same person
    assert services.mobile_user_sign_in(phone=PHONE) == user
    assert django_user_model.objects.count() == 1


def test_a_switched_off_account_cannot_sign_in():
    user = services.mobile_user_sign_in(phone=PHONE)
    user.is_active = False
    user.save()
    with pytest.raises(services.OtpError, match="switched off"):
        services.mobile_user_sign_in(phone=PHONE)
