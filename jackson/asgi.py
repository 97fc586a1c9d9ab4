"""ASGI entry point (``uvicorn jackson.asgi:application`` or similar).

Like ``jackson.wsgi`` it defaults to production settings, which refuse to start without
``DJANGO_SECRET_KEY`` and ``ALLOWED_HOSTS``: a forgotten ``DJANGO_SETTINGS_MODULE`` must
never mean DEBUG on with the development key.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jackson.settings.production")

application = get_asgi_application()
