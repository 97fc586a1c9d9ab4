"""The alerts showing now, as feeds other sites, apps, signs and voice assistants can relay.

URLs (``alerts/urls.py``; the README lists them for partners):

- ``/alerts/feed.rss``: RSS 2.0, ``/alerts/feed.atom``: Atom 1.0 (Django's syndication framework),
- ``/alerts/feed.json``: JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/) with a ``_jackson``
  extension object per item (severity, scope, start and end, hotlines, the CAP document's URL),
- ``/alerts/cap.atom`` and ``/alerts/<id>/cap.xml``: CAP 1.2 (``alerts/cap.py``).

Every feed lists exactly ``alerts.active.showing()``: published, started and not yet ended, most
severe first. What a feed needs beyond the banner's snapshot (when each version was published, the
earlier versions an update replaces, the names and addresses of the departments and pages in scope)
is read once per content version and kept (``details()``), so a feed that a thousand signs poll
every minute costs no query per poll; publishing, unpublishing or deleting an alert moves the alerts'
version (``alerts.active.forget``), and renaming or moving a page the content version (``core.freshness``).

Alert text reaches XML parsers, screen readers and LED signs: characters XML 1.0 cannot carry
(control characters, U+FFFE/U+FFFF) are removed once here (``relayed()``), and everything else is
escaped by the serialisers (Django's XML generator, ``json``), never by hand.
"""

import dataclasses
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import dateformat, feedgenerator, timezone
from django.utils.html import escape, format_html, format_html_join, linebreaks
from wagtail.models import ModelLogEntry, Page, Site

from alerts import active
from alerts.active import Hotline, ShownAlert
from alerts.models import Alert, Scope, Severity
from core import freshness

KEEP_SECONDS = 300
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)

#: Where the ``_jackson`` extension is documented for partners (the "Follow these alerts" section).
EXTENSION_ANCHOR = "#feeds"

# Everything outside XML 1.0's Char production: https://www.w3.org/TR/xml/#charsets
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text):
    """``text`` without the characters no XML 1.0 document may contain (a sign cannot show them either)."""
    return _NOT_XML_CHAR.sub("", text or "")


@dataclass(frozen=True)
class Place:
    """A department or page an alert is scoped to, as a relay can name and link it."""

    name: str
    url: str


@dataclass(frozen=True)
class Version:
    """One published version of an alert: its revision and when it was published."""

    revision_id: int
    published_at: datetime


@dataclass(frozen=True)
class Details:
    version: Version
    #: Versions published before this one, oldest first (a CAP Update references them).
    earlier: tuple[Version, ...]
    first_published_at: datetime
    departments: tuple[Place, ...] = ()
    pages: tuple[Place, ...] = ()


@dataclass(frozen=True)
class Relayed:
    """An alert showing now (its text made XML-safe) with what the feeds add to the banner's snapshot."""

    alert: ShownAlert
    details: Details


def _places(page_ids, addresses):
    """Named, addressed places for ``page_ids``, in title order; drafts and private pages are left out."""
    found = [addresses[pk] for pk in page_ids if pk in addresses]
    return tuple(sorted(found, key=lambda place: (place.name.lower(), place.url)))


def _addresses(page_ids):
    """{page id: Place} for the live, public pages among ``page_ids`` that have an address."""
    places = {}
    for page in Page.objects.live().public().filter(pk__in=page_ids):
        url = page.get_full_url()
        if url:  # a page outside every site has no address to give
            places[page.pk] = Place(xml_text(page.title), url)
    return places


def _department_ids(alert):
    return [department.pk for department in alert.departments.all()]


def _compute_details(ids=None):
    """Details of every published alert (or of ``ids``), from a handful of queries whatever their number."""
    alerts = Alert.objects.filter(live=True).prefetch_related("departments", "scope_pages")
    if ids is not None:
        alerts = alerts.filter(pk__in=ids)
    alerts = list(alerts)
    publishes = {}
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Alert),
        object_id__in=[str(alert.pk) for alert in alerts],
        action="wagtail.publish",
        revision__isnull=False,
    ).order_by("timestamp", "pk")
    for object_id, revision_id, timestamp in entries.values_list("object_id", "revision_id", "timestamp"):
        publishes.setdefault(int(object_id), []).append(Version(revision_id, timestamp))
    scoped = {pk for alert in alerts for pk in [*_department_ids(alert), *alert.page_ids]}
    addresses = _addresses(scoped) if scoped else {}
    return {alert.pk: _details(alert, publishes.get(alert.pk, []), addresses) for alert in alerts}


