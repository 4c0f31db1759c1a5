"""Every setting the shop reads from the environment lives here, with demo-safe defaults.

Production supplies DJANGO_DEBUG=0, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL;
without a real key or host names it refuses to start (shop.env.production_settings_refusals).
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's defaults are settings by design)

from shop.env import (
    database_from_url,
    env_bool,
    env_decimal,
    env_int,
    env_list,
    env_map,
    env_str,
    production_settings_refusals,
    site_url_parse,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=True)

# The demo key is public: production (DJANGO_DEBUG=0) refuses to start with it (below).
DEMO_SECRET_KEY = "django-insecure-demo-only-set-DJANGO_SECRET_KEY-in-production"
SECRET_KEY = env_str("DJANGO_SECRET_KEY", default=DEMO_SECRET_KEY)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
if not DEBUG:
    # Issue 12: production never starts on the public demo key or without host names.
    _refusals = production_settings_refusals(
        secret_key=SECRET_KEY, demo_secret_key=DEMO_SECRET_KEY, allowed_hosts=ALLOWED_HOSTS
    )
    if _refusals:
        raise ImproperlyConfigured(
            "Refusing to start with DJANGO_DEBUG=0:\n  - "
            + "\n  - ".join(_refusals)
            + "\n(For the demo, leave DJANGO_DEBUG unset or set it to 1.)"
        )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {"default": database_from_url(env_str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# Redis holds the cache and the sessions when REDIS_URL is set. If Redis stops answering, cache calls
# miss (logged as warnings) and sessions are read from the database, so the shop keeps serving. Without
# REDIS_URL: one process's memory in debug (demo, tests), the database when serving for real (every
# gunicorn worker must see the same catalogue version), with a warning at start (shop/gunicorn.conf.py).
REDIS_URL = env_str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "shop.cache"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "checkout_ext.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shipping_ext.apps.ShippingConfig",
    "invoices",
    "catalogue_ext.apps.CatalogueConfig",
    "artisans.apps.ArtisansConfig",
    "phone_auth.apps.PhoneAuthConfig",
    "notifications.apps.NotificationsConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "partner_ext.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "order_ext.apps.OrderConfig",
    "fulfilment.apps.FulfilmentConfig",
    "payments.apps.PaymentsConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "storefront.apps.StorefrontConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.oscar_fixes.CatalogueDashboardConfig",  # Oscar's, with the stock-alert list fixed
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    "axes",
    "csp",
]

# Demo data (demo/: loaders, image painter, demo orders and logins) is an app of its own, installed
# when demo data is wanted: always while debugging, in production only with DJANGO_DEMO=1 (its
# commands still refuse to run with DJANGO_DEBUG=0). The shop's apps never import it.
DEMO = env_bool("DJANGO_DEMO", default=DEBUG)
if DEMO:
    INSTALLED_APPS.append("demo.apps.DemoConfig")

SITE_ID = 1

MIDDLEWARE = [
    "shop.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages go out compressed to browsers that ask (static files come precompressed from whitenoise above);
    # Django's gzip pads each response against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    # Last: turns a locked-out sign-in into the lock-out page (429).
    "axes.middleware.AxesMiddleware",
    # Input no form cleaned (a 30-digit id in Oscar's dashboard, say) answers 400, not 500 (issue 12).
    "shop.middleware.BadInputMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response (issue 12).
    "csp.middleware.CSPMiddleware",
    "shop.middleware.PermissionsPolicyMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
            ],
            # `|richtext`: the one sanitiser for user-written rich text (shop/richtext.py), in every template.
            "builtins": ["shop.templatetags.richtext"],
        },
    },
]

# Content-Security-Policy (django-csp): scripts only from our own static files, or inline ones carrying the
# response's nonce (Oscar's body-load script); no 'unsafe-inline' for scripts. Stripe's script and frames are
# added on the card payment page only (checkout_ext.views.PaymentDetailsView). Styles may be inline (Oscar's
# templates use style attributes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
STRIPE_CSP = {
    "script-src": ["https://js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
}
# What pages may ask the browser for: the studio's photo capture may use the camera; nothing else is asked.
PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=(), payment=(self), usb=(), interest-cohort=()"
# No script reads the CSRF cookie (forms carry the token), so scripts may not read it at all.
CSRF_COOKIE_HTTPONLY = True

AUTHENTICATION_BACKENDS = (
    # First: refuses a locked-out account or address before any password is checked (issue 12).
    "axes.backends.AxesStandaloneBackend",
    "shop.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
)
# Sign-in throttling (django-axes) on every login form (/accounts/login/, /dashboard/login/, /admin/login/):
# LOGIN_FAILURE_LIMIT failures for one account, or from one address, lock it for LOGIN_LOCKOUT_MINUTES.
# Sign-ups and password resets: THROTTLE_MAX_ATTEMPTS per address and per e-mail/mobile in that time
# (shop/throttle.py). Ops lift lock-outs at /dashboard/lockouts/.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", default=15)
THROTTLE_MAX_ATTEMPTS = env_int("THROTTLE_MAX_ATTEMPTS", default=10)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "shop.throttle.locked_out_response"
AXES_USERNAME_CALLABLE = "shop.throttle.login_username"
AXES_CLIENT_IP_CALLABLE = "shop.throttle.client_address"
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# India: rupees, Indian digit grouping, IST, English and Hindi.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("hi", _("Hindi"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Kolkata"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media (uploads, product images, their thumbnails) on S3-compatible object storage when a bucket is
# named, through django-storages; on local disk (MEDIA_ROOT) otherwise. Credentials come the usual
# boto3 way (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or the machine's role). Static files stay
# with whitenoise either way.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL", default="") or None,  # MinIO, Ceph, R2, …
            "region_name": env_str("AWS_S3_REGION_NAME", default="ap-south-1"),
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN", default="") or None,  # a CDN in front of the bucket
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", default=False),
            "file_overwrite": False,
            "default_acl": None,
        },
    }
# Product images are the heaviest uploads; larger files are streamed to disk.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

EMAIL_BACKEND = env_str("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", default="shop@odop.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the shop is reached from outside: every link in an e-mail is built from it, and it is the Site's
# domain (order_ext migration 0025 writes it; `manage.py site_url_sync` after changing it).
SITE_URL = site_url_parse(env_str("SITE_URL", default="http://127.0.0.1:8000"))

# Security headers; the HTTPS-only ones switch on with DEBUG off.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# Preloading is hard to undo (browsers ship the list): opt in once the whole domain is HTTPS-only.
SECURE_HSTS_PRELOAD = not DEBUG and env_bool("DJANGO_HSTS_PRELOAD", default=False)
# Only behind a proxy that sets X-Forwarded-Proto itself; otherwise any client could claim HTTPS.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
# HSTS preload is deliberately opt-in (DJANGO_HSTS_PRELOAD), so `check --deploy` need not ask for it.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
OSCAR_BASKET_COOKIE_SECURE = not DEBUG
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = not DEBUG

# JSON lines with the request id (shop/logs.py) when not debugging; readable text in the demo.
LOG_FORMAT = env_str("LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("LOG_FORMAT must be json or text.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "shop.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "shop.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # One line per request from shop.logs; the demo server prints its own.
        "shop.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}

# The shop searches with its own engines (search/); Oscar's modules still import haystack, and
# bench/bench_search.py compares against its simple backend, so it stays configured.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

THUMBNAIL_DEBUG = False
THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

OSCAR_HOMEPAGE = reverse_lazy("storefront-home")
OSCAR_SHOP_NAME = "ODOP Bazaar"
OSCAR_SHOP_TAGLINE = _("Crafts of India's districts, from the hands that make them")
OSCAR_DEFAULT_CURRENCY = "INR"
# Indian grouping (₹1,23,456.00) whatever the active language.
OSCAR_CURRENCY_FORMAT = {"INR": {"format": "¤#,##,##0.00", "currency_digits": False}}
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
# Reviews: signed-in buyers whose parcel was delivered (Product.is_review_permitted), held for ops to approve.
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_REQUIRED_ADDRESS_FIELDS = (
    "first_name",
    "line1",
    "line4",
    "state",
    "postcode",
    "country",
)
# Order statuses follow the artisans' parcels (fulfilment.shipments.pipeline.order_status_from_shipments).
OSCAR_ORDER_STATUS_PIPELINE = {
    "Pending": ("Being processed", "Partially shipped", "Shipped", "Cancelled"),
    "Being processed": ("Pending", "Partially shipped", "Shipped", "Delivered", "Cancelled"),
    "Partially shipped": ("Shipped", "Delivered", "Returned", "Cancelled"),
    "Shipped": ("Delivered", "Returned"),
    "Delivered": ("Returned",),
    "Returned": (),
    "Cancelled": (),
}
OSCAR_INITIAL_ORDER_STATUS = "Pending"
OSCAR_INITIAL_LINE_STATUS = "Pending"
OSCAR_LINE_STATUS_PIPELINE = {
    "Pending": ("Being processed", "Cancelled"),
    "Being processed": ("Shipped", "Cancelled"),
    "Shipped": ("Delivered", "Returned"),
    "Delivered": ("Returned",),
    "Returned": (),
    "Cancelled": (),
}

# Ops verify artisans at /dashboard/artisans/; artisans themselves work in /artisans/studio/.


def _staff_only(user, *args, **kwargs) -> bool:
    return user.is_staff


def _ops_navigation(oscar_navigation: list) -> list:
    """Oscar's dashboard menu with one entry for orders, parcels and money (Oscar's "Fulfilment" holds only
    orders, statistics and partners; ours the parcels, cash and payouts) and the artisans' desk."""
    staff = {"access_fn": _staff_only}
    money = {
        "label": _("Orders, parcels & money"),
        "icon": "fas fa-truck",
        "children": [
            {"label": _("Orders"), "url_name": "dashboard:order-list"},
            {"label": _("Overview"), "url_name": "fulfilment-ops:overview", **staff},
            {"label": _("Parcels"), "url_name": "fulfilment-ops:shipment-list", **staff},
            {"label": _("Failed deliveries (NDR)"), "url_name": "fulfilment-ops:ndr-list", **staff},
            {"label": _("COD remittances"), "url_name": "fulfilment-ops:remittance-list", **staff},
            {"label": _("COD outstanding"), "url_name": "fulfilment-ops:cod-outstanding", **staff},
            {"label": _("Artisan payouts"), "url_name": "fulfilment-ops:payout-list", **staff},
            {"label": _("Payout batches"), "url_name": "fulfilment-ops:payout-batch-list", **staff},
            {"label": _("AWB ranges"), "url_name": "fulfilment-ops:awb-range-list", **staff},
            {"label": _("Shipping rates"), "url_name": "fulfilment-dashboard:rate-card", **staff},
            {"label": _("Statistics"), "url_name": "dashboard:order-stats"},
        ],
        **staff,
    }
    artisans = {
        "label": _("Artisans"),
        "icon": "fas fa-user-check",
        "children": [
            {"label": _("Artisans"), "url_name": "artisans-dashboard:list", **staff},
            {"label": _("Craft tax defaults"), "url_name": "artisans-dashboard:craft-tax", **staff},
            {"label": _("Partners (Oscar)"), "url_name": "dashboard:partner-list"},
        ],
        **staff,
    }
    messages = {"label": _("Messages"), "icon": "fas fa-sms", "url_name": "notifications-ops:outbox", **staff}
    lockouts = {"label": _("Sign-in lock-outs"), "icon": "fas fa-lock", "url_name": "lockouts:list", **staff}
    fulfilment_urls = {"dashboard:order-list", "dashboard:order-stats", "dashboard:partner-list"}
    menu = []
    for item in oscar_navigation:
        children = {child.get("url_name") for child in item.get("children", [])}
        if children and children <= fulfilment_urls:
            menu.extend([money, artisans, messages, lockouts])  # where Oscar's "Fulfilment" was
        else:
            menu.append(item)
    return menu


