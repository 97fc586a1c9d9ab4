from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared pages, blocks and caches"

    def ready(self):
        from core import freshness, frontend_cache

        freshness.connect()
        frontend_cache.connect()
