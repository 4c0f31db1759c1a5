import logging
import sys
import uuid

from django.conf import settings
from django.contrib.auth import logout as auth_logout
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render, resolve_url
from django.template import loader
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """For load balancers: 200 only when the database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def logout(request):
    """`/accounts/logout/`: signs out on POST only (a link or an <img> elsewhere cannot sign anyone
    out); a GET shows a button that POSTs. Replaces Oscar's GET logout at the same URL."""
    if request.method != "POST":
        return render(request, "shop/logout.html")
    auth_logout(request)
    response = HttpResponseRedirect(resolve_url(settings.OSCAR_HOMEPAGE))
    for cookie in settings.OSCAR_COOKIES_DELETE_ON_LOGOUT:
        response.delete_cookie(cookie)
    return response


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    token = uuid.uuid4().hex
    cache.set("readyz", token, 10)
    if cache.get("readyz") != token:
        raise ConnectionError("the cache did not keep a value")
    return "ok"


def _check_queue() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "ok (no broker: tasks run in the request)"
    from shop.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    return "ok"


def _check_search() -> str:
    from search.engines import elasticsearch_engine

    engine = elasticsearch_engine()
    if engine is None:
        return "ok (database engine)"
    if not engine.client.ping():
        raise ConnectionError("Elasticsearch did not answer")
    return "ok"


CHECKS = {"database": _check_database, "cache": _check_cache, "queue": _check_queue, "search": _check_search}


@never_cache
@require_safe
def readyz(request):
    """For load balancers and deploys: 200 when the database, cache, queue and search all answer,
    else 503 naming what does not (the shop still serves without a cache, queue or Elasticsearch,
    more slowly; /healthz says whether the process itself is alive)."""
    results, ready = {}, True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception as exc:  # noqa: BLE001  (any failure means "not reachable")
            logger.warning("Readiness check: %s unreachable: %s", name, exc)
            results[name] = "unreachable"
            ready = False
    return JsonResponse({"status": "ok" if ready else "error", **results}, status=200 if ready else 503)


def server_error(request):
    """A database that does not answer is a 503 with a "try again shortly" page, not a 500."""
    exc = sys.exc_info()[1]
    if isinstance(exc, (OperationalError, InterfaceError)):
        logger.error("Database unavailable: %s", exc)
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return defaults.server_error(request)
