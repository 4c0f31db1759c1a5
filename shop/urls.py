from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from catalogue_ext import discovery_urls
from catalogue_ext.views import HomeView
from invoices.urls import shopper_patterns as invoice_shopper_patterns
from shop import accounts, lockouts
from shop.views import healthz, logout, readyz

handler500 = "shop.views.server_error"

urlpatterns = [
    path("", HomeView.as_view(), name="storefront-home"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("", include("storefront.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("districts/", include("catalogue_ext.urls")),
    path("states/", include((discovery_urls.state_patterns, "states"))),
    path("crafts/", include((discovery_urls.craft_patterns, "crafts"))),
    path("gi/", include((discovery_urls.gi_patterns, "gi"))),
    path("accounts/mobile/", include("phone_auth.urls")),
    path("accounts/message-settings/", include("notifications.urls")),
    path("dashboard/notifications/", include("notifications.ops_urls")),
    path("artisans/studio/", include("fulfilment.studio_urls")),
    path("artisans/", include("artisans.urls")),
    path("dashboard/artisans/", include("artisans.dashboard_urls")),
    path("shipping/", include("fulfilment.urls")),
    path("dashboard/shipping-rates/", include("fulfilment.dashboard_urls")),
    path("dashboard/fulfilment/", include("fulfilment.ops_urls")),
    path("fulfilment/", include("fulfilment.public_urls")),
    path("payments/", include("checkout_ext.payment_urls")),
    path("dashboard/payments/", include("payments.dashboard_urls")),
    path("", include((invoice_shopper_patterns, "invoices"))),
    # Before Oscar's: signing out is POST-only (issue 12); the URL name stays customer:logout.
    path("accounts/logout/", logout, name="logout-post"),
    # Before Oscar's too: sign-up that does not tell whether an e-mail is taken, throttled sign-ups and
    # password resets (issue 12, shop/accounts.py); the URL names stay Oscar's.
    path("accounts/login/", accounts.LoginOrRegisterView.as_view(), name="login-throttled"),
    path("accounts/register/", accounts.RegisterView.as_view(), name="register-quiet"),
    path("password-reset/", accounts.password_reset, name="password-reset-throttled"),
    path("dashboard/lockouts/", include((lockouts.urlpatterns, "lockouts"))),
    path("", include(apps.get_app_config("oscar").urls[0])),
]

if settings.SERVE_MEDIA:
    # The demo serves uploads itself; production puts a web server or bucket in front.
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.insert(0, re_path(rf"^{prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}))
