"""Local development: DEBUG on, a fixed insecure key, console email."""

from jackson.settings.base import *  # noqa: F403
from jackson.settings.base import INSTALLED_APPS
from jackson.settings.env import env_list, env_str

DEBUG = True
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "django-insecure-dev-only-key-never-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

# The demo city (seed_demo and friends) exists only here and in the test settings.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# Django's yellow 404 and 500 pages are inline style and script: let them render (jackson/middleware.py).
CSP_RELAX_DEBUG_PAGES = True
