"""Media on object storage when S3 settings are given (django-storages), local disk otherwise.

Tested against moto's S3 server, started by the test on a spare loopback port (never the internet)."""

import importlib.util
import io
import os
import subprocess
import sys

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image

from tests.factories import CraftProductFactory
from tests.integration.shop.servers import ROOT, free_port, wait_for

pytestmark = pytest.mark.skipif(
    not (importlib.util.find_spec("moto") and importlib.util.find_spec("flask")),
    reason="moto[s3] and flask are not installed",
)
BUCKET = "odop-media"


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (180, 90, 40)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def s3(tmp_path, monkeypatch):
    """moto's S3 on 127.0.0.1:<spare port> with an empty bucket; the client boto3 would make for the shop."""
    import boto3

    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    for name, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "ap-south-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="ap-south-1")
    try:
        assert wait_for(lambda: _answers(client), 30)
        client.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-south-1"})
        yield endpoint, client
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _answers(client) -> bool:
    try:
        client.list_buckets()
    except Exception:  # noqa: BLE001  (not up yet: botocore's connection errors are not OSErrors)
        return False
    return True


def _thumbnails_storage_reset() -> None:
    """sorl keeps the storage it first used for the process; a settings change here must reach it."""
    from django.utils.functional import empty
    from sorl.thumbnail import default

    default.storage._wrapped = empty


@pytest.fixture
def media_on_s3(s3, settings):
    endpoint, client = s3
    _thumbnails_storage_reset()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "ap-south-1",
                "querystring_auth": False,
                "file_overwrite": False,
                "default_acl": None,
            },
        },
    }
    yield endpoint, client
    _thumbnails_storage_reset()


def _keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def _settings_storage(**env: str) -> str:
    code = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
        env={**clean, "DJANGO_SETTINGS_MODULE": "shop.settings", **env},
    )
    return result.stdout.strip()


def test_media_go_to_the_bucket_when_one_is_named_and_to_disk_otherwise():
    assert _settings_storage() == "django.core.files.storage.FileSystemStorage"
    assert (
        _settings_storage(AWS_STORAGE_BUCKET_NAME=BUCKET, AWS_S3_ENDPOINT_URL="http://127.0.0.1:9")
        == "storages.backends.s3.S3Storage"
    )


def test_a_product_photo_and_its_thumbnails_live_in_the_bucket_and_the_page_links_there(media_on_s3, odop_reference):
    endpoint, client = media_on_s3
    from oscar.core.loading import get_model

    ProductImage = get_model("catalogue", "ProductImage")
    product = CraftProductFactory(title="Engraved Brass Lota")
    # When the artisan's photo is saved
    image = ProductImage(product=product, display_order=0)
    image.original.save("lota.jpg", ContentFile(_jpeg()), save=True)
    # Then the original is an object in the bucket, not a file on this machine
    assert image.original.name in _keys(client)
    assert image.original.url.startswith(f"{endpoint}/{BUCKET}/")
    # And the product page shows a thumbnail made from it and stored beside it
    html = Client().get(product.get_absolute_url()).content.decode()
    thumbnails = {key for key in _keys(client) if key.startswith("cache/")}
    assert thumbnails, "no thumbnail was written to the bucket"
    assert any(f"{endpoint}/{BUCKET}/{key}" in html for key in thumbnails)


def test_an_artisans_portrait_upload_goes_to_the_bucket_and_can_be_read_back(media_on_s3, odop_reference):
    _endpoint, client = media_on_s3
    from artisans.models import ArtisanProfile
    from tests.factories import ArtisanProfileFactory

    profile = ArtisanProfileFactory()
    profile.portrait.save("asha.jpg", ContentFile(_jpeg()), save=True)
    stored = ArtisanProfile.objects.get(pk=profile.pk).portrait
    assert stored.name in _keys(client)
    with default_storage.open(stored.name) as fh:
        assert Image.open(fh).size == (640, 480)
