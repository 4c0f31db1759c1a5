"""The shop's URLs plus /bench/trivial/: 2 KB of HTML through the same middleware, no database."""

from django.http import HttpResponse
from django.urls import path

import shop.urls

_BODY = ("<!doctype html><title>trivial</title><p>" + "x" * 2000 + "</p>").encode()


def trivial(request):
    return HttpResponse(_BODY)


urlpatterns = [path("bench/trivial/", trivial), *shop.urls.urlpatterns]
handler404 = getattr(shop.urls, "handler404", None) or "django.views.defaults.page_not_found"
handler500 = getattr(shop.urls, "handler500", None) or "django.views.defaults.server_error"
