"""The forms app's configuration; what the app owns is in ``forms/__init__.py``."""

from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"

    def ready(self):
        # The department-form inbox registers its admin URLs (detail, private download) here.
        from forms import submission_admin  # noqa: F401
