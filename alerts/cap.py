"""CAP 1.2 (OASIS Common Alerting Protocol) documents for the alerts showing now.

CAP is what FEMA's IPAWS, the National Weather Service, Google Public Alerts and many sign and
siren systems read (https://docs.oasis-open.org/emergency/cap/v1.2/CAP-v1.2-os.html). Each
alert showing now has one document at ``/alerts/<id>/cap.xml``; ``/alerts/cap.atom`` (an Atom
feed, as the NWS publishes) lists them. The XML is written with Django's XML generator, which
escapes all text; characters XML cannot carry were removed before (``feeds.xml_text``). Tests
validate every document against the OASIS CAP 1.2 schema.

How an alert maps to CAP:

``<alert>``
  - ``identifier``: ``<sender>.alert-<id>-v<revision>``: unique per published version (each
    publication is a new revision), the same however the feed is reached.
  - ``sender``: ALERTS_CAP_SENDER, else the host name of WAGTAILADMIN_BASE_URL (never the
    request's Host header); spaces, commas, ``<`` and ``&`` are dropped as CAP requires.
  - ``sent``: when this version was published (the publish log entry's time).
  - ``status`` Actual; ``scope`` Public.
  - ``msgType`` Alert for an alert's first published version; Update once a later version
    replaced it, with ``references`` naming every earlier version (``sender,identifier,sent``).
  - ``note``: only on an Update ("Replaces the earlier version").

``<info>`` (one, in ``en-US``)
  - ``category``: Safety for emergencies and warnings (CAP's "general emergency and public
    safety"); Other for information notices. The alert has no field saying *what kind* of
    hazard it is, so Infra, Met, Health… are not guessed.
  - ``event``: "Emergency", "Warning" or "Public information notice" (the alert's kind; its
    title is the headline).
  - ``urgency`` / ``severity`` / ``certainty``, from our severity (``MAPPING``):

    - emergency: Immediate / Severe / Observed. Staff publish an emergency about something
      happening now that threatens life or property and needs action now. Severe rather than
      Extreme: CAP keeps Extreme for an *extraordinary* threat, some relays sound sirens or
      override quiet hours for it, and the alert cannot tell a boil-water notice from a tornado.
    - warning: Expected / Moderate / Likely: act soon; a possible threat; more likely than not.
    - information: Future / Minor / Likely. A notice (a closure, a changed pickup day) asks for
      no action now, only later if at all, and threatens little; it is a statement of fact by
      the city, so Likely rather than Possible, which would call it improbable.
  - ``effective`` and ``onset``: the alert's start. ``expires``: its end, when it has one (CAP
    leaves an open-ended message to each recipient's policy).
  - ``senderName``: the city's name (home.models.CitySettings), else WAGTAIL_SITE_NAME.
  - ``headline``: the title (at most 120 characters, under CAP's 160; cut with an ellipsis if a
    longer one ever arrives). ``description``: the message. There is no ``instruction``: the
    message says both what is happening and what to do, and splitting it would be guessing.
  - ``web``: the alert's link, else its place on the "Current alerts" page.
  - ``contact``: the hotlines ("Label: phone; …"), when there are any.
  - ``area`` / ``areaDesc``: the city's name; for an alert scoped to departments' sections, the
    department names follow ("City of Jackson: Public Works, Water Utilities"). The alert has no
    geometry, so there is no polygon or geocode.

Unknown ids, drafts, unpublished alerts and alerts not yet started or already ended answer 404,
not a Cancel message: nothing about a withdrawn alert should be republished, and a relay sees an
alert end when it leaves the index (and, with an end time, from ``expires``).
"""

import io

from django.utils.text import Truncator
from django.utils.xmlutils import SimplerXMLGenerator

from alerts import feeds
from alerts.models import Scope

NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
CONTENT_TYPE = "application/cap+xml; charset=utf-8"
HEADLINE_LENGTH = 160

#: Our severity -> (category, event, urgency, CAP severity, certainty). Reasons in the module docstring.
MAPPING = {
    "emergency": ("Safety", "Emergency", "Immediate", "Severe", "Observed"),
    "warning": ("Safety", "Warning", "Expected", "Moderate", "Likely"),
    "information": ("Other", "Public information notice", "Future", "Minor", "Likely"),
}


