"""Template helpers for the public site: navigation, breadcrumbs, phone links.

Kept query-light on purpose: the main navigation costs nothing on most requests
(cached across requests, see ``_nav_urls``), breadcrumbs one query per page, and listing helpers
work on data the view has already loaded instead of asking per item.
"""

import functools
import re

from django import template
from django.utils import dateformat, timezone, translation
from django.utils.html import format_html
from django.utils.http import urlencode
from wagtail.models import Page, Site

from home import freshness

register = template.Library()

#: The main navigation, in order: (app_label.ModelName, label).
MAIN_NAV = [
    ("departments.ServiceIndexPage", "Services"),
    ("departments.DepartmentIndexPage", "Departments"),
    ("news.NewsIndexPage", "News"),
    ("events.EventIndexPage", "Events"),
    ("departments.FAQIndexPage", "FAQ"),
    ("departments.DirectoryPage", "Directory"),
]


#: Seconds the navigation's URLs are kept across requests (keyed by the content version).
NAV_CACHE_SECONDS = 60


def _nav_urls(request):
    """``{model label: url}`` of the live index pages under the site root.

    Kept on the request, and across requests in the cache under ``home.freshness.version()``
    (publishing, moving or deleting a page forgets it): every page shows the navigation, and
    finding it costs three queries.
    """
    cached = getattr(request, "_jackson_nav_urls", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {}
    urls = freshness.kept(
        f"nav:{site.pk}",
        NAV_CACHE_SECONDS,
        lambda: {label: page.get_url(request=request) for label, page in _nav_pages(site).items()},
    )
    request._jackson_nav_urls = urls
    return urls


def _nav_pages(site):
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    found = {}
    models = [apps.get_model(label) for label, _ in MAIN_NAV]
    content_types = ContentType.objects.get_for_models(*models)
    by_ct = {ct.pk: model._meta.label for model, ct in content_types.items()}
    root = site.root_page
    pages = (
        Page.objects.live()
        .public()
        .filter(path__startswith=root.path, depth=root.depth + 1, content_type_id__in=by_ct.keys())
        .order_by("path")
    )
    for page in pages:
        found.setdefault(by_ct[page.content_type_id], page)
    return found


@register.simple_tag(takes_context=True)
def main_nav(context):
    """[{label, url, active}] for the header navigation; missing sections are left out."""
    request = context.get("request")
    urls = _nav_urls(request)
    current_path = request.path if request is not None else ""
    items = []
    for label_key, label in MAIN_NAV:
        url = urls.get(label_key)
        if not url:
            continue
        items.append({"label": label, "url": url, "active": bool(current_path.startswith(url) and url != "/")})
    return items


@register.simple_tag(takes_context=True)
def policy_links(context):
    """[(label, url)] for the footer: the accessibility statement and privacy policy the city chose, if live.

    Every page shows them, and reading two pages through the settings' foreign keys cost two
    queries a view; they are kept like the navigation, under ``home.freshness.version()``
    (editing the settings or publishing, unpublishing, moving or deleting a page forgets them).
    """
    request = context.get("request")
    city = context.get("city")
    site = Site.find_for_request(request) if request is not None else None
    if city is None or site is None:
        return []
    chosen = [
        ("Accessibility statement", city.accessibility_page_id),
        ("Privacy policy", city.privacy_page_id),
    ]

    def links():
        pages = Page.objects.live().public().in_bulk([pk for _label, pk in chosen if pk])
        return [(label, pages[pk].get_url(request=request)) for label, pk in chosen if pk in pages]

    return freshness.kept(f"policy-links:{site.pk}", NAV_CACHE_SECONDS, links)


@register.simple_tag(takes_context=True)
def nav_url(context, label_key):
    """The URL of one city-wide index page (e.g. "news.NewsIndexPage"), or ""."""
    return _nav_urls(context.get("request")).get(label_key) or ""


@register.simple_tag
def breadcrumbs(page):
    """The ancestors to show above ``page``: the home page down to its parent.

    The tree root (depth 1) is never shown; nothing is shown for the home page itself.
    """
    if page is None or not getattr(page, "depth", None) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2).live().only("id", "title", "url_path", "path", "depth"))


_TEL_STRIP = re.compile(r"[^\d+]")


@register.filter
def tel_href(number):
    """A ``tel:`` URL for a written phone number: "(601) 555-0100" -> "tel:+16015550100"."""
    digits = _TEL_STRIP.sub("", str(number or ""))
    if not digits:
        return ""
    if digits.startswith("+"):
        return f"tel:{digits}"
    if len(digits) == 10:
        return f"tel:+1{digits}"
    if len(digits) == 11 and digits.startswith("1"):
        return f"tel:+{digits}"
    return f"tel:{digits}"


@register.filter
def department_in(page, departments):
    """The department (from an already-loaded list) whose subtree holds ``page``.

    Listings pass the ``departments`` the view loaded for its filter, so
    naming each item's department costs no extra query.
    """
    best = None
    for department in departments or ():
        if page.path.startswith(department.path) and (best is None or department.depth > best.depth):
            best = department
    return best


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced or removed (value None/"")."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else {}
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    if hasattr(params, "urlencode"):
        encoded = params.urlencode()
    else:
        encoded = urlencode(params)
    return f"?{encoded}" if encoded else ""


@register.filter
def uses_fieldset(bound_field):
    """True for radio buttons and checkbox groups, which need a fieldset and legend."""
    return bool(getattr(bound_field, "use_fieldset", False))


@register.simple_tag
def elided_pages(page_obj):
    """Page numbers around the current one, with "…" for the gaps."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1))


@register.simple_tag
def topics_for(model_label, limit=40):
    """The most used topics (tags) of one page type, for a topic filter; one query."""
    from django.apps import apps

    model = apps.get_model(model_label)
    return list(model.tags.most_common()[:limit])


def _date_format(value, pattern, language):
    """``dateformat.format``, remembered: the same events' times are written on page after page.

    Aware datetimes at the same instant are equal whatever their zone, so the zone and its offset
    join the key, with the active language (month and day names depend on it).
    """
    return _remembered_date_format(value, str(value.tzinfo), value.utcoffset(), pattern, language)


@functools.lru_cache(maxsize=4096)
def _remembered_date_format(value, zone, offset, pattern, language):
    return dateformat.format(value, pattern)


@register.simple_tag
def event_when(event):
    """When an event happens, as ``<time>`` elements in the city's time zone.

    Written with the ``date`` filter this took eight conversions and format look-ups per event,
    about half a millisecond, on every event listing and search result; the output is the same.
    """
    if event.start is None or event.end is None:
        return ""
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    same_day = start.date() == end.date()
    language = translation.get_language()

    def date_format(value, pattern):
        return _date_format(value, pattern, language)

    if event.all_day:
        html = format_html(
            '<time datetime="{}">{}</time>', date_format(start, "Y-m-d"), date_format(start, "l, F j, Y")
        )
        if not same_day:
            html += format_html(
                ' – <time datetime="{}">{}</time>', date_format(end, "Y-m-d"), date_format(end, "l, F j, Y")
            )
        return format_html("{} (all day)", html)
    html = format_html(
        '<time datetime="{}">{}</time> – ', date_format(start, r"Y-m-d\TH:i:sO"), date_format(start, "l, F j, Y, P")
    )
    end_format = "P T" if same_day else "l, F j, Y, P T"
    return html + format_html(
        '<time datetime="{}">{}</time>', date_format(end, r"Y-m-d\TH:i:sO"), date_format(end, end_format)
    )
