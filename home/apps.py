from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site-wide settings"

    def ready(self):
        from core import freshness
        from home import checks  # noqa: F401  (registers the deploy checks)
        from home.models import CitySettings

        # The city settings are kept too (home/middleware.py): a change forgets them.
        freshness.connect_model(CitySettings)
