from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed by jackson/settings/dev.py and test.py only, never by base or production."""

    name = "demo"
    verbose_name = "Demo city"
