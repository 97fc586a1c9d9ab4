"""Repeating events: one page with a rule, listed on each of its dates, in every listing and feed.

The Council meets the 1st and 3rd Tuesday at 6 p.m. from October to December next year, across
the November daylight-saving change; one date is canceled (still listed, marked), one moved to the
Wednesday, one skipped (not listed at all). What the site lists, the calendar file gives once a
calendar app (``recurring-ical-events``) expands it.
"""

import datetime
import json

import pytest
import recurring_ical_events
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from events import recurrence
from events.models import EventDateChange, EventOccurrence, EventPage
from tests.city_time import CHICAGO, local, next_year
from tests.conftest import add_child

pytestmark = [pytest.mark.shared_tree, pytest.mark.django_db]

YEAR = next_year()


def tuesdays(month, *weeks):
    """The ``weeks``-th Tuesdays (1-based) of ``month`` next year."""
    days = [datetime.date(YEAR, month, d) for d in range(1, 29) if datetime.date(YEAR, month, d).weekday() == 1]
    return [days[week - 1] for week in weeks]


#: The rule's dates: 1st and 3rd Tuesdays of October, November and December.
SCHEDULED = [day for month in (10, 11, 12) for day in tuesdays(month, 1, 3)]
CANCELED_DAY, MOVED_DAY, SKIPPED_DAY = SCHEDULED[1], SCHEDULED[3], SCHEDULED[4]


@pytest.fixture(scope="module")
def council(department_once, django_db_blocker):
    with django_db_blocker.unblock():
        meeting = EventPage(
            title="Council regular meeting",
            slug="council-regular-meeting",
            start=local(YEAR, 10, SCHEDULED[0].day, 18, 0),
            end=local(YEAR, 10, SCHEDULED[0].day, 20, 0),
            summary="The Council's regular meeting.",
            venue_name="City Hall",
            repeat=recurrence.MONTHLY,
            repeat_days="TU",
            repeat_weeks="1,3",
            repeat_until=datetime.date(YEAR, 12, 31),
        )
        meeting.date_changes = [
            EventDateChange(date=CANCELED_DAY, change=EventDateChange.CANCELED, note="No quorum."),
            EventDateChange(
                date=MOVED_DAY,
                change=EventDateChange.MOVED,
                new_start=datetime.datetime.combine(MOVED_DAY + datetime.timedelta(days=1), datetime.time(18), CHICAGO),
                note="Moved for Election Day.",
            ),
            EventDateChange(date=SKIPPED_DAY, change=EventDateChange.SKIPPED),
        ]
        add_child(department_once["department"], meeting)
        monday = next(d for d in range(1, 8) if datetime.date(YEAR, 10, d).weekday() == 0)
        yoga = EventPage(
            title="Chair yoga",
            slug="chair-yoga",
            start=local(YEAR, 10, monday, 10, 0),
            end=local(YEAR, 10, monday, 11, 0),
            summary="Gentle yoga.",
            repeat=recurrence.WEEKLY,
            repeat_days="MO,TH",
            repeat_count=6,
        )
        add_child(department_once["department"], yoga)
        return {"meeting": meeting, "yoga": yoga}


def local_times(occurrences):
    return [timezone.localtime(o.start) for o in occurrences]


# ---------- the rule and its dates ----------


def test_the_rule_gives_its_dates_at_6pm_local_on_both_sides_of_the_dst_change(council):
    dates = list(EventOccurrence.objects.filter(page=council["meeting"]))
    listed = [timezone.localtime(o.scheduled).date() for o in dates]
    assert listed == [day for day in SCHEDULED if day != SKIPPED_DAY]
    for occurrence in dates:
        if occurrence.status != EventOccurrence.MOVED:
            local_start = timezone.localtime(occurrence.start)
            assert (local_start.hour, local_start.minute) == (18, 0)
            assert occurrence.end - occurrence.start == datetime.timedelta(hours=2)
    offsets = {timezone.localtime(o.start).utcoffset() for o in dates}
    assert offsets == {datetime.timedelta(hours=-5), datetime.timedelta(hours=-6)}, "CDT then CST"


def test_canceled_and_moved_dates_are_stored_as_such(council):
    by_day = {o.day: o for o in EventOccurrence.objects.filter(page=council["meeting"])}
    assert by_day[CANCELED_DAY].status == EventOccurrence.CANCELED and by_day[CANCELED_DAY].canceled
    moved = by_day[MOVED_DAY]
    assert moved.status == EventOccurrence.MOVED and moved.moved
    assert timezone.localtime(moved.start).date() == MOVED_DAY + datetime.timedelta(days=1)
    assert moved.end - moved.start == datetime.timedelta(hours=2), "a moved date keeps its length"
    assert SKIPPED_DAY not in by_day
    page = EventPage.objects.get(pk=council["meeting"].pk)
    assert page.last_end == max(o.end for o in by_day.values())


