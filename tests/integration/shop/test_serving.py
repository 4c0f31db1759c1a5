"""Operability: readiness, request ids in logs and headers, a 503 page when the database is away, static caching."""

import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.templatetags.static import static
from django.test import Client

from shop.logs import JsonFormatter, RequestIdFilter, RequestIdMiddleware


@pytest.mark.django_db
def test_readyz_names_each_dependency_and_is_ready_when_all_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body) == {"status", "database", "cache", "queue", "search"}


@pytest.mark.django_db
def test_readyz_is_503_and_says_which_dependency_is_unreachable(client):
    with mock.patch("shop.views.cache.get", return_value=None):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["cache"] == "unreachable"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_a_callers_id_is_kept(client):
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    assert client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234abcd")["X-Request-ID"] == "lb-1234abcd"
    # A header that is not an id (too long, odd characters) is replaced, not echoed into logs
    assert client.get("/healthz", HTTP_X_REQUEST_ID='x"; DROP')["X-Request-ID"] != 'x"; DROP'


def test_log_lines_are_json_with_the_request_id_of_the_request_they_belong_to(rf):
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("tests.serving")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    request_logger = logging.getLogger("shop.request")
    request_logger.addHandler(handler)
    old_level = request_logger.level
    request_logger.setLevel(logging.INFO)
    try:

        def view(request):
            logger.warning("stock low for %s", "lota")
            from django.http import HttpResponse

            return HttpResponse("ok")

        response = RequestIdMiddleware(view)(rf.get("/x", HTTP_X_REQUEST_ID="req-000111222"))
        logger.info("outside any request")
    finally:
        logger.removeHandler(handler)
        request_logger.removeHandler(handler)
        request_logger.setLevel(old_level)
    records = [json.loads(line) for line in lines]
    assert response["X-Request-ID"] == "req-000111222"
    assert records[0]["message"] == "stock low for lota" and records[0]["request_id"] == "req-000111222"
    assert records[0]["level"] == "WARNING" and records[0]["time"].endswith("+00:00")
    assert records[1]["logger"] == "shop.request" and records[1]["status"] == 200 and records[1]["path"] == "/x"
    assert records[1]["request_id"] == "req-000111222"
    assert records[2]["request_id"] == "-"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text"), [("en", "The shop will be back in a moment"), ("hi", "दुकान कुछ ही पलों में वापस खुलेगी")]
)
def test_a_database_that_does_not_answer_gives_a_503_page_not_a_traceback(language, text):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert text in html and "Traceback" not in html and "connection refused" not in html


@pytest.mark.django_db
def test_other_errors_stay_500(client):
    client = Client(raise_request_exception=False)
    with mock.patch("catalogue_ext.views.selectors.districts_featured", side_effect=RuntimeError("bug")):
        response = client.get("/")
    assert response.status_code == 500


@pytest.mark.django_db
def test_static_files_are_cached_for_a_year_under_their_hashed_names(client):
    url = static("shop/css/shop.css")
    assert url != "/static/shop/css/shop.css"  # the manifest gave it a content hash
    response = client.get(url)
    assert response.status_code == 200
    assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
