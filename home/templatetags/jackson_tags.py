"""Template helpers for the public site: navigation, breadcrumbs, phone links.

Kept query-light on purpose: the main navigation costs nothing on most requests
(cached across requests, see ``_sections``), breadcrumbs one query per page, and listing helpers
work on data the view has already loaded instead of asking per item.
"""

import functools
import re

from django import template
from django.utils import dateformat, timezone, translation
from django.utils.html import format_html
from django.utils.http import urlencode
from wagtail.models import Page, Site

from core import freshness
from home import phone_links as phone_links_module

register = template.Library()

#: Seconds the navigation is kept across requests (keyed by the content version).
NAV_CACHE_SECONDS = 60


def _sections(request):
    """The site's top-level sections: ``{"menu": [...], "indexes": {model label: url}}``.

    ``menu`` is the main navigation, Wagtail's way: the live, public children of the site's root
    page with "Show in menus" ticked on their Promote tab, in the page tree's order (editors
    reorder them in the admin), each labelled with its short ``menu_title`` or its title. ``indexes`` finds the
    city-wide index pages by type whether or not they are in the menu, for links such as
    "All news" (``nav_url``).

    Kept on the request, and across requests in the cache under ``core.freshness.version()``
    (publishing, unpublishing, moving or deleting a page forgets it): every page shows the
    navigation, and finding it costs one query and one per section type with a short label.
    """
    cached = getattr(request, "_jackson_sections", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"menu": [], "indexes": {}}
    sections = freshness.kept(f"sections:{site.pk}", NAV_CACHE_SECONDS, lambda: _read_sections(site, request))
    request._jackson_sections = sections
    return sections


def _read_sections(site, request):
    from django.contrib.contenttypes.models import ContentType

    root = site.root_page
    pages = (
        Page.objects.live()
        .public()
        .child_of(root)
        .only("id", "title", "path", "depth", "url_path", "content_type_id", "show_in_menus")
        .order_by("path")
    )
    menu, indexes, short_titled = [], {}, {}
    for page in pages:
        url = page.get_url(request=request)
        if not url:
            continue
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        label = model._meta.label if model is not None else ""
        indexes.setdefault(label, url)
        if page.show_in_menus:
            menu.append({"label": page.title, "url": url, "path": page.path, "model": label, "pk": page.pk})
            if model is not None and any(field.name == "menu_title" for field in model._meta.get_fields()):
                short_titled.setdefault(model, []).append(page.pk)
    # The short labels (core.pages.MenuTitleMixin): one light query per section type in the menu.
    short = {}
    for model, pks in short_titled.items():
        short.update(model.objects.filter(pk__in=pks).exclude(menu_title="").values_list("pk", "menu_title"))
    for item in menu:
        item["label"] = short.get(item.pop("pk"), item["label"])
    return {"menu": menu, "indexes": indexes}


def _current_section(menu, page, current_path):
    """The menu item to mark ``aria-current``, or None.

    A page a city-wide index aggregates names that index's model in ``listing_index`` (a news
    story in a department's subtree belongs to News, not Departments); otherwise the section
    is the menu page above it in the tree, or, for views that are not pages (search), the one
    whose URL starts the request's path.
    """
    listing_index = getattr(page, "listing_index", None)
    if listing_index:
        for item in menu:
            if item["model"] == listing_index:
                return item
    page_path = getattr(page, "path", None)
    if page_path:
        for item in menu:
            if page_path.startswith(item["path"]):
                return item
        return None
    for item in menu:
        if item["url"] != "/" and current_path.startswith(item["url"]):
            return item
    return None


@register.simple_tag(takes_context=True)
def main_nav(context):
    """[{label, url, active}] for the header (and footer) navigation, in the editors' order."""
    request = context.get("request")
    menu = _sections(request)["menu"]
    current_path = request.path if request is not None else ""
    page = context.get("page")
    current = _current_section(menu, page if isinstance(page, Page) else None, current_path)
    return [{"label": item["label"], "url": item["url"], "active": item is current} for item in menu]


@register.simple_tag(takes_context=True)
def policy_links(context):
    """[(label, url)] for the footer: the accessibility statement and privacy policy the city chose, if live.

    Every page shows them, and reading two pages through the settings' foreign keys cost two
    queries a view; they are kept like the navigation, under ``core.freshness.version()``
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
    """The URL of one city-wide index page (e.g. "news.NewsIndexPage"), in the menu or not, or ""."""
    return _sections(context.get("request"))["indexes"].get(label_key) or ""


@register.simple_tag
def breadcrumbs(page):
    """The ancestors to show above ``page``: the home page down to its parent.

    The tree root (depth 1) is never shown; nothing is shown for the home page itself.
    """
    if page is None or not getattr(page, "depth", None) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2).live().only("id", "title", "url_path", "path", "depth"))


@register.filter
def tel_href(number):
    """A ``tel:`` URL for a written phone number: "(601) 555-0100" -> "tel:+16015550100" (see home.phone_links)."""
    return phone_links_module.tel_href(number)


@register.filter(needs_autoescape=True)
def phone_links(value, autoescape=True):
    """Phone numbers in text or safe HTML as tap-to-call links (see home.phone_links)."""
    return phone_links_module.phone_links(value, autoescape=autoescape)


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


_ZIP = re.compile(r"\b\d{5}(?:-\d{4})?\b")


def directions_destination(address, city_address=""):
    """The address as one line for a maps search, with the city's locality added if it has no ZIP code.

    Editors often write only "1000 Riverside Drive"; on its own that finds streets of that name
    across the country. The last line of City Hall's address ("Jackson, MS 39201") places it.
    """
    lines = [" ".join(line.split()) for line in str(address or "").splitlines() if line.strip()]
    destination = ", ".join(lines)
    if destination and not _ZIP.search(destination):
        city_lines = [line.strip() for line in str(city_address or "").splitlines() if line.strip()]
        if city_lines and _ZIP.search(city_lines[-1]):
            destination = f"{destination}, {' '.join(city_lines[-1].split())}"
    return destination[:400]


@register.simple_tag(takes_context=True)
def directions_url(context, address):
    """A plain link to directions to ``address`` on the maps site in ``settings.MAPS_DIRECTIONS_URL``.

    A link, not an embedded map: no third-party script or frame loads with the page, and on a
    phone the maps app opens with the route. "" when there is no address or the setting is empty.
    """
    from urllib.parse import quote

    from django.conf import settings

    template = getattr(settings, "MAPS_DIRECTIONS_URL", "")
    city = context.get("city")
    destination = directions_destination(address, getattr(city, "street_address", ""))
    if not template or not destination or "{destination}" not in template:
        return ""
    return template.replace("{destination}", quote(destination, safe=""))
