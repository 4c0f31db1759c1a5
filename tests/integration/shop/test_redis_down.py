"""Redis stops answering: the shop keeps serving from the database and says so in the log."""

import logging
import socket

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from tests.factories import CraftProductFactory


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens here once the socket is closed


@pytest.fixture
def redis_away():
    url = f"redis://127.0.0.1:{_closed_port()}/0"
    caches = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    with override_settings(CACHES=caches, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        yield


def test_pages_and_sign_in_work_with_redis_down_and_the_log_says_so(odop_reference, redis_away, caplog):
    product = CraftProductFactory(title="Engraved Brass Lota")
    get_user_model().objects.create_user(username="asha", email="asha@example.com", password="pass-1234-word")
    client = Client()
    with caplog.at_level(logging.WARNING, logger="shop.cache"):
        # Pages are rendered from the database (every cache call misses)
        assert client.get("/").status_code == 200
        response = client.get(product.get_absolute_url())
        assert response.status_code == 200 and "Engraved Brass Lota" in response.content.decode()
        # Signing in keeps its session in the database, so the next request knows the shopper
        # (through the sign-in form, as a shopper does: the lock-out check, django-axes, wants the request)
        signed_in = client.post(
            "/accounts/login/",
            {"login-username": "asha@example.com", "login-password": "pass-1234-word", "login_submit": "Log In"},
        )
        assert signed_in.status_code == 302, signed_in.content[:300]
        profile = client.get("/accounts/profile/")
        assert profile.status_code == 200 and "asha@example.com" in profile.content.decode()
    # Each missed cache call is logged by shop.cache with the connection error behind it
    cache_records = [r for r in caplog.records if r.name == "shop.cache"]
    assert cache_records and all(r.levelno >= logging.WARNING for r in cache_records)
    assert "Connection refused" in str(cache_records[0].exc_info[1])