def test_weekly_on_two_days_with_a_count(council):
    starts = local_times(EventOccurrence.objects.filter(page=council["yoga"]))
    assert [s.strftime("%a %H:%M") for s in starts] == ["Mon 10:00", "Thu 10:00"] * 3
    assert council["yoga"].repeats == "Every week on Monday and Thursday, 6 times"


def test_the_rule_in_words():
    rule = recurrence.Rule(recurrence.MONTHLY, days=("TU",), weeks=(1, 3), until=datetime.date(2027, 6, 15))
    first = datetime.datetime(2027, 1, 5, 18)
    assert rule.describe(first) == "Every 1st and 3rd Tuesday of the month, until June 15, 2027"
    last_friday = recurrence.Rule(recurrence.MONTHLY, days=("FR",), weeks=(-1,), interval=2, count=4)
    assert last_friday.describe(datetime.datetime(2027, 1, 29, 9)) == "Every last Friday of every 2 months, 4 times"
    by_date = recurrence.Rule(recurrence.MONTHLY, count=3)
    assert by_date.describe(datetime.datetime(2027, 1, 15, 9)) == "On day 15 of the month, 3 times"


def test_a_draft_does_not_change_the_published_dates(council):
    page = EventPage.objects.get(pk=council["yoga"].pk)
    before = list(EventOccurrence.objects.filter(page=page).values_list("start", flat=True))
    page.repeat_count = 2
    page.save_revision()
    assert list(EventOccurrence.objects.filter(page=page).values_list("start", flat=True)) == before


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"repeat_until": None, "repeat_count": None}, "repeat_until"),
        ({"repeat_count": 4}, "repeat_count"),  # both an end date and a count
        ({"repeat_until": datetime.date(YEAR - 1, 1, 1)}, "repeat_until"),
        ({"repeat_until": datetime.date(YEAR + 9, 1, 1)}, "repeat_until"),
        ({"repeat_until": None, "repeat_count": 10_000}, "repeat_count"),
        ({"repeat_weeks": "2,4"}, "repeat_weeks"),  # the first date is a 1st Tuesday
        ({"repeat_days": ""}, "repeat_days"),
    ],
)
def test_a_rule_that_cannot_work_gets_a_clear_message(council, changes, field):
    page = EventPage.objects.get(pk=council["meeting"].pk)
    for name, value in changes.items():
        setattr(page, name, value)
    with pytest.raises(ValidationError) as raised:
        page.clean()
    assert field in raised.value.message_dict, raised.value.message_dict


# ---------- listings ----------


def test_the_events_index_lists_each_date_marked(client, council):
    html = client.get(f"/events/?from={YEAR}-10-01&to={YEAR}-12-31").content.decode()
    assert html.count(">Council regular meeting</a>") == len(SCHEDULED) - 1
    meeting_url = council["meeting"].url
    assert f'href="{meeting_url}{CANCELED_DAY.isoformat()}/"' in html
    assert "Canceled</span> No quorum." in html
    assert "New time</span> Moved for Election Day." in html
    assert f"{SKIPPED_DAY:%B} {SKIPPED_DAY.day}, {YEAR}, 6:00" not in html


def test_the_home_page_shows_a_repeating_event_once(client, city, council):
    html = client.get("/").content.decode()
    assert html.count(">Chair yoga</a>") == 1


def test_the_month_calendar_shows_every_date(client, council):
    html = client.get(f"/events/month/{YEAR}-11/").content.decode()
    november = [day for day in SCHEDULED if day.month == 11 and day != SKIPPED_DAY]
    for day in november:
        assert f'href="{council["meeting"].url}{day.isoformat()}/"' in html


def test_each_date_has_a_page_and_other_dates_are_not_found(client, council):
    url = council["meeting"].url
    canceled = client.get(f"{url}{CANCELED_DAY.isoformat()}/")
    assert canceled.status_code == 200
    assert "This date has been canceled." in canceled.content.decode()
    moved = client.get(f"{url}{MOVED_DAY.isoformat()}/").content.decode()
    assert "This date has a new time:" in moved
    assert client.get(f"{url}{SKIPPED_DAY.isoformat()}/").status_code == 404
    assert client.get(f"{url}{(SCHEDULED[0] + datetime.timedelta(days=1)).isoformat()}/").status_code == 404
    for hostile in ("9999-99-99/", "2027-02-30/", "%3Cscript%3E/", "0000-00-00/"):
        assert client.get(f"{url}{hostile}").status_code == 404
    # A single event has no date pages.
    assert client.get(f"/departments/public-works/spring-cleanup-day/{SCHEDULED[0].isoformat()}/").status_code == 404


