"""WSGI entry point for gunicorn: `gunicorn jackson.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jackson.settings.dev")

application = get_wsgi_application()
