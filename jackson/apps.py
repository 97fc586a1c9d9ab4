"""App configuration that the project adjusts from Wagtail's defaults."""

from wagtail.contrib.frontend_cache.apps import WagtailFrontendCacheAppConfig


class FrontendCacheConfig(WagtailFrontendCacheAppConfig):
    """Wagtail's front-end cache app without its own publish/unpublish signal handlers.

    Those purge only the published page, and inside the publishing transaction (before commit,
    with inline tasks). ``core/frontend_cache.py`` purges after commit, with the page's listings
    and feeds; we rely on Wagtail for the backends, ``PurgeBatch`` and its purge task.
    """

    default = False

    def ready(self):
        pass
