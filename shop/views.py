import logging

from django.conf import settings
from django.contrib.auth import logout as auth_logout
from django.db import DatabaseError, connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render, resolve_url
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
