"""The WhatsApp Cloud API adapter against Meta's documented request and answers; nothing leaves the machine."""

import pytest

from notifications import channels
from notifications.models import Notification
from shop import outbound


@pytest.fixture
def cloud(settings, monkeypatch):
    settings.WHATSAPP_TOKEN, settings.WHATSAPP_PHONE_NUMBER_ID, settings.WHATSAPP_API_VERSION = (
        "EAAG-token",
        "1098765",
        "v21.0",
    )
    settings.WHATSAPP_TEMPLATES = {"shipped": "parcel_shipped_v2"}
    made, answers = [], []

    def fake_post(**kwargs):
        made.append(kwargs)
        return answers.pop(0)

    monkeypatch.setattr(outbound, "post", fake_post)
    return made, answers


def _row(**fields):
    return Notification(
        event="shipped",
        channel="whatsapp",
        address="9820012345",
        language="hi",
        body="…",
        variables=[["order", "100"], ["awb", "ODX1"]],
        **fields,
    )


def test_a_template_message_in_the_recipients_language(cloud):
    made, answers = cloud
    answers.append(
        outbound.Response(
            status=200,
            text="",
            body={
                "messaging_product": "whatsapp",
                "contacts": [{"input": "919820012345", "wa_id": "919820012345"}],
                "messages": [{"id": "wamid.HBgLOTE5ODIw"}],
            },
        )
    )
    assert channels.WhatsAppCloud().send(_row()) == "wamid.HBgLOTE5ODIw"
    (request,) = made
    assert request["url"] == "https://graph.facebook.com/v21.0/1098765/messages"
    assert request["headers"] == {"Authorization": "Bearer EAAG-token"}
    assert request["json_body"] == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "919820012345",
        "type": "template",
        "template": {
            "name": "parcel_shipped_v2",
            "language": {"code": "hi"},
            "components": [
                {"type": "body", "parameters": [{"type": "text", "text": "100"}, {"type": "text", "text": "ODX1"}]}
            ],
        },
    }


@pytest.mark.parametrize(
    "status, error, retryable",
    [
        (
            400,
            {
                "message": "(#132001) Template name does not exist in the translation",
                "type": "OAuthException",
                "code": 132001,
            },
            False,
        ),
        (401, {"message": "Error validating access token", "type": "OAuthException", "code": 190}, False),
        (400, {"message": "(#131026) Message undeliverable", "code": 131026}, False),
        (400, {"message": "(#130429) Rate limit hit", "code": 130429}, True),
        (500, {"message": "Service temporarily unavailable", "code": 131000}, True),
        (0, {}, True),
    ],
)
def test_errors_say_whether_a_retry_can_help(cloud, status, error, retryable):
    _made, answers = cloud
    answers.append(
        outbound.Response(status=status, body={"error": {**error, "fbtrace_id": "A1"}} if error else {}, text="x")
    )
    with pytest.raises(channels.ChannelError) as raised:
        channels.WhatsAppCloud().send(_row())
    assert raised.value.retryable is retryable


def test_without_credentials_nothing_is_sent(cloud, settings):
    made, _answers = cloud
    settings.WHATSAPP_TOKEN = ""
    with pytest.raises(channels.ChannelError, match="WHATSAPP_TOKEN"):
        channels.WhatsAppCloud().send(_row())
    assert made == []
