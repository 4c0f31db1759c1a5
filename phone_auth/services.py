"""One-time codes by SMS and signing in with them.

A code is six digits, kept only as an HMAC (keyed with SECRET_KEY, bound to the number and purpose),
valid for OTP_TTL_SECONDS, used once, and allows OTP_MAX_ATTEMPTS wrong tries; asking for a new code
retires the previous one. Requests are limited per number (OTP_MAX_PER_NUMBER per OTP_WINDOW_SECONDS)
and per address (OTP_MAX_PER_ADDRESS per hour), counted from the codes table so every server agrees.
"""

import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from phone_auth.models import OneTimeCode, UserMobile
from phone_auth.selectors import user_for_mobile
from phone_auth.sms import SmsError, SmsMessage, sms_backend

logger = logging.getLogger(__name__)


class OtpError(Exception):
    """Shown to the person as it is: already translated."""


@dataclass(frozen=True)
class OtpSent:
    phone: str
    expires_at: datetime


def _code_hash(*, phone: str, purpose: str, code: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{purpose}:{phone}:{code}".encode(), hashlib.sha256).hexdigest()


def _minutes(seconds: float) -> int:
    return max(1, int(seconds // 60) + (1 if seconds % 60 else 0))


def otp_request(*, phone: str, purpose: str, address: str | None, language: str) -> OtpSent:
    """Make and send a code for `phone`, or raise OtpError saying why not (limits, SMS trouble)."""
    now = timezone.now()
    with transaction.atomic():
        window_start = now - timedelta(seconds=settings.OTP_WINDOW_SECONDS)
        recent = list(
            OneTimeCode.objects.filter(phone=phone, created_at__gte=window_start).values_list("created_at", flat=True)
        )
        if len(recent) >= settings.OTP_MAX_PER_NUMBER:
            wait = _minutes((min(recent) - window_start).total_seconds())
            raise OtpError(
                _("Too many codes were sent to this number. Try again in %(minutes)d min.") % {"minutes": wait}
            )
        if address and (
            OneTimeCode.objects.filter(requested_from=address, created_at__gte=now - timedelta(hours=1)).count()
            >= settings.OTP_MAX_PER_ADDRESS
        ):
            raise OtpError(_("Too many codes were asked for from this connection. Try again in an hour."))
        OneTimeCode.objects.filter(phone=phone, purpose=purpose, used_at__isnull=True).update(used_at=now)
        code = f"{secrets.randbelow(10**6):06d}"
        row = OneTimeCode.objects.create(
            phone=phone,
            purpose=purpose,
            code_hash=_code_hash(phone=phone, purpose=purpose, code=code),
            requested_from=address or None,
            expires_at=now + timedelta(seconds=settings.OTP_TTL_SECONDS),
        )
    minutes = _minutes(settings.OTP_TTL_SECONDS)
    with translation.override(language):
        text = _("%(code)s is your ODOP Bazaar code. It works for %(minutes)d minutes. Never share it.") % {
            "code": code,
            "minutes": minutes,
        }
    try:
        sms_backend().send(
            SmsMessage(
                to=phone, text=text, template="otp", language=language, variables={"otp": code, "minutes": minutes}
            )
        )
    except SmsError as error:
        OneTimeCode.objects.filter(pk=row.pk).update(used_at=timezone.now())
        logger.warning("SMS code to %s not sent: %s", phone[-4:], error)
        raise OtpError(_("We could not send the SMS just now. Please try again in a minute.")) from None
    return OtpSent(phone=phone, expires_at=row.expires_at)


def otp_verify(*, phone: str, purpose: str, code: str) -> None:
    """Use the number's current code, or raise OtpError; a wrong try is counted even though we refuse."""
    problem = None
    with transaction.atomic():
        row = (
            OneTimeCode.objects.select_for_update()
            .filter(phone=phone, purpose=purpose, used_at__isnull=True)
            .order_by("-created_at", "-id")
            .first()
        )
        now = timezone.now()
        if row is None or row.expires_at <= now:
            problem = _("This code has expired or was already used. Ask for a new code.")
        elif row.attempts >= settings.OTP_MAX_ATTEMPTS:
            problem = _("Too many wrong tries. Ask for a new code.")
        elif not hmac.compare_digest(row.code_hash, _code_hash(phone=phone, purpose=purpose, code=code.strip())):
            row.attempts += 1
            row.save(update_fields=["attempts"])
            left = settings.OTP_MAX_ATTEMPTS - row.attempts
            problem = (
                _("That code is not right. Tries left: %(left)d.") % {"left": left}
                if left
                else _("Too many wrong tries. Ask for a new code.")
            )
        else:
            row.used_at = now
            row.save(update_fields=["used_at"])
    if problem:
        raise OtpError(problem)


def _new_username(phone: str) -> str:
    User = get_user_model()
    username = f"mobile-{phone}"
    while User.objects.filter(username=username).exists():
        username = f"mobile-{phone}-{secrets.token_hex(2)}"
    return username


@transaction.atomic
def mobile_user_sign_in(*, phone: str):
    """The person whose number this is (after otp_verify), created on their first sign-in; the number is confirmed."""
    user = user_for_mobile(phone=phone)
    if user is not None and not user.is_active:
        raise OtpError(_("This account is switched off. Please call us."))
    now = timezone.now()
    if user is None:
        user = get_user_model().objects.create_user(username=_new_username(phone), email="", password=None)
    try:
        with transaction.atomic():
            link, created = UserMobile.objects.get_or_create(user=user, defaults={"phone": phone, "verified_at": now})
    except IntegrityError:
        # Someone else signed in with this number at the same moment; theirs is the account.
        raise OtpError(_("Please try once more.")) from None
    if not created and link.verified_at is None:
        link.verified_at = now
        link.save(update_fields=["verified_at"])
    return user


def user_mobile_record(*, user, phone: str, verified: bool) -> UserMobile:
    """Give a new account its mobile number (artisans' sign-up)."""
    return UserMobile.objects.create(user=user, phone=phone, verified_at=timezone.now() if verified else None)


def account_exists_sms(*, phone: str, language: str) -> None:
    """SMS the owner of `phone`: someone tried to join with it again (the join form does not say a
    number is taken, issue 12). A failed SMS is logged, not shown: the page must look the same."""
    with translation.override(language):
        text = _(
            "Someone tried to join ODOP Bazaar with your mobile number, which already has an account. "
            "If it was you, sign in with a code sent to this number."
        )
    try:
        sms_backend().send(SmsMessage(to=phone, text=text, template="account_exists", language=language))
    except SmsError as error:
        logger.warning("Account-exists SMS to %s not sent: %s", phone[-4:], error)
