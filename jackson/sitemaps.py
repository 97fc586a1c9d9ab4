"""``/sitemap.xml`` and ``/robots.txt`` on the site's public host.

Wagtail's sitemap writes each page's full URL from the Site record (Settings → Sites); a
deployment whose Site still says ``localhost`` would tell search engines ``http://localhost/…``.
Every location here goes through ``core.public_url``: ``PUBLIC_BASE_URL`` when set, else the Site.
"""

from django.http import HttpResponse
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from core.public_url import public_base_url, public_url


class PublicSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        base = public_base_url(self.request)
        for url in urls:
            url["location"] = public_url(url["location"], base)
        return urls


def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": PublicSitemap})


#: Kept out of search engines: the admin, sign-in and staff-only paths, and search results pages.
DISALLOWED = ["/admin/", "/django-admin/", "/search/"]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), ""]
    lines.append(f"Sitemap: {public_base_url(request)}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
