"""One sender per channel. Each takes an outbox row and returns the provider's message id, or raises
ChannelError saying whether a later retry can help.

WhatsApp Business messages go through Meta's Cloud API as approved template messages (the only kind a
business may start a conversation with): POST https://graph.facebook.com/<version>/<phone-number-id>/messages
with a bearer token and {"messaging_product": "whatsapp", "to": "91XXXXXXXXXX", "type": "template",
"template": {"name", "language": {"code"}, "components": [{"type": "body", "parameters": [{"type": "text", "text"}]}]}};
it answers {"messages": [{"id": "wamid…"}]} or {"error": {"message", "type", "code", "fbtrace_id"}}.
"""

import smtplib
import sys

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from notifications.models import EMAIL, SMS, WHATSAPP, Notification
from phone_auth.sms import SmsError, SmsMessage, sms_backend
from shop import outbound

# What the `outbox` WhatsApp backend "sent" (tests), newest last.
whatsapp_outbox: list[dict] = []

# Cloud API error codes worth trying again later: throttling, temporary trouble, rate limits.
WHATSAPP_RETRYABLE_CODES = {1, 2, 4, 17, 341, 80007, 130429, 131000, 131016, 131048, 131056, 133004}


class ChannelError(Exception):
    def __init__(self, message: str, *, retryable: bool):
        super().__init__(message)
        self.retryable = retryable


def send_sms(notification: Notification) -> str:
    message = SmsMessage(
        to=notification.address,
        text=notification.body,
        template=notification.event,
        language=notification.language,
        variables=notification.variable_values,
    )
    try:
        return sms_backend().send(message)
    except SmsError as error:
        raise ChannelError(str(error), retryable=error.retryable) from None


def send_email(notification: Notification) -> str:
    try:
        send_mail(notification.subject, notification.body, settings.DEFAULT_FROM_EMAIL, [notification.address])
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as error:
        raise ChannelError(f"Email refused: {error}", retryable=False) from None
    except (smtplib.SMTPException, OSError) as error:
        raise ChannelError(f"Email not sent: {error}", retryable=True) from None
    return ""


def whatsapp_payload(notification: Notification) -> dict:
    """The Cloud API body: our event's approved template in the recipient's language, variables in order."""
    name = settings.WHATSAPP_TEMPLATES.get(notification.event, f"odop_{notification.event}")
    parameters = [{"type": "text", "text": str(value)} for _name, value in notification.variables]
    template = {"name": name, "language": {"code": notification.language}}
    if parameters:
        template["components"] = [{"type": "body", "parameters": parameters}]
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": f"91{notification.address}",
        "type": "template",
        "template": template,
    }


class WhatsAppCloud:
    def send(self, notification: Notification) -> str:
        if not (settings.WHATSAPP_TOKEN and settings.WHATSAPP_PHONE_NUMBER_ID):
            raise ChannelError("WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID are not set.", retryable=False)
        answer = outbound.post(
            url=f"https://graph.facebook.com/{settings.WHATSAPP_API_VERSION}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages",
            headers={"Authorization": f"Bearer {settings.WHATSAPP_TOKEN}"},
            json_body=whatsapp_payload(notification),
            timeout=settings.SMS_TIMEOUT_SECONDS,
        )
        messages = answer.body.get("messages")
        if answer.status == 200 and messages and isinstance(messages, list) and messages[0].get("id"):
            return str(messages[0]["id"])
        error = answer.body.get("error") if isinstance(answer.body.get("error"), dict) else {}
        code = error.get("code")
        retryable = answer.status in (0, 429) or answer.status >= 500 or code in WHATSAPP_RETRYABLE_CODES
        why = error.get("message") or answer.text or "no answer"
        raise ChannelError(
            f"WhatsApp refused the message (HTTP {answer.status}, code {code}): {why}", retryable=retryable
        )


class WhatsAppConsole:
    def send(self, notification: Notification) -> str:
        sys.stdout.write(f"WhatsApp to +91{notification.address}: {whatsapp_payload(notification)['template']}\n")
        return "console"


class WhatsAppOutbox:
    def send(self, notification: Notification) -> str:
        whatsapp_outbox.append(whatsapp_payload(notification))
        return f"outbox-{len(whatsapp_outbox)}"


WHATSAPP_BACKENDS = {
    "console": "notifications.channels.WhatsAppConsole",
    "outbox": "notifications.channels.WhatsAppOutbox",
    "cloud": "notifications.channels.WhatsAppCloud",
}


def send_whatsapp(notification: Notification) -> str:
    name = settings.WHATSAPP_BACKEND
    return import_string(WHATSAPP_BACKENDS.get(name, name))().send(notification)


SENDERS = {SMS: send_sms, WHATSAPP: send_whatsapp, EMAIL: send_email}