OSCAR_DASHBOARD_NAVIGATION = _ops_navigation(OSCAR_DASHBOARD_NAVIGATION)  # noqa: F405

# The ODOP cell's India-only launch: every address is in India.
SHOP_COUNTRY_CODE = "IN"

# Search (search/): Elasticsearch 8 when ELASTICSEARCH_URL is set, the database engine otherwise.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", default="odop-products")
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", default=2)
# Index management and bulk writes (rebuilds) wait longer than a shopper's search.
ELASTICSEARCH_ADMIN_TIMEOUT = env_int("ELASTICSEARCH_ADMIN_TIMEOUT", default=120)
# A default Elasticsearch 8 speaks HTTPS with its own CA (config/certs/http_ca.crt).
ELASTICSEARCH_CA_CERTS = env_str("ELASTICSEARCH_CA_CERTS", default="")
ELASTICSEARCH_API_KEY = env_str("ELASTICSEARCH_API_KEY", default="")
ELASTICSEARCH_USERNAME = env_str("ELASTICSEARCH_USERNAME", default="")
ELASTICSEARCH_PASSWORD = env_str("ELASTICSEARCH_PASSWORD", default="")
ELASTICSEARCH_REPLICAS = env_int("ELASTICSEARCH_REPLICAS", default=0)


