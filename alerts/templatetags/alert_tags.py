"""The emergency-alert banner at the top of every public page: ``{% site_alerts %}``.

base.html calls the tag right after the header. It reads only ``alerts.active``'s cached
list (no SQL on a warm cache) and renders ``alerts/includes/site_alerts.html``, which
500.html includes directly with a list its handler prepared (``jackson.views.server_error``),
so a page that has no database can still render the banner template with nothing in it.
"""

from urllib.parse import urlsplit

from django import template
from wagtail.models import Page

from alerts import active
from alerts.models import Severity

register = template.Library()

BANNER_TEMPLATE = "alerts/includes/site_alerts.html"


def page_in(context):
    """The Wagtail page being shown, or None for views that are not pages (search, 404, feedback).

    Only a real ``Page`` counts: a view may name something else ``page`` (a paginator's page).
    """
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.inclusion_tag(BANNER_TEMPLATE, takes_context=True)
def site_alerts(context):
    """The alerts showing on this page, most severe first."""
    return {"alerts": active.for_page(page_in(context))}


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
