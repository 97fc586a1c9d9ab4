"""The site's public address, for links that leave the request: feeds, calendars, the sitemap.

Shared layer (like ``core.freshness``): news, events and the project's URL config import it.

A feed reader, a phone's calendar or a search engine keeps the links it is given, so they must
name the host residents use, not whichever host a request came in on. That host is
``PUBLIC_BASE_URL`` (env var) when set, e.g. ``https://www.jacksonms.gov``; otherwise the default
Wagtail Site's hostname and port (Settings → Sites in the admin; port 443 gives ``https://``).
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from wagtail.models import Site


def _default_site():
    return Site.objects.filter(is_default_site=True).first()


def public_base_url(request=None):
    """``scheme://host[:port]``, without a trailing slash.

    With a ``request``, its Wagtail Site (found once per request and kept on it by Wagtail), so a
    page that shows a link costs no query; the Site's stored hostname, never the Host header.
    """
    configured = (getattr(settings, "PUBLIC_BASE_URL", "") or "").strip().rstrip("/")
    if configured:
        return configured
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = _default_site()
    return site.root_url if site is not None else "http://localhost"


def public_host():
    """The public host name alone, e.g. for calendar UIDs (``event-12@www.jacksonms.gov``)."""
    return urlsplit(public_base_url()).hostname or "localhost"


def public_url(url, base=None):
    """``url`` (a path, or an absolute URL on this site) on the public host.

    An absolute URL keeps its path and query and takes the public scheme and host, so a page
    URL Wagtail built from the Site record is rewritten when ``PUBLIC_BASE_URL`` says otherwise.
    ``base`` is ``public_base_url()`` read once by a caller that writes many links (a feed).
    """
    base = urlsplit(base or public_base_url())
    parts = urlsplit(url or "/")
    path = parts.path or "/"
    return urlunsplit((base.scheme, base.netloc, path, parts.query, parts.fragment))


def webcal_url(url, base=None):
    """The ``webcal://`` form of ``url`` on the public host: calendar apps subscribe to it."""
    absolute = public_url(url, base)
    return "webcal://" + absolute.split("://", 1)[1]
