"""iCalendar (RFC 5545) files of the city's events, written by the ``icalendar`` package.

Two kinds of file (``events.models``):

- "Add to calendar" for one event: ``<event URL>event.ics``;
- subscribable calendars (``webcal://``) for the whole city, a department or a topic:
  ``/events/calendar.ics`` with the events listing's ``?department=`` and ``?topic=``.

Times are written in the city's zone (``settings.TIME_ZONE``) with ``TZID`` and a ``VTIMEZONE``
(``Calendar.add_missing_timezones``), so a 6 p.m. meeting stays at 6 p.m. local time on both sides
of a daylight-saving change, and a calendar app in another zone still converts correctly. All-day
events are ``DATE`` values, ending the day after their last day (RFC 5545 §3.6.1).

The ``UID`` is ``event-<page id>@<domain>``: stable for the page's life and the same in every file,
so subscribing to the city and to a department never shows an event twice, and editing an event
updates it in place. The domain is ``ICAL_UID_DOMAIN``, else the public host
(``core.public_url``), never the request's ``Host`` header.

Recurring events (later): ``components_for`` is where one page becomes its calendar components —
the master ``VEVENT`` with ``RRULE``/``EXDATE`` (``_add_recurrence``) and one more ``VEVENT`` per
moved or canceled occurrence, with the same ``UID`` and a ``RECURRENCE-ID``.
"""

from datetime import UTC, timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText

from core.public_url import public_base_url, public_host, public_url

PRODID = "-//Jackson city CMS//Events//EN"


def uid_domain():
    return settings.ICAL_UID_DOMAIN or public_host()


def event_uid(event, domain):
    return f"event-{event.pk}@{domain}"


def one_line(text):
    """A name on one line: calendar apps show SUMMARY and the calendar's name as a single line."""
    return " ".join(str(text).split())


def _location(event):
    address = " ".join(event.venue_address.split())
    return ", ".join(part for part in (event.venue_name, address) if part)


def _add_when(component, event):
    if event.all_day:
        first = timezone.localtime(event.start).date()
        last = timezone.localtime(event.end).date()
        component.add("dtstart", first)
        component.add("dtend", max(last, first) + timedelta(days=1))
    else:
        # Local wall-clock times with the city's zone: icalendar writes TZID=<zone>.
        component.add("dtstart", timezone.localtime(event.start))
        component.add("dtend", timezone.localtime(event.end))


def _add_recurrence(component, event):
    """RRULE and EXDATE for a recurring event; none yet (single events only)."""


def master_component(event, *, domain, base):
    """The ``VEVENT`` of one event page."""
    component = Event()
    component.add("uid", event_uid(event, domain))
    component.add("dtstamp", (event.last_published_at or event.first_published_at or timezone.now()).astimezone(UTC))
    if event.last_published_at:
        component.add("last-modified", event.last_published_at.astimezone(UTC))
    _add_when(component, event)
    title = one_line(event.title)
    component.add("summary", f"Canceled: {title}" if event.canceled else title)
    if event.summary:
        component.add("description", event.summary)
    location = _location(event)
    if location:
        component.add("location", location)
    component.add("url", public_url(event.get_url(), base))
    component.add("status", "CANCELLED" if event.canceled else "CONFIRMED")
    _add_recurrence(component, event)
    return component


def components_for(event, *, domain, base):
    """Every calendar component one event page contributes (for now, its one ``VEVENT``)."""
    yield master_component(event, domain=domain, base=base)


def calendar_for(events, name, description=""):
    """The ``VCALENDAR`` bytes for ``events`` (event pages), named ``name`` in calendar apps."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # Non-standard X- properties are written as given unless typed: vText escapes them like NAME.
    name = one_line(name)
    calendar.add("name", vText(name))
    calendar.add("x-wr-calname", vText(name))
    calendar.add("x-wr-timezone", vText(settings.TIME_ZONE))
    if description:
        calendar.add("x-wr-caldesc", vText(description))
    # How often a subscribed app should look again (RFC 7986; and the older Apple/Microsoft name).
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    domain, base = uid_domain(), public_base_url()
    for event in events:
        for component in components_for(event, domain=domain, base=base):
            calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()
