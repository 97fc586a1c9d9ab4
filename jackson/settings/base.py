"""Settings shared by every environment.

Everything that differs between machines comes from environment variables
(12-factor), read through the small helpers in ``jackson.settings.env``.
The README's configuration table lists each variable with its default.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from jackson.settings.env import env_bool, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "core",  # the shared bottom layer (README "Architecture")
    "home",
    "departments",
    "news",
    "events",
    "forms",
    "feedback",
    "alerts",
    "reviews",
    "search",
    "accounts",
    "api",
    "ninja",  # its Swagger UI from our own static files, not a CDN (api/main.py)
    "corsheaders",
    "wagtail.contrib.forms",
    "jackson.apps.FrontendCacheConfig",  # wagtail.contrib.frontend_cache (see jackson/apps.py)
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First, so preflight requests are answered and every /api/ response carries its CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jackson.middleware.ContentSecurityPolicyMiddleware",
    # Before sessions and CSRF (which reads request.POST): oversized or flooding public posts are
    # refused from their headers, unread (forms/request_limits.py).
    "forms.request_limits.PublicRequestLimitMiddleware",
    # 304s for every response with an ETag, page-cache hits included.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before sessions, auth, CSRF and the page tree, so a hit costs none of them (jackson/page_cache.py).
    "jackson.page_cache.PageCacheMiddleware",
    # /api/ only: the per-client rate limit and Cache-Control (inside ConditionalGet, which adds the ETag).
    "api.middleware.APIMiddleware",
    # Inside the page cache, which keeps each encoding as sent: a hit is never compressed again.
    "jackson.compression.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # After CommonMiddleware, so a host outside ALLOWED_HOSTS is refused before anything is kept for it.
    "home.middleware.KeptSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

# Sign-in security (accounts/): django-axes counts failed sign-ins in the database, so a
# lockout holds across workers and servers. Its backend must come first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "jackson.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "jackson.wsgi.application"

# SQLite out of the box; DATABASE_URL (postgres://…) scales out.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env_str("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_str("DATABASE_RANDOM_PAGE_COST", "1.1"):
    # PostgreSQL's default planner costs assume spinning disks; with them it reads the whole
    # search index row by row for broad queries ("park": 55 ms) instead of using the GIN index
    # (5 ms). 1.1 is the usual value for SSDs. Set it empty where a pooler refuses startup options.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={float(env_str('DATABASE_RANDOM_PAGE_COST', '1.1'))}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Chicago"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = env_str("MEDIA_URL", "/media/")
# Uploaded images are served by the app itself (jackson/media.py) unless a web server or CDN does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
MEDIA_CACHE_SECONDS = int(env_str("MEDIA_CACHE_SECONDS", str(60 * 60 * 24)))
# Files residents upload with department forms: never under MEDIA_ROOT, never served by URL
# (staff download them through a permission-checked admin view; see docs/departments.md).
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private_media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Request bodies. Public posts are first capped by size and rate from their headers
# (forms/request_limits.py: a form's answers plus at most three 10 MB files); these are
# Django's own limits while it parses. The fields and the non-file part of a body are sized
# for the admin's page editor (long StreamFields exceed Django's 1,000 fields); public
# forms stay far below them because their bodies are capped first.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default (2.5 MB), stated so it is a decision
# One request carries at most a form's three files (the admin uploads one file per request).
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# Public posts (forms, feedback, page passwords) one client may send a minute, site-wide.
PUBLIC_POST_RATE = int(env_str("PUBLIC_POST_RATE", "30"))

# Caches: on the local disk, shared by every worker of one server; Redis when REDIS_URL is set.
# Page entries have an alias of their own so they never evict rate-limit windows (settings/caches.py).
from jackson.settings.caches import caches  # noqa: E402

REDIS_URL = env_str("REDIS_URL", "")
CACHES = caches(BASE_DIR)
# Whole anonymous pages kept on the server (jackson/page_cache.py); 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "600"))
# What browsers and CDNs are told (Cache-Control on public pages): see README, "Caching".
HTTP_CACHE_MAX_AGE = int(env_str("HTTP_CACHE_MAX_AGE", "30"))
HTTP_CACHE_STALE_IF_ERROR = int(env_str("HTTP_CACHE_STALE_IF_ERROR", "86400"))

# Public form protection (core/protection.py): how many proxies of ours sit in
# front of the app, so X-Forwarded-For can be trusted that far (0: ignore it).
TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
# Brute-force throttling (accounts/). An account is locked after AXES_FAILURE_LIMIT wrong
# passwords from one client, and also after that many from anywhere (so spreading guesses
# over many addresses does not help); it unlocks after AXES_COOLOFF_MINUTES, a successful
# sign-in before the lockout resets the count, and administrators can unlock it at once.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env_str("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "accounts.client.client_ip"  # the forms' TRUSTED_PROXY_COUNT rule
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ADMIN = False  # the audit trail is in the Wagtail admin, for Administrators only
# Private pages' passwords: failures one client may make per page before waiting (accounts/page_passwords.py).
PAGE_PASSWORD_FAILURE_LIMIT = int(env_str("PAGE_PASSWORD_FAILURE_LIMIT", "5"))
PAGE_PASSWORD_COOLOFF_MINUTES = int(env_str("PAGE_PASSWORD_COOLOFF_MINUTES", "15"))
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "accounts/password_required.html"
# Who hears about problem reports on pages outside any department (comma-separated).
FEEDBACK_CITY_WIDE_RECIPIENTS = env_list("FEEDBACK_CITY_WIDE_RECIPIENTS", [])

# Background work. Immediate (inline) unless TASKS_BACKEND=database, where
# `manage.py db_worker` runs the queue (see README).
if env_str("TASKS_BACKEND", "immediate") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Email: console in development; EMAIL_URL-style settings in production.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Wagtail
WAGTAIL_SITE_NAME = env_str("WAGTAIL_SITE_NAME", "City of Jackson")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The host residents use, in the sitemap, robots.txt, feeds and calendars (core/public_url.py);
# empty: the default Wagtail Site's hostname and port.
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "")
# The domain after "@" in calendar UIDs (events/ical.py); empty: PUBLIC_BASE_URL's host, else the Site's.
# Keep it unchanged once residents subscribe, or their calendars show every event twice.
ICAL_UID_DOMAIN = env_str("ICAL_UID_DOMAIN", "")
# Who the CAP alert feed says sends the city's alerts (alerts/cap.py); empty: WAGTAILADMIN_BASE_URL's host.
ALERTS_CAP_SENDER = env_str("ALERTS_CAP_SENDER", "")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]

# Search: the database backend (SQLite FTS5 / PostgreSQL full text) by
# default; Elasticsearch or OpenSearch by configuration alone.
from jackson.settings.search import search_backends  # noqa: E402

WAGTAILSEARCH_BACKENDS = search_backends()
# Seconds a search answer (one page of result ids, the total, the facets) is kept (search/engine.py).
SEARCH_ANSWER_SECONDS = int(env_str("SEARCH_ANSWER_SECONDS", "60"))
# Seconds each worker sums search counts before writing them (search/stat_buffer.py); 0 writes each one.
SEARCH_STATS_FLUSH_SECONDS = float(env_str("SEARCH_STATS_FLUSH_SECONDS", "1"))

# Front-end caches (Varnish, Cloudflare, CloudFront) purged after publishing; none by default.
from jackson.settings.frontend_cache import frontend_cache_backends  # noqa: E402

WAGTAILFRONTENDCACHE = frontend_cache_backends()

# Content-Security-Policy for the public site (not the Wagtail admin, whose
# own scripts are outside our control). No 'unsafe-inline' anywhere.
CSP_ENABLED = env_bool("CSP_ENABLED", True)
CSP_POLICY = (
    "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'self'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)
# Directions on event pages: a plain link (no embedded map or script) to this URL, with
# {destination} replaced by the venue's address. Empty turns the link off. Google's cross-platform
# Maps URL opens the maps app on a phone; e.g. https://maps.apple.com/?daddr={destination} or
# https://www.openstreetmap.org/search?query={destination} are alternatives.
MAPS_DIRECTIONS_URL = env_str("MAPS_DIRECTIONS_URL", "https://www.google.com/maps/dir/?api=1&destination={destination}")
# Django's debug 404/500 pages get a policy allowing their inline style and script, only with
# DEBUG on (jackson/middleware.py). dev.py turns it on; production can never (DEBUG is off there).
CSP_RELAX_DEBUG_PAGES = False
# Powerful browser features the public site never uses, switched off for it and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=(), "
    "xr-spatial-tracking=(), browsing-topics=()"
)

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# The public API, v1 (api/). Browsers on these origins may call it (comma-separated, e.g.
# https://app.example.gov); none by default. Only /api/ paths get CORS headers, and only for reading.
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS", [])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]
# What browsers and CDNs may keep an answer for (Cache-Control: public, max-age).
API_CACHE_SECONDS = int(env_str("API_CACHE_SECONDS", "60"))
# Requests one client may make per window (0 turns the limit off); counted in the shared cache.
API_RATE_LIMIT = int(env_str("API_RATE_LIMIT", "120"))
API_RATE_WINDOW_SECONDS = int(env_str("API_RATE_WINDOW_SECONDS", "60"))

# Read-only JSON API (Wagtail API v2)
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = env_str("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_SEARCH_ENABLED = True
