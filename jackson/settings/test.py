"""Tests: fast hashing, in-memory cache and email, immediate tasks.

DATABASE_URL still chooses the database, so the same suite runs on SQLite and
on PostgreSQL. JACKSON_TEST_DB_SUFFIX lets two runs share one PostgreSQL server.
"""

import os

from jackson.settings.base import *  # noqa: F403
from jackson.settings.base import DATABASES, INSTALLED_APPS

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-pages"},
}
# Off unless a test turns it on (tests/test_page_cache.py): most tests change rows without a
# signal (a rolled-back test sends none) and read the page again.
PAGE_CACHE_SECONDS = 0
# Every search counted as it happens, so a test reads the count at once (search/stat_buffer.py).
SEARCH_STATS_FLUSH_SECONDS = 0
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Links in feeds and the sitemap come from the Site record unless a test sets these.
PUBLIC_BASE_URL = ""
ICAL_UID_DOMAIN = ""
# No front-end cache whatever the environment says; tests that purge set a recording backend.
WAGTAILFRONTENDCACHE = {}
# Sign-in throttling off: client.login() passes no request, which django-axes requires.
# tests/test_sign_in_security.py switches it on.
AXES_ENABLED = False

_suffix = os.environ.get("JACKSON_TEST_DB_SUFFIX", "")
if _suffix and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("TEST", {})["NAME"] = f"test_jackson_{_suffix}"

# The demo city (seed_demo and friends) exists only here and in the development settings.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
# The API's per-client rate limit off: a test client is one client making hundreds of requests.
# tests/test_api_v1_web.py switches it on.
API_RATE_LIMIT = 0
