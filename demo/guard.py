"""The one refusal every demo command shares: never under production settings.

The demo app is not installed by jackson/settings/production.py, so on a correctly configured
server these commands do not exist at all. This guard is the second line, for a settings module
that imports production and adds the demo, or a shell with the wrong DJANGO_SETTINGS_MODULE:
demo content overwrites pages, and demo accounts share a published password.

Production is recognised by the settings module's name (``jackson.settings.production`` or any
module whose last part is ``production``), which is what the WSGI entry point defaults to.
"""

import os

from django.conf import settings
from django.core.management.base import CommandError


def settings_module():
    return getattr(settings, "SETTINGS_MODULE", None) or os.environ.get("DJANGO_SETTINGS_MODULE", "")


def is_production():
    return settings_module().rsplit(".", 1)[-1] == "production"


def refuse_in_production(action, *, allow=False, override=""):
    """Raise CommandError (exit status 1) with a clear message when running under production settings.

    ``action`` completes "Refusing to ..."; ``override`` names the flag that lets a throwaway
    demo server through, when the command has one.
    """
    if allow or not is_production():
        return
    hint = f" (pass {override} only on a throwaway demo server)" if override else ""
    raise CommandError(
        f"Refusing to {action} under production settings ({settings_module()}): the demo is for "
        f"development and test databases only. Use DJANGO_SETTINGS_MODULE=jackson.settings.dev{hint}."
    )
