from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Home and site-wide settings"

    def ready(self):
        from home import freshness, frontend_cache

        freshness.connect()
        frontend_cache.connect()
