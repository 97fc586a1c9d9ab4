"""The request's Wagtail site and city settings, from the cache rather than the database.

Every page needs both (the header and footer show the city's name, phone and
address), and Wagtail looks them up with two queries on every request: the
site by host name, then ``CitySettings`` for that site. They change when an
administrator edits a site or the settings, which bumps the content version
(``core.freshness``), so they are kept under it like the navigation.
"""

from django.http.request import split_domain_port

from core import freshness

KEEP_SECONDS = 60


def _site_and_settings(request):
    from wagtail.models import Site

    from home.models import CitySettings

    site = Site.find_for_request(request)
    if site is None:
        return None
    # Every page view routes from the site's root page as its own type (Wagtail's
    # ``site.root_page.localized.specific``): kept with the site, that is one query less a view.
    site.root_page = site.root_page.specific
    return site, CitySettings.for_site(site)


class KeptSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            # Posts (feedback, forms) mostly answer with a redirect and need neither: two cache
            # round trips would cost them more than they save. Wagtail looks up whatever they need.
            return self.get_response(request)
        from home.models import CitySettings

        with freshness.one_reading():  # the site, navigation, footer and search share one read
            hostname = split_domain_port(request._get_raw_host())[0]
            key = f"site:{hostname}:{request.get_port()}"
            kept = freshness.kept(key, KEEP_SECONDS, lambda: _site_and_settings(request))
            if kept is not None:
                site, city = kept
                request._wagtail_site = site  # where Site.find_for_request looks first
                city._request = request  # as BaseSiteSetting.for_request does, for page URLs
                setattr(request, CitySettings.get_cache_attr_name(), city)
            return self.get_response(request)