def cap_time(moment):
    """CAP's date-time: ``YYYY-MM-DDThh:mm:ss-xx:xx`` in the city's zone, no fractions, no "Z"."""
    text = feeds.local(moment).replace(microsecond=0).isoformat(timespec="seconds")
    # CAP writes UTC as -00:00 (CAP 1.2, 3.3.2).
    return text[:-6] + "-00:00" if text.endswith("+00:00") else text


def identifier(item, version=None):
    version = version or item.details.version
    return f"{feeds.sender()}.alert-{item.alert.id}-v{version.revision_id}"


def references(item):
    """The earlier versions this one replaces, as CAP's ``sender,identifier,sent`` triples."""
    return " ".join(
        f"{feeds.sender()},{identifier(item, version)},{cap_time(version.published_at)}"
        for version in item.details.earlier
    )


def area_description(item, city):
    if item.alert.scope == Scope.DEPARTMENTS and item.details.departments:
        return f"{city}: " + ", ".join(place.name for place in item.details.departments)
    return city


def _mapped(item):
    return MAPPING.get(item.alert.severity, MAPPING["information"])


def summary(item, city):
    """The CAP elements the index's Atom entries carry, as (name, text) pairs in the NWS's order."""
    category, event, urgency, severity, certainty = _mapped(item)
    pairs = [
        ("event", event),
        ("effective", cap_time(item.alert.starts_at)),
        ("onset", cap_time(item.alert.starts_at)),
    ]
    if item.alert.ends_at:
        pairs.append(("expires", cap_time(item.alert.ends_at)))
    pairs += [
        ("status", "Actual"),
        ("msgType", "Update" if item.details.earlier else "Alert"),
        ("category", category),
        ("urgency", urgency),
        ("severity", severity),
        ("certainty", certainty),
        ("areaDesc", area_description(item, city)),
    ]
    return pairs


def document(item, request, city):
    """The CAP 1.2 ``<alert>`` for ``item`` (a ``feeds.Relayed``), as UTF-8 bytes."""
    alert, details = item.alert, item.details
    category, event, urgency, severity, certainty = _mapped(item)
    out = io.StringIO()
    xml = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    xml.startDocument()
    xml.startElement("alert", {"xmlns": NAMESPACE})
    xml.addQuickElement("identifier", identifier(item))
    xml.addQuickElement("sender", feeds.sender())
    xml.addQuickElement("sent", cap_time(details.version.published_at))
    xml.addQuickElement("status", "Actual")
    xml.addQuickElement("msgType", "Update" if details.earlier else "Alert")
    xml.addQuickElement("scope", "Public")
    if details.earlier:
        xml.addQuickElement("note", "Replaces the earlier version of this alert.")
        xml.addQuickElement("references", references(item))

    xml.startElement("info", {})
    xml.addQuickElement("language", "en-US")
    xml.addQuickElement("category", category)
    xml.addQuickElement("event", event)
    xml.addQuickElement("urgency", urgency)
    xml.addQuickElement("severity", severity)
    xml.addQuickElement("certainty", certainty)
    xml.addQuickElement("effective", cap_time(alert.starts_at))
    xml.addQuickElement("onset", cap_time(alert.starts_at))
    if alert.ends_at:
        xml.addQuickElement("expires", cap_time(alert.ends_at))
    xml.addQuickElement("senderName", city)
    xml.addQuickElement("headline", Truncator(alert.title).chars(HEADLINE_LENGTH - 1))
    xml.addQuickElement("description", alert.message)
    xml.addQuickElement("web", alert.link_url or feeds.page_url(request, item))
    if alert.hotlines:
        xml.addQuickElement("contact", feeds.hotline_text(alert))
    xml.startElement("area", {})
    xml.addQuickElement("areaDesc", area_description(item, city))
    xml.endElement("area")
    xml.endElement("info")

    xml.endElement("alert")
    return out.getvalue().encode("utf-8")


class CapIndexGenerator(feeds.AtomGenerator):
    """Atom whose entries carry the CAP summary elements, as the National Weather Service's index does."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:cap": "urn:oasis:names:tc:emergency:cap:1.2"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, value in item["cap"]:
            handler.addQuickElement(f"cap:{name}", value)


class CapIndexFeed(feeds.AlertsAtomFeed):
    """The index of CAP documents: one Atom entry per alert showing now, linking to its CAP 1.2 document."""

    feed_type = CapIndexGenerator

    def title(self):
        return f"{self.city}: current alerts (CAP 1.2)"

    def item_link(self, item):
        return feeds.cap_url(self.request, item)

    def item_extra_kwargs(self, item):
        return {"cap": summary(item, self.city)}
