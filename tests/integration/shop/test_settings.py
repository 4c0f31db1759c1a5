import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_asks_only_for_what_production_must_supply():
    # Given production mode without its own secret key and host names
    result = _manage("check", "--deploy", DJANGO_DEBUG="0")
    # Then those two are the only complaints
    output = result.stdout + result.stderr
    assert "security.W009" in output
    assert "security.W020" in output
    assert "2 issues" in output, output


def test_deploy_check_is_clean_once_production_settings_are_supplied():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x7#Jq2!vR9wLm4@pZs8&Tc1^Nb6*Hd3%Kf5$Gy0(Ue-aQ4wE8rT2yU6iO0pL3kJ",
        DJANGO_ALLOWED_HOSTS="shop.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_shop_speaks_english_and_hindi_in_indian_time_and_rupees():
    assert [code for code, _ in settings.LANGUAGES] == ["en", "hi"]
    assert settings.TIME_ZONE == "Asia/Kolkata"
    assert settings.OSCAR_DEFAULT_CURRENCY == "INR"
    assert settings.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