def _elasticsearch_settings_check() -> None:
    """Refuse at start-up what the client would refuse on the first search (then every page would fall back)."""
    from urllib.parse import urlsplit

    if not ELASTICSEARCH_URL:
        return
    parts = urlsplit(ELASTICSEARCH_URL)
    try:
        port = parts.port
    except ValueError:
        port = None
    if parts.scheme not in {"http", "https"} or not parts.hostname or port is None:
        shown = f"{parts.scheme}://{parts.hostname or ''}{':' + str(port) if port else ''}{parts.path}"
        raise ImproperlyConfigured(
            f"ELASTICSEARCH_URL must be like https://127.0.0.1:9200 (http or https, a host and a port); got {shown!r}."
        )
    if ELASTICSEARCH_CA_CERTS and not Path(ELASTICSEARCH_CA_CERTS).is_file():
        raise ImproperlyConfigured(f"ELASTICSEARCH_CA_CERTS names no file: {ELASTICSEARCH_CA_CERTS}.")
    if ELASTICSEARCH_API_KEY and ELASTICSEARCH_USERNAME:
        raise ImproperlyConfigured("Set either ELASTICSEARCH_API_KEY or ELASTICSEARCH_USERNAME/PASSWORD, not both.")
    if ELASTICSEARCH_INDEX != ELASTICSEARCH_INDEX.lower() or not ELASTICSEARCH_INDEX.strip("-_+."):
        raise ImproperlyConfigured("ELASTICSEARCH_INDEX must be a lower-case Elasticsearch index name.")
    if ELASTICSEARCH_TIMEOUT <= 0 or ELASTICSEARCH_ADMIN_TIMEOUT <= 0 or ELASTICSEARCH_REPLICAS < 0:
        raise ImproperlyConfigured(
            "ELASTICSEARCH_TIMEOUT and ELASTICSEARCH_ADMIN_TIMEOUT must be positive, ELASTICSEARCH_REPLICAS not negative."
        )