def test_the_event_page_lists_its_upcoming_dates_and_the_rule(client, council):
    html = client.get(council["meeting"].url).content.decode()
    assert "Every 1st and 3rd Tuesday of the month, until December 31" in html
    assert 'id="event-dates-heading">Upcoming dates' in html
    assert html.count('<li class="is-canceled">') == 1


def test_search_shows_the_next_date_of_a_repeating_event(client, council):
    html = client.get("/search/?q=Council+regular+meeting").content.decode()
    first = SCHEDULED[0]
    assert f"{first:%A, %B} {first.day}, {YEAR}" in html
    assert "Every 1st and 3rd Tuesday of the month" in html


# ---------- calendar files ----------


def test_the_calendar_file_has_the_rule_and_expands_to_the_dates_the_site_shows(client, council):
    response = client.get(f"{council['meeting'].url}event.ics")
    body = response.content.decode()
    assert "RRULE:FREQ=MONTHLY;" in body and "BYDAY=1TU,3TU" in body
    assert f"EXDATE;TZID=America/Chicago:{SKIPPED_DAY:%Y%m%d}T180000" in body
    cal = Calendar.from_ical(response.content)
    expanded = recurring_ical_events.of(cal).between(datetime.date(YEAR, 1, 1), datetime.date(YEAR + 1, 1, 1))
    from_calendar = sorted((e["DTSTART"].dt, str(e.get("STATUS"))) for e in expanded)
    site = sorted(
        (timezone.localtime(o.start), "CANCELLED" if o.canceled else "CONFIRMED")
        for o in EventOccurrence.objects.filter(page=council["meeting"]).select_related("page")
    )
    assert [(start.astimezone(CHICAGO), status) for start, status in from_calendar] == site
    assert {(s.hour, s.minute) for s, _ in from_calendar if s.date() != MOVED_DAY + datetime.timedelta(days=1)} == {
        (18, 0)
    }, "6 p.m. local on both sides of the DST change"


def test_changed_dates_are_overrides_with_a_recurrence_id(client, council):
    cal = Calendar.from_ical(client.get(f"{council['meeting'].url}event.ics").content)
    events = cal.walk("VEVENT")
    uids = {str(e["UID"]) for e in events}
    assert len(uids) == 1
    overrides = {e["RECURRENCE-ID"].dt.date(): e for e in events if "RECURRENCE-ID" in e}
    assert set(overrides) == {CANCELED_DAY, MOVED_DAY}
    assert str(overrides[CANCELED_DAY]["STATUS"]) == "CANCELLED"
    assert str(overrides[CANCELED_DAY]["SUMMARY"]).startswith("Canceled: ")
    assert overrides[MOVED_DAY]["DTSTART"].dt.date() == MOVED_DAY + datetime.timedelta(days=1)
    assert str(overrides[MOVED_DAY]["URL"]).endswith(f"/{MOVED_DAY.isoformat()}/")


def test_the_city_calendar_lists_a_repeating_event_once_with_its_rule(client, council):
    cal = Calendar.from_ical(client.get("/events/calendar.ics").content)
    masters = [e for e in cal.walk("VEVENT") if "RRULE" in e]
    assert sorted(str(e["SUMMARY"]) for e in masters) == ["Chair yoga", "Council regular meeting"]
    yoga = next(e for e in masters if str(e["SUMMARY"]) == "Chair yoga")
    assert yoga["RRULE"]["COUNT"] == [6] and yoga["RRULE"]["BYDAY"] == ["MO", "TH"]


# ---------- structured data and the API ----------


def test_json_ld_has_the_schedule_and_each_date_its_status(client, council):
    def event_node(url):
        html = client.get(url).content.decode()
        start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
        data = json.loads(html[start : html.index("</script>", start)])
        nodes = data if isinstance(data, list) else data.get("@graph", [data])
        return next(node for node in nodes if node.get("@type") == "Event")

    url = council["meeting"].url
    main = event_node(url)
    schedule = main["eventSchedule"]
    assert schedule["repeatFrequency"] == "P1M" and schedule["byMonthWeek"] == [1, 3]
    assert schedule["byDay"] == ["https://schema.org/Tuesday"]
    assert schedule["startTime"] == "18:00" and schedule["scheduleTimezone"] == "America/Chicago"
    canceled = event_node(f"{url}{CANCELED_DAY.isoformat()}/")
    assert canceled["eventStatus"] == "https://schema.org/EventCancelled"
    moved = event_node(f"{url}{MOVED_DAY.isoformat()}/")
    assert moved["eventStatus"] == "https://schema.org/EventRescheduled"
    assert moved["previousStartDate"].startswith(MOVED_DAY.isoformat())


