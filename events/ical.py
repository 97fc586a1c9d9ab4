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

A repeating event (events/recurrence.py) is one master ``VEVENT`` whose ``DTSTART`` is its first
date, with the page's rule as an ``RRULE`` and its skipped dates as ``EXDATE``; each canceled or
moved date is one more ``VEVENT`` with the same ``UID`` and a ``RECURRENCE-ID`` (RFC 5545
§3.8.4.4): ``STATUS:CANCELLED`` for a canceled date, which the site still lists as canceled, and
the new ``DTSTART``/``DTEND`` for a moved one. Expanded by a calendar app (or
``recurring-ical-events``), that gives the dates the site shows.
"""

import datetime
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
    _add_span(component, event.start, event.end, event.all_day)


def _add_span(component, start, end, all_day):
    if all_day:
        first = timezone.localtime(start).date()
        last = timezone.localtime(end).date()
        component.add("dtstart", first)
        component.add("dtend", max(last, first) + timedelta(days=1))
    else:
        # Local wall-clock times with the city's zone: icalendar writes TZID=<zone>.
        component.add("dtstart", timezone.localtime(start))
        component.add("dtend", timezone.localtime(end))


def _local_value(moment, all_day):
    """A DATE for an all-day event, else the city's wall-clock time with its zone (written with TZID)."""
    local = timezone.localtime(moment)
    return local.date() if all_day else local


def _add_recurrence(component, event):
    """RRULE and EXDATE for a repeating event; nothing for a single one."""
    rule = event.rule
    if rule is None:
        return
    first = timezone.localtime(event.start).replace(tzinfo=None)
    component.add("rrule", rule.ical(first, event.all_day))
    skipped = [change.date for change in event.date_changes.all() if change.change == "skipped"]
    for day in sorted(skipped):
        moment = timezone.make_aware(datetime.datetime.combine(day, first.time()))
        component.add("exdate", _local_value(moment, event.all_day))


def changed_dates(event, *, domain, base):
    """One ``VEVENT`` per canceled or moved date of a repeating event, overriding what the rule gives."""
    if not event.repeat:
        return
    title = one_line(event.title)
    for occurrence in sorted(event.occurrences.all(), key=lambda o: (o.scheduled, o.pk)):
        if occurrence.status == occurrence.SCHEDULED:
            continue
        component = Event()
        component.add("uid", event_uid(event, domain))
        component.add("recurrence-id", _local_value(occurrence.scheduled, event.all_day))
        component.add("dtstamp", (event.last_published_at or timezone.now()).astimezone(UTC))
        _add_span(component, occurrence.start, occurrence.end, event.all_day)
        canceled = occurrence.status == occurrence.CANCELED or event.canceled
        component.add("summary", f"Canceled: {title}" if canceled else title)
        description = " ".join(part for part in (occurrence.note, event.summary) if part)
        if description:
            component.add("description", description)
        location = _location(event)
        if location:
            component.add("location", location)
        component.add("url", public_url(event.get_url() + occurrence.path_suffix, base))
        component.add("status", "CANCELLED" if canceled else "CONFIRMED")
        yield component


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
    """Every calendar component one event page contributes: its ``VEVENT``, and one per changed date."""
    yield master_component(event, domain=domain, base=base)
    yield from changed_dates(event, domain=domain, base=base)


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
