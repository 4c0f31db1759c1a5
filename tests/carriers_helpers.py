"""Givens and readers for carrier tests: manifested parcels, signed webhook bodies, PDF pages and text."""

import base64
import hashlib
import hmac
import re
import zlib

from django.utils import timezone

from fulfilment.models import Shipment, ShipmentEvent
from tests.factories_fulfilment import shipment_force


def manifested(shipment: Shipment, *, awb: str, carrier_code: str = "aggregator", at=None) -> Shipment:
    """Given: the parcel was handed over (AWB assigned) at `at`, as the pipeline records it."""
    shipment_force(shipment, status=Shipment.MANIFESTED, awb=awb, carrier_code=carrier_code)
    ShipmentEvent.objects.create(
        shipment=shipment,
        status=Shipment.MANIFESTED,
        occurred_at=at or timezone.now(),
        source=ShipmentEvent.SOURCE_ARTISAN,
    )
    return shipment


def signature(body: bytes, secret: str, timestamp: int | None = None) -> str:
    """The aggregator's signature: HMAC-SHA256 of "<timestamp>.<body>" (timestamp: now unless given)."""
    stamp = str(int(timezone.now().timestamp()) if timestamp is None else timestamp)
    return "sha256=" + hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def signed_headers(body: bytes, secret: str, *, timestamp: int | None = None, wsgi: bool = True) -> dict:
    """Both webhook headers for `body` signed at `timestamp` (now unless given), as the test client or
    as plain header names (`wsgi=False`) wants them."""
    stamp = int(timezone.now().timestamp()) if timestamp is None else timestamp
    headers = {"X-Carrier-Timestamp": str(stamp), "X-Carrier-Signature": signature(body, secret, stamp)}
    if wsgi:
        return {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()}
    return headers


def pdf_page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", data))


def pdf_texts(data: bytes) -> list[tuple[float, str]]:
    """(height from the page's bottom edge, string) of everything drawn (content streams are ASCII85 + Flate)."""
    drawn = []
    for match in re.finditer(
        rb"/Filter \[ /ASCII85Decode /FlateDecode \][^>]*>>\s*stream\r?\n(.*?)endstream", data, re.S
    ):
        content = zlib.decompress(base64.a85decode(match.group(1).strip().removesuffix(b"~>")))
        for y, text in re.findall(rb"1 0 0 1 [\d.]+ ([\d.-]+) Tm[^(]*\(((?:[^()\\]|\\.)*)\) Tj", content):
            drawn.append((float(y), text.decode("latin-1")))
    return drawn


def pdf_text(data: bytes) -> str:
    return "\n".join(text for _y, text in pdf_texts(data))
