"""Calendar files: written by ``icalendar``, read back by it, expanded by ``recurring-ical-events``.

What a calendar app shows must be what the site shows: the same local times in the city's zone
(with a VTIMEZONE, so a DST change moves nothing), the same dates for all-day events, canceled
events marked CANCELLED, and one stable UID per event whoever asks and on whichever host.
"""

import datetime
import re

import pytest
import recurring_ical_events
from django.test import Client, override_settings
from icalendar import Calendar, vText

from departments.models import DepartmentPage
from events.models import EventPage
from tests.city_time import CHICAGO, first_sunday_of_november, local, next_year
from tests.conftest import add_child

pytestmark = [pytest.mark.shared_tree, pytest.mark.django_db]


def six_pm(day):
    return datetime.datetime.combine(day, datetime.time(18), CHICAGO)


def eight_pm(day):
    return datetime.datetime.combine(day, datetime.time(20), CHICAGO)


@pytest.fixture(scope="module")
def events(department_once, city_once, django_db_blocker):
    """Public Works' "Spring cleanup day" (conftest) plus Parks events around the November DST change."""
    year = next_year()
    first_sunday = first_sunday_of_november(year)
    week_before, week_after = first_sunday - datetime.timedelta(days=4), first_sunday + datetime.timedelta(days=3)
    with django_db_blocker.unblock():
        parks = add_child(city_once["departments"], DepartmentPage(title="Parks", slug="parks", intro="Parks."))
        before = add_child(
            parks,
            EventPage(
                title="Council meeting (before)",
                slug="council-october",
                start=six_pm(week_before),
                end=eight_pm(week_before),
                summary="Before the clocks change.",
                venue_name="City Hall",
                venue_address="219 S President St\nJackson, MS",
            ),
        )
        after = add_child(
            parks,
            EventPage(
                title="Council meeting (after)",
                slug="council-november",
                start=six_pm(week_after),
                end=eight_pm(week_after),
                summary="After the clocks change.",
            ),
        )
        # The first Sunday of November at 2 a.m. the clocks go back; this night walk spans it.
        night = add_child(
            parks,
            EventPage(
                title="Night sky walk",
                slug="night-sky-walk",
                start=datetime.datetime.combine(
                    first_sunday - datetime.timedelta(days=1), datetime.time(23, 0), CHICAGO
                ),
                end=datetime.datetime.combine(first_sunday, datetime.time(3, 0), CHICAGO),
                summary="Watch the clocks go back.",
            ),
        )
        fair = add_child(
            parks,
            EventPage(
                title="Summer fair",
                slug="summer-fair",
                start=local(year, 7, 3, 0, 0),
                end=local(year, 7, 4, 0, 0),
                all_day=True,
                summary="Two days.",
            ),
        )
        canceled = add_child(
            parks,
            EventPage(
                title="Pool party",
                slug="pool-party",
                start=local(year, 7, 10, 12, 0),
                end=local(year, 7, 10, 15, 0),
                canceled=True,
                summary="Rained out.",
            ),
        )
        canceled.tags.add("Summer")
        canceled.save_revision().publish()
        return {
            "parks": parks,
            "before": before,
            "after": after,
            "night": night,
            "fair": fair,
            "canceled": canceled,
            "first_sunday": first_sunday,
            "week_before": week_before,
            "week_after": week_after,
        }


def calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"].startswith("text/calendar")
    return response, Calendar.from_ical(response.content)


def vevents(cal):
    return {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}


def test_city_calendar_has_a_vtimezone_and_local_times_with_tzid(client, department, events):
    response, cal = calendar(client, "/events/calendar.ics")
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["America/Chicago"]
    assert str(cal["X-WR-TIMEZONE"]) == "America/Chicago"
    body = response.content.decode()
    assert "DTSTART;TZID=America/Chicago:" in body
    assert not re.search(r"^DTSTART:\d{8}T\d{6}Z", body, re.MULTILINE)  # no UTC-only times
    found = vevents(cal)
    assert {"Spring cleanup day", "Council meeting (before)", "Night sky walk", "Summer fair"} <= set(found)
    october = found["Council meeting (before)"]
    assert october["DTSTART"].dt == six_pm(events["week_before"])
    assert october["DTSTART"].params["TZID"] == "America/Chicago"
    assert str(october["LOCATION"]) == "City Hall, 219 S President St Jackson, MS"
    assert str(october["URL"]) == "http://localhost/departments/parks/council-october/"


def test_a_dst_change_keeps_local_times(client, events):
    _, cal = calendar(client, "/events/calendar.ics?department=parks")
    found = vevents(cal)
    before, after = found["Council meeting (before)"], found["Council meeting (after)"]
    # Both at 6 p.m. in Jackson, though an hour apart in UTC.
    assert before["DTSTART"].dt.hour == after["DTSTART"].dt.hour == 18
    assert before["DTSTART"].dt.astimezone(datetime.UTC).hour == 23
    assert after["DTSTART"].dt.astimezone(datetime.UTC).hour == 0
    night = found["Night sky walk"]
    assert (night["DTSTART"].dt.hour, night["DTEND"].dt.hour) == (23, 3)
    # Five real hours: 11 p.m. CDT to 3 a.m. CST, with the hour between 1 and 2 a.m. lived twice.
    duration = night["DTEND"].dt.astimezone(datetime.UTC) - night["DTSTART"].dt.astimezone(datetime.UTC)
    assert duration == datetime.timedelta(hours=5)


