from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site-wide settings"

    def ready(self):
        from home import checks, freshness, frontend_cache  # noqa: F401  (checks registers the deploy checks)

        freshness.connect()
        frontend_cache.connect()