_elasticsearch_settings_check()
SEARCH_RESULTS_PER_PAGE = env_int("SEARCH_RESULTS_PER_PAGE", default=24)

# Checkout (checkout_ext/, payments/, fulfilment/): see README "Checkout".
COD_MAX_ORDER_VALUE = env_decimal("COD_MAX_ORDER_VALUE", default="50000")
COD_FEE_FIXED = env_decimal("COD_FEE_FIXED", default="40")
COD_FEE_PERCENT = env_decimal("COD_FEE_PERCENT", default="2")
# Without both keys the card method is hidden; the webhook refuses events without its secret.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_TIMEOUT_SECONDS = env_int("STRIPE_TIMEOUT_SECONDS", default=20)
# Shipping and the COD fee are the platform's own services (shop.money; README "Money and GST"): GST
# inside them at this rate (courier services, 18 %), CGST+SGST when the buyer is in SHOP_STATE_CODE.
PLATFORM_SERVICE_GST_PERCENT = env_decimal("PLATFORM_SERVICE_GST_PERCENT", default="18")
SHOP_STATE_CODE = env_str("SHOP_STATE_CODE", default="UP")
SHOP_GSTIN = env_str("SHOP_GSTIN", default="")
# The shop's registered address, the supplier's on its own invoices (shipping, COD fee): comma-separated lines.
SHOP_ADDRESS = env_list("SHOP_ADDRESS", default=["Vibhuti Khand", "Gomti Nagar", "Lucknow", "Uttar Pradesh 226010"])
# A new gateway is one class added here (payments.gateways.Gateway).
PAYMENT_GATEWAYS = ["payments.gateways.CashOnDelivery", "payments.gateways.StripeCard"]

