"""SMS adapters chosen by the SMS_BACKEND setting: `console` (prints, for the demo), `outbox` (kept in
memory, for tests) or `msg91` (MSG91's Flow API, the Indian provider with DLT-registered templates).

Indian operators deliver only DLT-registered templates, so a message is a template key ("otp",
"order_new", ...) with variables, plus the full text in the recipient's language for backends that
send free text. A provider error raises SmsError, saying whether trying again later can help.
"""

import logging
import sys
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string

from shop import outbound

logger = logging.getLogger(__name__)

# Messages the `outbox` backend "sent", newest last (like django.core.mail.outbox).
outbox: list["SmsMessage"] = []


@dataclass(frozen=True)
class SmsMessage:
    to: str  # ten digits, Indian mobile
    text: str
    template: str
    language: str = "en"
    variables: dict = field(default_factory=dict)


class SmsError(Exception):
    def __init__(self, message: str, *, retryable: bool):
        super().__init__(message)
        self.retryable = retryable


class SmsBackend:
    def send(self, message: SmsMessage) -> str:
        """Send one message; return the provider's message id."""
        raise NotImplementedError


class ConsoleBackend(SmsBackend):
    def send(self, message: SmsMessage) -> str:
        sys.stdout.write(f"SMS to +91{message.to} [{message.template}/{message.language}]: {message.text}\n")
        return "console"


class OutboxBackend(SmsBackend):
    def send(self, message: SmsMessage) -> str:
        outbox.append(message)
        return f"outbox-{len(outbox)}"


class Msg91Backend(SmsBackend):
    """MSG91 Flow API (https://docs.msg91.com, "Send SMS"): POST /api/v5/flow with the `authkey` header and
    {"template_id", "short_url", "recipients": [{"mobiles": "91XXXXXXXXXX", <template variables>}]};
    it answers {"type": "success", "message": "<request id>"} or {"type": "error", "message": "<why>"}.

    MSG91_TEMPLATES maps our template keys to MSG91 template ids, per language first
    ("otp.hi=…,otp.en=…") and then without one ("otp=…")."""

    url = "https://control.msg91.com/api/v5/flow"

    def __init__(self, *, auth_key: str | None = None, templates: dict | None = None, timeout: float | None = None):
        self.auth_key = auth_key if auth_key is not None else settings.MSG91_AUTH_KEY
        self.templates = templates if templates is not None else settings.MSG91_TEMPLATES
        self.timeout = timeout or settings.SMS_TIMEOUT_SECONDS

    def template_id(self, message: SmsMessage) -> str:
        template_id = self.templates.get(f"{message.template}.{message.language}") or self.templates.get(
            message.template
        )
        if not template_id:
            raise SmsError(f"No MSG91 template for {message.template!r} in MSG91_TEMPLATES.", retryable=False)
        return template_id

    def send(self, message: SmsMessage) -> str:
        if not self.auth_key:
            raise SmsError("MSG91_AUTH_KEY is not set.", retryable=False)
        recipient = {"mobiles": f"91{message.to}", **{str(k): str(v) for k, v in message.variables.items()}}
        answer = outbound.post(
            url=self.url,
            headers={"authkey": self.auth_key},
            json_body={"template_id": self.template_id(message), "short_url": "0", "recipients": [recipient]},
            timeout=self.timeout,
        )
        if answer.status == 200 and answer.body.get("type") == "success":
            return str(answer.body.get("message", ""))
        why = answer.body.get("message") or answer.text or "no answer"
        retryable = answer.status == 0 or answer.status == 429 or answer.status >= 500
        raise SmsError(f"MSG91 refused the message (HTTP {answer.status}): {why}", retryable=retryable)


BACKENDS = {
    "console": "phone_auth.sms.ConsoleBackend",
    "outbox": "phone_auth.sms.OutboxBackend",
    "msg91": "phone_auth.sms.Msg91Backend",
}


def sms_backend() -> SmsBackend:
    """The adapter named by SMS_BACKEND: a short name above or a dotted path to an SmsBackend subclass."""
    name = settings.SMS_BACKEND
    return import_string(BACKENDS.get(name, name))()
