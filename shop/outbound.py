"""The one place the shop calls other companies' HTTP APIs (SMS, WhatsApp): JSON or form POST, a timeout,
and an answer the adapters can read. Tests replace `post` so nothing leaves the machine."""

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


@dataclass(frozen=True)
class Response:
    status: int  # 0 when the provider could not be reached at all
    body: dict
    text: str


def post(
    *, url: str, headers: dict[str, str], json_body: dict | None = None, form: dict | None = None, timeout: float = 10.0
) -> Response:
    """POST and return the status with the decoded JSON body; network trouble is status 0, never raised."""
    if json_body is not None:
        data = json.dumps(json_body).encode()
        headers = {"Content-Type": "application/json", **headers}
    else:
        data = urllib.parse.urlencode(form or {}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", **headers}
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/json", **headers}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (fixed https URLs)
            status, raw = answer.status, answer.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return Response(status=0, body={}, text=str(error))
    text = raw.decode("utf-8", "replace")
    try:
        body = json.loads(text) if text else {}
    except ValueError:
        body = {}
    return Response(status=status, body=body if isinstance(body, dict) else {}, text=text[:1000])