def test_the_api_lists_each_date_and_the_page_its_upcoming_dates(client, council):
    listed = client.get(f"/api/v1/events/?from={YEAR}-10-01&to={YEAR}-12-31&limit=100").json()
    meetings = [item for item in listed["items"] if item["id"] == council["meeting"].pk]
    assert len(meetings) == len(SCHEDULED) - 1
    statuses = [item["status"] for item in meetings]
    assert statuses.count("canceled") == 1 and statuses.count("moved") == 1
    assert all(item["date_url"].startswith(item["url"]) and item["date_url"] != item["url"] for item in meetings)
    assert meetings[0]["repeats"].startswith("Every 1st and 3rd Tuesday")
    detail = client.get(f"/api/v1/pages/{council['meeting'].pk}/").json()
    assert len(detail["upcoming_dates"]) == len(SCHEDULED) - 1
    assert detail["start"] == meetings[0]["start"]


# ---------- the admin form ----------


def _edit_form(admin_client, page):
    from django.urls import reverse

    from tests.admin_form_helpers import _multipart, form_data

    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = admin_client.get(url).content.decode()
    return url, dict(_multipart(form_data(html, "page-edit-form")))


def test_the_admin_form_shows_the_rule_as_check_boxes_and_saves_it_unchanged(admin_client, council):
    url, data = _edit_form(admin_client, council["meeting"])
    assert data["repeat_days"] == ["TU"] and data["repeat_weeks"] == ["1", "3"]
    assert data["date_changes-TOTAL_FORMS"] == ["3"]
    data["action-publish"] = ["publish"]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert EventOccurrence.objects.filter(page=council["meeting"]).count() == len(SCHEDULED) - 1


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("date_changes-0-date", (SCHEDULED[0] + datetime.timedelta(days=1)).isoformat(), "The event does not repeat"),
        ("date_changes-0-date", "<script>alert(1)</script>", "Enter a valid date"),
        ("repeat_days", "XX", "Select a valid choice"),
        ("repeat_weeks", "<b>7</b>", "Select a valid choice"),
        ("repeat_interval", "99", "less than or equal to 12"),
        ("repeat_count", "9" * 30, "Ensure this value is less than or equal to"),
    ],
)
def test_the_admin_form_refuses_bad_input_with_a_message_and_keeps_the_dates(
    admin_client, council, field, value, message
):
    before = list(EventOccurrence.objects.filter(page=council["meeting"]).values_list("start", "status"))
    url, data = _edit_form(admin_client, council["meeting"])
    data[field] = [value]
    data["action-publish"] = ["publish"]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(EventOccurrence.objects.filter(page=council["meeting"]).values_list("start", "status")) == before


def test_a_moved_date_needs_its_new_time(admin_client, council):
    url, data = _edit_form(admin_client, council["meeting"])
    moved = next(i for i in range(3) if data[f"date_changes-{i}-change"] == ["moved"])
    data[f"date_changes-{moved}-new_start"] = [""]
    data["action-publish"] = ["publish"]
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Say when the date moves to." in response.content.decode()


def test_publishing_a_repeating_event_purges_its_months_and_its_date_pages(council):
    from events.dates import months_spanned

    page = EventPage.objects.get(pk=council["meeting"].pk)
    assert months_spanned(page) == [f"{YEAR}-10", f"{YEAR}-11", f"{YEAR}-12"]
    paths = page.get_cached_paths()
    assert {"/", "/event.ics", f"/{CANCELED_DAY.isoformat()}/", f"/{MOVED_DAY.isoformat()}/"} <= set(paths)
    assert f"/{SKIPPED_DAY.isoformat()}/" not in paths


def test_the_migration_gives_every_existing_event_its_one_date(department):
    """Events published before repeating events had no date rows: the migration writes them."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("events.migrations.0005_repeating_events")
    event = department["event"]
    EventOccurrence.objects.filter(page=event).delete()
    EventPage.objects.filter(pk=event.pk).update(last_end=None)
    migration.dates_of_existing_events(apps, None)
    (occurrence,) = EventOccurrence.objects.filter(page=event)
    assert (occurrence.start, occurrence.end, occurrence.scheduled) == (event.start, event.end, event.start)
    assert EventPage.objects.get(pk=event.pk).last_end == event.end