def test_occurrences_expand_to_the_dates_and_times_the_site_shows(client, events):
    _, cal = calendar(client, "/events/calendar.ics?department=parks")
    year = next_year()
    occurrences = recurring_ical_events.of(cal).between(datetime.date(year, 1, 1), datetime.date(year + 1, 1, 1))
    shown = {str(o["SUMMARY"]): (o["DTSTART"].dt, o["DTEND"].dt) for o in occurrences}
    first_sunday = events["first_sunday"]
    assert shown == {
        "Council meeting (before)": (six_pm(events["week_before"]), eight_pm(events["week_before"])),
        "Council meeting (after)": (six_pm(events["week_after"]), eight_pm(events["week_after"])),
        "Night sky walk": (
            datetime.datetime.combine(first_sunday - datetime.timedelta(days=1), datetime.time(23), CHICAGO),
            datetime.datetime.combine(first_sunday, datetime.time(3), CHICAGO),
        ),
        # All day on the 3rd and the 4th: DTEND is the day after the last day.
        "Summer fair": (datetime.date(year, 7, 3), datetime.date(year, 7, 5)),
        "Canceled: Pool party": (local(year, 7, 10, 12, 0), local(year, 7, 10, 15, 0)),
    }
    # The same wall-clock time the event page shows.
    html = client.get("/departments/parks/council-november/").content.decode()
    assert "6:00" in html or "6 p.m." in html


def test_canceled_event_is_cancelled(client, events):
    _, cal = calendar(client, "/departments/parks/pool-party/event.ics")
    (event,) = cal.walk("VEVENT")
    assert str(event["STATUS"]) == "CANCELLED"
    _, cal = calendar(client, "/events/calendar.ics?department=parks")
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in cal.walk("VEVENT")}
    assert statuses["Canceled: Pool party"] == "CANCELLED"
    assert statuses["Summer fair"] == "CONFIRMED"


def test_uid_is_stable_and_never_from_the_request_host(client, events):
    pk = events["after"].pk
    uids = set()
    for host in ("localhost", "evil.example", "127.0.0.1:8000"):
        other = Client(HTTP_HOST=host)
        for url in (
            "/events/calendar.ics",
            "/events/calendar.ics?department=parks",
            "/departments/parks/council-november/event.ics",
        ):
            _, cal = calendar(other, url)
            uids |= {str(e["UID"]) for e in cal.walk("VEVENT") if "(after)" in str(e["SUMMARY"])}
    assert uids == {f"event-{pk}@localhost"}
    with override_settings(PUBLIC_BASE_URL="https://www.jacksonms.gov"):
        _, cal = calendar(client, "/departments/parks/council-november/event.ics")
        assert str(cal.walk("VEVENT")[0]["UID"]) == f"event-{pk}@www.jacksonms.gov"
        assert str(cal.walk("VEVENT")[0]["URL"]) == "https://www.jacksonms.gov/departments/parks/council-november/"
    with override_settings(ICAL_UID_DOMAIN="calendar.jacksonms.gov", PUBLIC_BASE_URL="https://new.example"):
        _, cal = calendar(client, "/departments/parks/council-november/event.ics")
        assert str(cal.walk("VEVENT")[0]["UID"]) == f"event-{pk}@calendar.jacksonms.gov"


def test_department_and_topic_calendars_hold_only_their_events(client, department, events):
    _, cal = calendar(client, "/events/calendar.ics?department=public-works")
    assert set(vevents(cal)) == {"Spring cleanup day"}
    _, cal = calendar(client, "/events/calendar.ics?topic=summer")
    assert set(vevents(cal)) == {"Canceled: Pool party"}
    assert str(cal["X-WR-CALNAME"]) == "Events about Summer"


@pytest.mark.parametrize(
    "query",
    ["department=nowhere", "topic=nothing", "department=%00", "department=" + "x" * 300, "topic=%3Cscript%3E"],
)
def test_unknown_or_hostile_calendar_filters_are_404(client, events, query):
    assert client.get(f"/events/calendar.ics?{query}").status_code == 404


def test_hostile_text_survives_in_a_calendar(client, events):
    page = EventPage.objects.get(pk=events["after"].pk)
    page.title = "Meeting; with, commas\\ and\nnewlines <script>alert(1)</script> ☃ " + "long " * 25
    page.summary = "Line one\r\nLine two; a\\b"
    page.save_revision().publish()
    _, cal = calendar(client, "/departments/parks/council-november/event.ics")
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == " ".join(page.title.split())  # one line, every character kept
    assert str(event["DESCRIPTION"]) == page.summary.replace("\r\n", "\n")
    # The parser leaves calendar-level names as written: escaped as TEXT (RFC 7986), nothing lost.
    for name in ("NAME", "X-WR-CALNAME"):
        assert cal[name].to_ical() == vText(" ".join(page.title.split())).to_ical()


def test_events_index_links_webcal_subscriptions(client, events):
    html = client.get("/events/").content.decode()
    assert 'href="webcal://localhost/events/calendar.ics"' in html
    assert '<link rel="alternate" type="text/calendar" title="Events (iCalendar)" href="/events/calendar.ics">' in html
    html = client.get("/events/?department=parks&topic=summer").content.decode()
    assert 'href="webcal://localhost/events/calendar.ics?department=parks&amp;topic=summer"' in html
    with override_settings(PUBLIC_BASE_URL="https://www.jacksonms.gov"):
        html = Client(HTTP_HOST="evil.example").get("/events/").content.decode()
    assert 'href="webcal://www.jacksonms.gov/events/calendar.ics"' in html


def test_department_page_links_its_calendar(client, events):
    html = client.get("/departments/parks/").content.decode()
    assert 'href="webcal://localhost/events/calendar.ics?department=parks"' in html
    assert (
        'type="text/calendar" title="Events from Parks (iCalendar)" href="/events/calendar.ics?department=parks"'
        in html
    )
    _, cal = calendar(client, "/events/calendar.ics?department=parks")
    assert len(cal.walk("VEVENT")) == 5