def _details(alert, publishes, addresses):
    # The log entry's time is the publish time; an alert made live in code has no log, so its
    # save time stands in.
    revision_id = alert.live_revision_id or 0
    current = [v for v in publishes if v.revision_id == revision_id]
    published_at = current[-1].published_at if current else (alert.last_published_at or alert.updated_at)
    version = Version(revision_id, published_at)
    earlier = {}
    for v in publishes:
        if v.revision_id != revision_id and v.published_at <= published_at:
            earlier.setdefault(v.revision_id, v)  # a revision published twice: its first time
    return Details(
        version=version,
        earlier=tuple(sorted(earlier.values(), key=lambda v: (v.published_at, v.revision_id))),
        first_published_at=min([alert.first_published_at or published_at, published_at]),
        departments=_places(_department_ids(alert), addresses),
        pages=_places(alert.page_ids, addresses),
    )


def details():
    """Details of every published alert by id, kept under the content version and the alerts' version."""
    return freshness.kept(f"alerts:relay-details:{active.version()}", KEEP_SECONDS, _compute_details)


def _clean(alert):
    return dataclasses.replace(
        alert,
        title=xml_text(alert.title),
        message=xml_text(alert.message),
        link_text=xml_text(alert.link_text),
        hotlines=tuple(Hotline(xml_text(h.label), xml_text(h.phone), xml_text(h.tel_href)) for h in alert.hotlines),
    )


def relayed(now=None):
    """Every alert showing now, most severe first, with its details."""
    showing = active.showing(now)
    kept = details()
    missing = [alert.id for alert in showing if alert.id not in kept]
    if missing:  # published between two reads of the version: read it directly this once
        kept = {**kept, **_compute_details(missing)}
    return [Relayed(_clean(alert), kept[alert.id]) for alert in showing if alert.id in kept]


def last_change(now=None):
    """When the set of alerts showing last changed (a publication, a start or an end), for the feeds' dates.

    Django dates an empty feed "now", which changes its bytes every second and so its ETag; with
    this, a relay polling a quiet feed gets 304s. An unpublication leaves no time behind, so after
    one the date may stay earlier; the content (and ETag) still changes.
    """
    now = now or timezone.now()
    moments = [EPOCH]
    for alert in active.published():
        moments += [moment for moment in (alert.starts_at, alert.ends_at) if moment and moment <= now]
    moments += [info.version.published_at for info in details().values()]
    return max(moments)


def find(alert_id, now=None):
    """The alert ``alert_id`` if it is showing now, else None (never a query with the id)."""
    return next((item for item in relayed(now) if item.alert.id == alert_id), None)


# ---------------------------------------------------------------- shared wording and addresses


def city_name(request):
    """The city's name from its settings (kept by ``home.middleware``), else WAGTAIL_SITE_NAME."""
    if Site.find_for_request(request) is not None:
        # The city settings belong to the home app, above this one: looked up by name.
        name = xml_text(apps.get_model("home", "CitySettings").for_request(request).city_name).strip()
        if name:
            return name
    return settings.WAGTAIL_SITE_NAME


def local(moment):
    """``moment`` in the city's time zone (settings.TIME_ZONE)."""
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def human_time(moment):
    """``moment`` as people read it in the city, e.g. "December 2, 2026, 6:20 a.m. CST"."""
    return dateformat.format(local(moment), "F j, Y, g:i a T")


def sender():
    """Who sends the city's alerts: ALERTS_CAP_SENDER, else the host of WAGTAILADMIN_BASE_URL.

    Never the request's Host header: an identifier must be the same whichever address a relay uses.
    CAP forbids spaces, commas, ``<`` and ``&`` in it, so those are dropped.
    """
    value = getattr(settings, "ALERTS_CAP_SENDER", "") or urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
    return re.sub(r"[\s,<&]", "", value or "") or "localhost"


def tag_uri(item):
    """A stable id for this published version (RFC 4151), used as RSS guid and Atom id."""
    minted = f"{item.details.first_published_at:%Y-%m-%d}"
    return f"tag:{sender()},{minted}:alert-{item.alert.id}-v{item.details.version.revision_id}"


def page_url(request, item=None):
    url = request.build_absolute_uri(reverse("alerts:index"))
    return f"{url}#alert-{item.alert.id}" if item else url


def cap_url(request, item):
    return request.build_absolute_uri(reverse("alerts:cap", args=[item.alert.id]))


def hotline_text(alert):
    return "; ".join(f"{h.label}: {h.phone}" for h in alert.hotlines)


def scope_names(item):
    """The departments or pages an alert is scoped to, by name (empty for the whole site)."""
    if item.alert.scope == Scope.DEPARTMENTS:
        return [place.name for place in item.details.departments]
    if item.alert.scope == Scope.PAGES:
        return [place.name for place in item.details.pages]
    return []


def severity_label(alert):
    return dict(Severity.choices).get(alert.severity, alert.severity.title())


# ---------------------------------------------------------------- RSS 2.0 and Atom


class DatedByLastChange:
    """A feed generator mixin: the feed's date is ``last_change()``, not "now" when it is empty."""

    def latest_post_date(self):
        return self.feed.get("last_change") or super().latest_post_date()


class RssGenerator(DatedByLastChange, feedgenerator.Rss201rev2Feed):
    pass


