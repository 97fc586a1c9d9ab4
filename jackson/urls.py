import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.page_passwords import authenticate_with_password
from jackson.api import api_router
from jackson.health import healthz
from jackson.sitemaps import robots_txt, sitemap

#: The 500 page with the site-wide alerts (jackson/views.py).
handler500 = "jackson.views.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", include("search.urls")),
    path("feedback/", include("feedback.urls")),
    path("alerts/", include("alerts.urls")),
    path("api/v2/", api_router.urls),
    path("api/", include("api.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Uploaded images, unless a web server or CDN serves MEDIA_URL (SERVE_MEDIA=false): jackson/media.py.
if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    from jackson.media import public_media

    urlpatterns += [re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.+)$", public_media)]

# Wagtail's page URL pattern allows no dots, so the routable pages' iCal files
# (/events/calendar.ics, /events/…/event.ics) get their own pattern.
urlpatterns += [
    re_path(r"^((?:[\w\-]+/)*[\w\-]+\.ics)$", wagtail_views.serve, name="page_ical"),
    # Wagtail's private-page password form, throttled (accounts/page_passwords.py); same path, matched first.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        authenticate_with_password,
        name="page_password",
    ),
    path("", include(wagtail_urls)),
]
