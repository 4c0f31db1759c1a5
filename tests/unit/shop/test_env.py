import pytest
from django.core.exceptions import ImproperlyConfigured

from shop.env import database_from_url, env_bool, env_list


def test_sqlite_url_gives_the_embedded_database_with_wal():
    config = database_from_url("sqlite:////tmp/odop.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == "/tmp/odop.sqlite3"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_postgres_url_gives_host_port_user_and_database_with_pooled_connections():
    config = database_from_url("postgres://postgres:secret@127.0.0.1:5432/odop")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["USER"], config["PASSWORD"], config["NAME"]) == (
        "127.0.0.1",
        5432,
        "postgres",
        "secret",
        "odop",
    )
    assert config["CONN_MAX_AGE"] == 60
    assert config["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize("url", ["mysql://root@localhost/odop", "not a url"])
def test_an_unsupported_database_url_is_refused_with_a_reason(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_url(url)


def test_booleans_accept_the_usual_spellings_and_refuse_others(monkeypatch):
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", default=True) is False
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG", default=False) is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG"):
        env_bool("FLAG", default=False)


def test_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("HOSTS", "shop.example, www.shop.example,")
    assert env_list("HOSTS", default=[]) == ["shop.example", "www.shop.example"]


@pytest.mark.parametrize(
    "raw, value",
    [("https://odop.example", "https://odop.example"), ("http://127.0.0.1:8000/", "http://127.0.0.1:8000")],
)
def test_site_url_is_scheme_and_host(raw, value):
    from shop.env import site_url_parse

    assert site_url_parse(raw) == value


@pytest.mark.parametrize(
    "raw", ["odop.example", "ftp://odop.example", "https://odop.example/shop", "https://", "https://odop.example/?a=1"]
)
def test_a_malformed_site_url_stops_the_settings_with_a_reason(raw):
    from django.core.exceptions import ImproperlyConfigured

    from shop.env import site_url_parse

    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        site_url_parse(raw)
