"""The MSG91 adapter against the Flow API's documented request and answers; nothing leaves the machine."""

import pytest

from phone_auth import sms
from shop import outbound


@pytest.fixture
def calls(monkeypatch):
    """Given MSG91 answering what each test sets, and a record of every request we make."""
    made, answers = [], []

    def fake_post(**kwargs):
        made.append(kwargs)
        return answers.pop(0)

    monkeypatch.setattr(outbound, "post", fake_post)
    return made, answers


def _backend():
    return sms.Msg91Backend(auth_key="key-123", templates={"otp.hi": "tpl-otp-hi", "otp": "tpl-otp-en"}, timeout=5)


def _message(language="hi"):
    return sms.SmsMessage(
        to="9876543210", text="123456 …", template="otp", language=language, variables={"otp": "123456", "minutes": 10}
    )


def test_a_message_is_posted_to_the_flow_api_with_the_template_for_its_language(calls):
    made, answers = calls
    answers.append(outbound.Response(status=200, body={"type": "success", "message": "3763646c3058"}, text=""))
    assert _backend().send(_message()) == "3763646c3058"
    (request,) = made
    assert request["url"] == "https://control.msg91.com/api/v5/flow"
    assert request["headers"] == {"authkey": "key-123"}
    assert request["json_body"] == {
        "template_id": "tpl-otp-hi",
        "short_url": "0",
        "recipients": [{"mobiles": "919876543210", "otp": "123456", "minutes": "10"}],
    }
    assert request["timeout"] == 5


def test_a_language_without_its_own_template_uses_the_plain_one(calls):
    made, answers = calls
    answers.append(outbound.Response(status=200, body={"type": "success", "message": "x"}, text=""))
    _backend().send(_message(language="en"))
    assert made[0]["json_body"]["template_id"] == "tpl-otp-en"


@pytest.mark.parametrize(
    "status, body, retryable",
    [
        (200, {"type": "error", "message": "Invalid template id"}, False),
        (401, {"type": "error", "message": "Authentication failure"}, False),
        (429, {}, True),
        (502, {}, True),
        (0, {}, True),  # unreachable
    ],
)
def test_a_refusal_says_why_and_whether_trying_again_can_help(calls, status, body, retryable):
    _made, answers = calls
    answers.append(outbound.Response(status=status, body=body, text="upstream"))
    with pytest.raises(sms.SmsError) as error:
        _backend().send(_message())
    assert error.value.retryable is retryable
    assert f"HTTP {status}" in str(error.value)


def test_without_a_key_or_a_template_nothing_is_sent(calls):
    made, _answers = calls
    with pytest.raises(sms.SmsError, match="MSG91_AUTH_KEY"):
        sms.Msg91Backend(auth_key="", templates={"otp": "t"}, timeout=5).send(_message())
    with pytest.raises(sms.SmsError, match="No MSG91 template"):
        sms.Msg91Backend(auth_key="k", templates={}, timeout=5).send(_message())
    assert made == []


def test_the_setting_chooses_the_backend(settings):
    settings.SMS_BACKEND = "msg91"
    assert isinstance(sms.sms_backend(), sms.Msg91Backend)
    settings.SMS_BACKEND = "phone_auth.sms.ConsoleBackend"
    assert isinstance(sms.sms_backend(), sms.ConsoleBackend)
