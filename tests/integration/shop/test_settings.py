import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


GOOD_KEY = "x7#Jq2!vR9wLm4@pZs8&Tc1^Nb6*Hd3%Kf5$Gy0(Ue-aQ4wE8rT2yU6iO0pL3kJ"


def test_production_refuses_to_start_without_its_own_secret_key_or_host_names():
    # Given production mode without its own secret key and host names
    result = _manage("check", DJANGO_DEBUG="0")
    # Then it does not start, and says what to supply
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Refusing to start with DJANGO_DEBUG=0" in output
    assert "DJANGO_SECRET_KEY is not set" not in output  # unset means the demo key, named as such
    assert "DJANGO_SECRET_KEY is the public demo key" in output
    assert "DJANGO_ALLOWED_HOSTS is empty" in output


def test_production_refuses_the_demo_key_even_with_host_names():
    result = _manage(
        "check",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="django-insecure-demo-only-set-DJANGO_SECRET_KEY-in-production",
        DJANGO_ALLOWED_HOSTS="shop.example",
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "public demo key" in output
    assert "ALLOWED_HOSTS" not in output


def test_production_refuses_an_empty_or_short_key_and_blank_host_list():
    result = _manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="", DJANGO_ALLOWED_HOSTS=" , ")
    output = result.stdout + result.stderr
    assert "DJANGO_SECRET_KEY is not set" in output
    assert "DJANGO_ALLOWED_HOSTS is empty" in output
    result = _manage("check", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="short", DJANGO_ALLOWED_HOSTS="shop.example")
    assert "too short" in result.stdout + result.stderr


def test_the_proxy_https_header_and_hsts_preload_are_opt_in():
    # Given production settings without the opt-ins
    code = "from django.conf import settings as s;print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_PRELOAD)"
    base = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "shop.example"}
    result = _manage("shell", "-c", code, **base)
    assert result.stdout.strip().splitlines()[-1] == "None False", result.stderr
    # When the deployment says it sits behind a TLS proxy and wants preloading
    result = _manage("shell", "-c", code, DJANGO_BEHIND_TLS_PROXY="1", DJANGO_HSTS_PRELOAD="1", **base)
    assert result.stdout.strip().splitlines()[-1] == "('HTTP_X_FORWARDED_PROTO', 'https') True", result.stderr


def test_deploy_check_is_clean_once_production_settings_are_supplied():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="shop.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_shop_speaks_english_and_hindi_in_indian_time_and_rupees():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "hi"]
    assert settings.TIME_ZONE == "Asia/Kolkata"
    assert settings.OSCAR_DEFAULT_CURRENCY == "INR"
    assert settings.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.mark.django_db
def test_password_reset_links_are_built_from_site_url(client, settings):
    from django.contrib.auth import get_user_model
    from django.contrib.sites.models import Site
    from django.core import mail
    from django.core.management import call_command

    # Given the shop's public address
    settings.SITE_URL = "https://odop.example"
    call_command("site_url_sync", stdout=__import__("io").StringIO())
    assert Site.objects.get_current().domain == "odop.example"
    get_user_model().objects.create_user(username="asha", email="asha@example.com", password="pass-1234-word")
    mail.outbox = []
    # When a shopper asks for a password reset
    client.post("/password-reset/", {"email": "asha@example.com"})
    # Then the link in the e-mail points at the shop, not example.com
    assert len(mail.outbox) == 1
    assert "://odop.example/password-reset/confirm/" in mail.outbox[0].body
    assert "example.com/" not in mail.outbox[0].body