# Fulfilment after the order (fulfilment/): see README "Fulfilment".
# A carrier is an adapter class (fulfilment.carriers.base.CarrierAdapter) named by a Carrier row's `adapter`.
FULFILMENT_CARRIER_ADAPTERS = {
    "self-ship": "fulfilment.carriers.adapters.SelfShip",
    "aggregator": "fulfilment.carriers.adapters.Aggregator",
}
# HMAC-SHA256 secrets for tracking webhooks, per carrier code; a carrier without one refuses every call.
CARRIER_WEBHOOK_SECRETS = env_map("CARRIER_WEBHOOK_SECRETS", default={})
FULFILMENT_ACCEPT_HOURS = env_int("FULFILMENT_ACCEPT_HOURS", default=48)
# "Arrives by" dates (fulfilment.selectors.delivery_promise): orders after this local hour count from
# the next working day; a maker without a profile setting hands parcels over in this many working days.
DELIVERY_CUTOFF_HOUR = env_int("DELIVERY_CUTOFF_HOUR", default=14)
DELIVERY_DEFAULT_DISPATCH_DAYS = env_int("DELIVERY_DEFAULT_DISPATCH_DAYS", default=2)
FULFILMENT_NDR_ACTION_HOURS = env_int("FULFILMENT_NDR_ACTION_HOURS", default=24)
# What happens to a failed delivery nobody acted on in time: "rto" (return to origin) or "reattempt".
FULFILMENT_NDR_DEFAULT_ACTION = env_str("FULFILMENT_NDR_DEFAULT_ACTION", default="rto")
# Who pays for a return to origin: "artisan" (a debit in their payout ledger) or "platform".
FULFILMENT_RTO_CHARGED_TO = env_str("FULFILMENT_RTO_CHARGED_TO", default="artisan")
# Delivered COD parcels whose cash has not arrived after this many days are flagged as overdue.
COD_REMITTANCE_OVERDUE_DAYS = env_int("COD_REMITTANCE_OVERDUE_DAYS", default=7)
PLATFORM_COMMISSION_PERCENT = env_decimal("PLATFORM_COMMISSION_PERCENT", default="10")
# GST TCS under section 52 of the CGST Act: 0.5 % of net taxable value since 10 July 2024.
GST_TCS_PERCENT = env_decimal("GST_TCS_PERCENT", default="0.5")
if FULFILMENT_NDR_DEFAULT_ACTION not in {"rto", "reattempt"}:
    raise ImproperlyConfigured("FULFILMENT_NDR_DEFAULT_ACTION must be rto or reattempt.")