class AtomGenerator(DatedByLastChange, feedgenerator.Atom1Feed):
    pass


class AlertsRssFeed(Feed):
    """RSS 2.0: one item per alert showing now. A new version gets a new guid, so readers show it again."""

    feed_type = RssGenerator
    language = "en-us"
    ttl = 1  # minutes: alerts change fast, and the response may be kept for 60 seconds

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.city = city_name(request)
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.city}: current alerts"

    def link(self):
        return reverse("alerts:index")

    def description(self):
        return f"Emergency alerts, warnings and notices from {self.city} showing now."

    def feed_url(self):
        return self.request.path

    def feed_extra_kwargs(self, obj):
        return {"last_change": last_change()}

    def author_name(self):
        return self.city

    def items(self):
        return relayed()

    def item_title(self, item):
        # Escaped once more, as Django does by default: readers treat titles as HTML (Django #6533).
        return escape(f"{severity_label(item.alert)}: {item.alert.title}")

    def item_description(self, item):
        """HTML (as readers expect): the message as text, when, scope, and tap-to-call hotlines."""
        alert = item.alert
        parts = [linebreaks(alert.message, autoescape=True)]
        when = f"Since {human_time(alert.starts_at)}"
        when += f", until {human_time(alert.ends_at)}." if alert.ends_at else ", until further notice."
        parts.append(format_html("<p>{}</p>", when))
        names = scope_names(item)
        if names:
            parts.append(format_html("<p>About: {}</p>", ", ".join(names)))
        if alert.hotlines:
            lines = format_html_join(
                "", '<li>{}: <a href="{}">{}</a></li>', ((h.label, h.tel_href, h.phone) for h in alert.hotlines)
            )
            parts.append(format_html("<p>Call:</p><ul>{}</ul>", lines))
        if alert.link_url:
            parts.append(format_html('<p><a href="{}">{}</a></p>', alert.link_url, alert.link_text))
        return "".join(parts)

    def item_link(self, item):
        return item.alert.link_url or page_url(self.request, item)

    def item_guid(self, item):
        return tag_uri(item)

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.details.version.published_at

    def item_updateddate(self, item):
        return item.details.version.published_at

    def item_categories(self, item):
        return [severity_label(item.alert)]

    def item_author_name(self, item):
        return self.city


class AlertsAtomFeed(AlertsRssFeed):
    """The same, as Atom 1.0: ``published`` is the first publication, ``updated`` this version's."""

    feed_type = AtomGenerator

    def subtitle(self):
        return self.description()

    def item_pubdate(self, item):
        return item.details.first_published_at


# ---------------------------------------------------------------- JSON Feed 1.1


def _place_json(places):
    return [{"name": place.name, "url": place.url} for place in places]


def json_feed(request):
    """A JSON Feed 1.1 document (a dict) of the alerts showing now.

    Only the spec's fields plus one ``_jackson`` object per item, as its extension rule says
    (https://www.jsonfeed.org/version/1.1/#extensions): readers that do not know it ignore it.
    """
    city = city_name(request)
    about = page_url(request) + EXTENSION_ANCHOR
    items = []
    for item in relayed():
        alert, info = item.alert, item.details
        entry = {
            "id": tag_uri(item),
            "url": page_url(request, item),
            "title": alert.title,
            "content_text": alert.message,
            "date_published": local(info.first_published_at).isoformat(timespec="seconds"),
            "date_modified": local(info.version.published_at).isoformat(timespec="seconds"),
            "tags": [alert.severity],
            "language": "en-US",
        }
        if alert.link_url:
            entry["external_url"] = alert.link_url
        entry["_jackson"] = {
            "about": about,
            "severity": alert.severity,
            "severity_label": severity_label(alert),
            "scope": {
                "type": alert.scope,
                "site": alert.scope == "site",
                "departments": _place_json(info.departments) if alert.scope == "departments" else [],
                "pages": _place_json(info.pages) if alert.scope == "pages" else [],
            },
            "starts_at": local(alert.starts_at).isoformat(timespec="seconds"),
            "ends_at": local(alert.ends_at).isoformat(timespec="seconds") if alert.ends_at else None,
            "hotlines": [{"label": h.label, "phone": h.phone, "tel": h.tel_href} for h in alert.hotlines],
            "link": {"url": alert.link_url, "text": alert.link_text} if alert.link_url else None,
            "cap": cap_url(request, item),
        }
        items.append(entry)
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{city}: current alerts",
        "home_page_url": page_url(request),
        "feed_url": request.build_absolute_uri(reverse("alerts:json")),
        "description": f"Emergency alerts, warnings and notices from {city} showing now, most severe first.",
        "language": "en-US",
        "authors": [{"name": city, "url": request.build_absolute_uri("/")}],
        "items": items,
    }


def json_text(data):
    """JSON with <, > and & escaped as \\u sequences: still the same JSON, never readable as markup."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
