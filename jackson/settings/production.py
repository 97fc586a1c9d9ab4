"""Production: refuses to start without a secret key and allowed hosts.

Static files are served by whitenoise with compressed, content-hashed names
and a long cache lifetime; put a CDN in front for scale (see README).
"""

from django.core.exceptions import ImproperlyConfigured

from jackson.settings.base import *  # noqa: F403
from jackson.settings.base import ALLOWED_HOSTS, EMAIL_BACKEND, SECRET_KEY, STORAGES
from jackson.settings.env import env_bool, env_str

DEBUG = False
# Never relax the Content-Security-Policy for debug pages in production (jackson/middleware.py).
CSP_RELAX_DEBUG_PAGES = False

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production (comma-separated host names).")

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)

# Notification email must go somewhere: SMTP when EMAIL_HOST is set. Without it, the console
# backend is kept so the server still starts, and `check --deploy` (home/checks.py) and the
# start-up log say loudly that staff notifications are not delivered.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if env_str("EMAIL_HOST", "") else EMAIL_BACKEND,
)
if EMAIL_BACKEND.endswith(("console.EmailBackend", "dummy.EmailBackend")):
    import logging

    logging.getLogger("jackson.settings").warning(
        "EMAIL_BACKEND is %s: staff notifications will not be delivered. Set EMAIL_HOST.", EMAIL_BACKEND
    )
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
