"""The emergency-alert banner at the top of every public page: ``{% site_alerts %}``.

base.html calls the tag right after the header. It reads only ``alerts.active``'s cached
list (no SQL on a warm cache) and renders ``alerts/includes/site_alerts.html`` between the
comments that let the page cache redraw it (alerts/banner.py). The same template is what
500.html includes directly with a list its handler prepared (``jackson.views.server_error``),
so a page that has no database can still render the banner template with nothing in it.
"""

from urllib.parse import urlsplit

from django import template
from django.utils.safestring import mark_safe
from wagtail.models import Page

from alerts import banner
from alerts.models import Severity
from core import page_keeping

register = template.Library()


def page_in(context):
    """The Wagtail page being shown, or None for views that are not pages (search, 404, feedback).

    Only a real ``Page`` counts: a view may name something else ``page`` (a paginator's page).
    """
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.simple_tag(takes_context=True)
def site_alerts(context):
    """The alerts showing on this page, most severe first, as a part the page cache can redraw."""
    place = banner.place_of(page_in(context))
    request = context.get("request")
    if request is not None:
        page_keeping.redraw_with(request, banner.PART, place)
    return mark_safe(banner.draw(place))  # noqa: S308 - the banner template escapes what it shows


@register.filter
def severity_label(severity):
    """The severity as residents read it ("Emergency"), from the model's own choices."""
    return Severity(severity).label if severity in Severity.values else str(severity).capitalize()


@register.filter
def web_link(url):
    """``url`` if it is an http(s) or site-relative link, else "".

    The model's URLField already refuses other schemes in the admin; this keeps a
    ``javascript:`` or ``data:`` address saved by code or a data import out of every page.
    """
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url
    if not parts.scheme and url.startswith("/") and not url.startswith("//") and "\\" not in url:
        return url
    return ""