if FULFILMENT_RTO_CHARGED_TO not in {"artisan", "platform"}:
    raise ImproperlyConfigured("FULFILMENT_RTO_CHARGED_TO must be artisan or platform.")

# Mobile sign-in (phone_auth/): one-time codes by SMS; see README "Mobile sign-in".
# `console` prints messages (demo), `outbox` keeps them in memory (tests), `msg91` sends through MSG91.
SMS_BACKEND = env_str("SMS_BACKEND", default="console")
MSG91_AUTH_KEY = env_str("MSG91_AUTH_KEY", default="")
# Our template keys to MSG91's DLT-approved template ids, per language: otp.hi=…,otp.en=…,order_new.hi=…
MSG91_TEMPLATES = env_map("MSG91_TEMPLATES", default={})
SMS_TIMEOUT_SECONDS = env_int("SMS_TIMEOUT_SECONDS", default=10)
OTP_TTL_SECONDS = env_int("OTP_TTL_SECONDS", default=600)
OTP_MAX_ATTEMPTS = env_int("OTP_MAX_ATTEMPTS", default=5)
OTP_MAX_PER_NUMBER = env_int("OTP_MAX_PER_NUMBER", default=3)
OTP_WINDOW_SECONDS = env_int("OTP_WINDOW_SECONDS", default=900)
OTP_MAX_PER_ADDRESS = env_int("OTP_MAX_PER_ADDRESS", default=10)

# Notification outbox (notifications/): see README "Messages".
# WhatsApp Business template messages: `console` (demo), `outbox` (tests) or `cloud` (Meta's Cloud API).
WHATSAPP_BACKEND = env_str("WHATSAPP_BACKEND", default="console")
WHATSAPP_TOKEN = env_str("WHATSAPP_TOKEN", default="")
WHATSAPP_PHONE_NUMBER_ID = env_str("WHATSAPP_PHONE_NUMBER_ID", default="")
WHATSAPP_API_VERSION = env_str("WHATSAPP_API_VERSION", default="v21.0")
# Our events to the names of approved WhatsApp templates; an event not listed uses odop_<event>.
WHATSAPP_TEMPLATES = env_map("WHATSAPP_TEMPLATES", default={})
NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", default=8)
NOTIFY_RETRY_BASE_SECONDS = env_int("NOTIFY_RETRY_BASE_SECONDS", default=60)
NOTIFY_CLAIM_TIMEOUT_SECONDS = env_int("NOTIFY_CLAIM_TIMEOUT_SECONDS", default=600)
NOTIFY_ACCEPT_REMINDER_HOURS = env_int("NOTIFY_ACCEPT_REMINDER_HOURS", default=12)

# Serving (make serve, shop/gunicorn.conf.py): gunicorn's sync workers on SERVE_BIND.
SERVE_WORKERS = env_int("SERVE_WORKERS", default=4)
SERVE_BIND = env_str("SERVE_BIND", default="127.0.0.1:8000")

# Background work (shop/celery.py): Celery on CELERY_BROKER_URL (default: REDIS_URL). Without a broker
# tasks run at once in the calling process (the demo and the tests), retries included.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies mid-way goes back to the queue...
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
NOTIFY_DRAIN_SECONDS = env_int("NOTIFY_DRAIN_SECONDS", default=30)
CELERY_BEAT_SCHEDULE = {
    "fulfilment-ndr-expire": {"task": "fulfilment.tasks.fulfilment_ndr_expire_task", "schedule": 60 * 60},
    # A run still queued when the next is due is dropped (expires), so a stopped worker finds one, not hundreds.
    "notifications-drain": {
        "task": "notifications.tasks.notifications_drain_task",
        "schedule": NOTIFY_DRAIN_SECONDS,
        "options": {"expires": NOTIFY_DRAIN_SECONDS},
    },
    "notifications-remind": {"task": "notifications.tasks.notifications_remind_task", "schedule": 60 * 60},
}
