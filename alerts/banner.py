"""The alert banner as a redrawable part of a kept page.

Every public page shows the alerts in its scope (``alerts.active``). The banner is written
between two HTML comments, and the page records which page it was drawn for
(``core.page_keeping.redraw_with``). When an alert is published, the page cache does not
render every page again: it takes its kept copy of each page and redraws the banner between
the comments (``redraw``, through the ``page_cache_redraw`` hook in alerts/wagtail_hooks.py).
That costs a banner and a compression instead of a page with its queries, at the moment the
whole city opens the site at once.
"""

from django.template.loader import render_to_string

from alerts import active

TEMPLATE = "alerts/includes/site_alerts.html"
PART = "alerts"
START = "<!--site-alerts-->"
END = "<!--/site-alerts-->"


def place_of(page):
    """What the banner's scope depends on: the page's id and tree path (None for other views)."""
    if page is None:
        return (None, "")
    return (page.pk, page.path)


def draw(place, now=None):
    """The banner for ``place`` between its two comments."""
    page_id, path = place
    return START + render_to_string(TEMPLATE, {"alerts": active.for_place(page_id, path, now)}) + END


def redraw(html, place, now=None):
    """``html`` (bytes) with its banner drawn again for what is showing now, or None if it has none."""
    start = html.find(START.encode())
    end = html.find(END.encode(), start)
    if start < 0 or end < 0:
        return None
    return html[:start] + draw(place, now).encode() + html[end + len(END) :]
