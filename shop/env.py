"""Typed readers for environment variables, so settings fail loudly on a malformed value."""

import os
from decimal import Decimal, InvalidOperation

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, *, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, *, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false, got {raw!r}.")


def env_int(name: str, *, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}.") from None


def env_decimal(name: str, *, default: str) -> Decimal:
    raw = os.environ.get(name)
    value = default if raw is None or raw.strip() == "" else raw.strip()
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ImproperlyConfigured(f"{name} must be a number, got {raw!r}.") from None
    if not number.is_finite() or number < 0:
        raise ImproperlyConfigured(f"{name} must be a number of zero or more, got {raw!r}.")
    return number


def env_list(name: str, *, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_map(name: str, *, default: dict[str, str]) -> dict[str, str]:
    """`key=value,key2=value2`, as for per-carrier webhook secrets."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    pairs = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ImproperlyConfigured(f"{name} must look like code=value,code2=value2, got {item!r}.")
        pairs[key.strip()] = value.strip()
    return pairs


def database_from_url(url: str) -> dict:
    """SQLite for the demo, PostgreSQL in production; persistent connections only for the latter."""
    try:
        config = dj_database_url.parse(url)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we understand: {exc}") from None
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = 60
        config["CONN_HEALTH_CHECKS"] = True
    elif config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the demo server read while a loader writes.
        config.setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
        config["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL must be a sqlite:// or postgres:// URL, got engine {config['ENGINE']}."
        )
    return config


def production_settings_refusals(*, secret_key: str, demo_secret_key: str, allowed_hosts: list[str]) -> list[str]:
    """Why production settings are unsafe to start with (empty when they are fine)."""
    refusals = []
    if not secret_key.strip():
        refusals.append("DJANGO_SECRET_KEY is not set; give it at least 50 random characters.")
    elif secret_key == demo_secret_key or secret_key.startswith("django-insecure"):
        refusals.append("DJANGO_SECRET_KEY is the public demo key; give it at least 50 random characters of your own.")
    elif len(secret_key) < 50 or len(set(secret_key)) < 5:
        refusals.append("DJANGO_SECRET_KEY is too short or too simple; give it at least 50 random characters.")
    if not [host for host in allowed_hosts if host.strip()]:
        refusals.append("DJANGO_ALLOWED_HOSTS is empty; list the host names the shop answers to, comma-separated.")
    return refusals
