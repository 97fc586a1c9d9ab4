"""The events index's date-range filter and its month calendar (events/dates.py, events/models.py).

Days are the city's days (America/Chicago): a filter or a month starts at local midnight, also
across a daylight-saving change, and an event shows on every day it touches. Bad dates in the
query string are reported next to their field and ignored, never a 500; months outside
1900–2200 are 404s. The month page costs the same few queries whatever the number of events.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from departments.models import DepartmentPage
from events import dates
from events.models import EventPage
from tests.city_time import CHICAGO, first_sunday_of_november, local, next_year
from tests.conftest import add_child
from tests.test_pages_render import assert_no_inline_code

#: The most queries a month page may take once the per-site caches are warm: the site, the view
#: restrictions (twice: Wagtail's own check and ``.public()``), the index page, the department
#: filter, the topic filter's tag list, and the month's events (one query, however many).
MONTH_QUERIES = 10

pytestmark = [pytest.mark.shared_tree, pytest.mark.django_db]


@pytest.fixture(scope="module")
def events(department_once, city_once, django_db_blocker):
    """Parks events next year: around the November DST change, over midnight, over days, canceled."""
    year = next_year()
    sunday = first_sunday_of_november(year)
    with django_db_blocker.unblock():
        parks = add_child(city_once["departments"], DepartmentPage(title="Parks", slug="parks", intro="Parks."))

        def event(slug, title, start, end, **fields):
            return add_child(parks, EventPage(title=title, slug=slug, start=start, end=end, summary=title, **fields))

        made = {
            "parks": parks,
            "year": year,
            "sunday": sunday,
            "before": event(
                "council-before",
                "Council before the change",
                local(year, 11, 1, 18) - datetime.timedelta(days=7),
                local(year, 11, 1, 20) - datetime.timedelta(days=7),
            ),
            "after": event(
                "council-after",
                "Council after the change",
                datetime.datetime.combine(sunday + datetime.timedelta(days=3), datetime.time(18), CHICAGO),
                datetime.datetime.combine(sunday + datetime.timedelta(days=3), datetime.time(20), CHICAGO),
            ),
            # 11 p.m. Saturday to 3 a.m. Sunday, across the hour lived twice.
            "night": event(
                "night-sky-walk",
                "Night sky walk",
                datetime.datetime.combine(sunday - datetime.timedelta(days=1), datetime.time(23), CHICAGO),
                datetime.datetime.combine(sunday, datetime.time(3), CHICAGO),
            ),
            # Ends exactly at midnight: on the 20th only.
            "late": event("late-swim", "Late swim", local(year, 7, 20, 21), local(year, 7, 21, 0)),
            "fair": event("summer-fair", "Summer fair", local(year, 7, 30, 0), local(year, 8, 2, 23, 59), all_day=True),
            "canceled": event(
                "pool-party", "Pool party", local(year, 7, 10, 12), local(year, 7, 10, 15), canceled=True
            ),
            # 10 p.m. on June 30th to 1 a.m. on July 1st: on both months' pages.
            "crossing": event("june-night", "June night concert", local(year, 6, 30, 22), local(year, 7, 1, 1)),
        }
        made["canceled"].tags.add("Summer")
        made["canceled"].save_revision().publish()
        made["fair"].tags.add("Summer")
        made["fair"].save_revision().publish()
        return made


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return response.content.decode()


def cell(html, day):
    """The month table's cell for ``day`` (a date), as HTML."""
    match = re.search(
        r'<td class="month__day[^"]*"[^>]*>\s*<span class="month__date"><time datetime="'
        + day.isoformat()
        + r'">.*?</td>',
        html,
        re.S,
    )
    assert match, f"no cell for {day}"
    return match.group(0)


def titles(html):
    """Event titles listed in the list view, in order."""
    return re.findall(r'<h3 class="listing__title"><a href="[^"]+">([^<]+)</a>', html)


# ---------- the date-range parser ----------


@pytest.mark.parametrize(
    "raw",
    [
        "2026-13-45",
        "2026-02-30",
        "0000-01-01",
        "99999-01-01",
        "1899-12-31",
        "2201-01-01",
        "２０２６-０１-０１",  # full-width digits
        "٢٠٢٦-٠١-٠١",  # Arabic-Indic digits
        "2026-1-1",
        "<script>alert(1)</script>",
        "x" * 5000,
        "2026-01-01T00:00",
        " 2026-01-01",
        "2026-01-01\n",
    ],
)
def test_parse_day_refuses_malformed_and_out_of_range_dates(raw):
    day, message = dates.parse_day(raw)
    assert day is None and message


def test_date_range_refuses_an_end_before_its_start_and_ranges_over_two_years():
    backwards = dates.date_range("2027-05-10", "2027-05-01")
    assert backwards.start == datetime.date(2027, 5, 10) and backwards.end is None
    assert "on or after" in backwards.errors["to"]
    too_long = dates.date_range("2026-01-01", "2028-01-02")
    assert too_long.end is None and "two years" in too_long.errors["to"]
    two_years = dates.date_range("2026-01-01", "2027-12-31")
    assert two_years.errors == {} and two_years.end == datetime.date(2027, 12, 31)


def test_month_grid_puts_multi_day_and_midnight_events_on_each_day(events):
    year = events["year"]
    july = dates.month_grid(year, 7, [events["late"], events["fair"], events["crossing"]])
    days = {day.date: [(e.event.slug, e.part) for e in day.entries] for week in july for day in week}
    assert days[datetime.date(year, 7, 1)] == [("june-night", "end")]
    assert days[datetime.date(year, 7, 20)] == [("late-swim", "start")]
    assert days[datetime.date(year, 7, 21)] == []  # ends at midnight: not on the 21st
    assert [d for d, entries in days.items() if ("summer-fair", "start") in entries] == [
        datetime.date(year, 7, 30),
        datetime.date(year, 7, 31),
    ]  # August's days are not July's
    assert all(len(week) == 7 for week in july)
    assert july[0][0].date.weekday() == 6  # weeks start on Sunday


# ---------- the list view's date filter ----------


def test_date_range_narrows_the_list_and_combines_with_department_and_topic(client, events):
    year = events["year"]
    html = get(client, "/events/", **{"from": f"{year}-07-01", "to": f"{year}-07-31"})
    assert titles(html) == ["June night concert", "Pool party", "Late swim", "Summer fair"]
    assert f'value="{year}-07-01"' in html and f'value="{year}-07-31"' in html
    html = get(client, "/events/", **{"from": f"{year}-07-01", "to": f"{year}-07-31", "topic": "summer"})
    assert titles(html) == ["Pool party", "Summer fair"]
    html = get(client, "/events/", **{"from": f"{year}-07-01", "department": "public-works"})
    assert titles(html) == []
    html = get(client, "/events/", **{"to": f"{year}-07-19", "from": f"{year}-07-02", "department": "parks"})
    assert titles(html) == ["Pool party"]


def test_the_range_is_inclusive_in_the_city_time_zone(client, events):
    year = events["year"]
    # The concert starts at 10 p.m. on June 30th in Jackson (3 a.m. July 1st UTC): it is on the 30th.
    html = get(client, "/events/", **{"from": f"{year}-06-30", "to": f"{year}-06-30"})
    assert titles(html) == ["June night concert"]
    # And it runs into July 1st, so a range starting then finds it too.
    html = get(client, "/events/", **{"from": f"{year}-07-01", "to": f"{year}-07-01"})
    assert titles(html) == ["June night concert"]
    # The night walk crosses the DST change; the day after it, local midnight to midnight, finds nothing of it.
    after = (events["sunday"] + datetime.timedelta(days=1)).isoformat()
    assert "Night sky walk" not in titles(get(client, "/events/", **{"from": after, "to": after}))
    sunday = events["sunday"].isoformat()
    assert titles(get(client, "/events/", **{"from": sunday, "to": sunday})) == ["Night sky walk"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-13-45"}, "from"),
        ({"from": "0000-01-01"}, "from"),
        ({"to": "99999-01-01"}, "to"),
        ({"from": "２０２６-０１-０１"}, "from"),
        ({"from": '"><script>alert(1)</script>'}, "from"),
        ({"to": "x" * 5000}, "to"),
        ({"from": "2027-05-10", "to": "2027-05-01"}, "to"),
        ({"from": "2026-01-01", "to": "2030-01-01"}, "to"),
    ],
)
def test_bad_dates_are_reported_next_to_the_field_and_ignored(client, events, params, field):
    response = client.get("/events/", {**params, "department": "parks", "topic": "summer"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<span class="field__error" id="filter-{field}-error">' in html
    assert re.search(rf'<input type="date" id="filter-{field}"[^>]*aria-describedby="filter-{field}-error"', html)
    assert re.search(rf'<input type="date" id="filter-{field}"[^>]*aria-invalid="true"', html)
    assert "<script>alert(1)" not in html
    # The other filters are kept: the department and topic stay selected, the list still filtered.
    assert '<option value="parks" selected>' in html
    assert 'value="summer" selected' in html
    assert titles(html) == ["Pool party", "Summer fair"]
    assert_no_inline_code(html, str(params))


def test_past_events_take_the_date_range_too(client, events):
    html = get(client, "/events/past/", **{"from": "2000-01-01", "to": "2000-12-31"})
    assert "0 past events" in html
    assert 'id="filter-from"' in html


# ---------- the month view ----------


def test_month_is_an_accessible_table(client, events):
    year = events["year"]
    html = get(client, f"/events/month/{year}-07/")
    assert "<caption" in html and f"Events in July {year}</caption>" in html
    headers = re.findall(
        r'<th scope="col"><span aria-hidden="true">(\w+)</span><span class="visually-hidden">(\w+)</span>', html
    )
    assert headers[0] == ("Sun", "Sunday") and headers[-1] == ("Sat", "Saturday") and len(headers) == 7
    pool = cell(html, datetime.date(year, 7, 10))
    assert 'href="/departments/parks/pool-party/"' in pool
    assert f'<time datetime="{year}-07-10T12:00:00-05:00">noon</time>' in pool
    assert '<span class="badge badge--danger">Canceled</span>' in pool
    for day in (30, 31):
        assert "Summer fair" in cell(html, datetime.date(year, 7, day)) and "All day" in cell(
            html, datetime.date(year, 7, day)
        )
    assert "Late swim" in cell(html, datetime.date(year, 7, 20))
    assert "Late swim" not in cell(html, datetime.date(year, 7, 21))
    first = cell(html, datetime.date(year, 7, 1))
    assert "June night concert" in first and f'Until <time datetime="{year}-07-01T01:00:00-05:00">1 a.m.' in first
    june = get(client, f"/events/month/{year}-06/")
    assert f'<time datetime="{year}-06-30T22:00:00-05:00">10 p.m.</time>' in cell(june, datetime.date(year, 6, 30))
    # The list for phones names the same days, with their weekday.
    list_part = html[html.index('<div class="month-list">') :]
    assert re.search(rf'<time datetime="{year}-07-10">\w+, July 10</time>', list_part)
    assert 'href="/departments/parks/pool-party/"' in list_part
    assert_no_inline_code(html, "month")


def test_month_crossing_the_dst_change_keeps_local_days_and_times(client, events):
    year, sunday = events["year"], events["sunday"]
    html = get(client, f"/events/month/{year}-11/")
    saturday = sunday - datetime.timedelta(days=1)
    # 11 p.m. CDT on Saturday, until 3 a.m. CST on Sunday: on both days, in local time.
    assert f'<time datetime="{saturday.isoformat()}T23:00:00-05:00">11 p.m.</time>' in cell(html, saturday)
    assert f'Until <time datetime="{sunday.isoformat()}T03:00:00-06:00">3 a.m.</time>' in cell(html, sunday)
    assert "Night sky walk" in cell(html, sunday)
    # The council meets at 6 p.m. on both sides of the change, an hour apart in UTC.
    after_day = sunday + datetime.timedelta(days=3)
    after = cell(html, after_day)
    assert "Council after the change" in after
    assert f'<time datetime="{after_day.isoformat()}T18:00:00-06:00">6 p.m.</time>' in after
    october = get(client, f"/events/month/{year}-10/")
    before = cell(october, datetime.date(year, 10, 25))
    assert f'<time datetime="{year}-10-25T18:00:00-05:00">6 p.m.</time>' in before
    # The night walk is November's only: October's page does not show it.
    assert "Night sky walk" not in october


def test_today_is_marked(client, events):
    today = timezone.localdate()
    html = get(client, "/events/month/")
    today_cell = cell(html, today)
    assert 'aria-current="date"' in today_cell and "Today" in today_cell
    assert html.count('aria-current="date"') == 1  # the table only; the phone list has no event today
    assert f"Events in {today:%B %Y}" in html


def test_previous_and_next_keep_the_filters_and_the_list_links_to_the_month(client, events):
    year = events["year"]
    html = get(client, f"/events/month/{year}-01/", department="parks", topic="summer")
    assert f'href="/events/month/{year - 1}-12/?department=parks&amp;topic=summer" rel="prev nofollow">' in html
    assert f'href="/events/month/{year}-02/?department=parks&amp;topic=summer" rel="next nofollow">' in html
    assert 'href="/events/?department=parks&amp;topic=summer"' in html  # back to the list, same filters
    assert '<option value="parks" selected>' in html
    listing = get(client, "/events/", department="parks")
    assert 'href="/events/month/?department=parks"' in listing
    # An unknown department filters nothing and is not carried along.
    html = get(client, f"/events/month/{year}-07/", department="nowhere")
    assert 'rel="next nofollow"' in html and 'department=nowhere" rel=' not in html and "Pool party" in html


def test_month_filters_by_department_and_topic(client, events):
    year = events["year"]
    html = get(client, f"/events/month/{year}-07/", topic="summer")
    assert "Pool party" in html and "Summer fair" in html and "Late swim" not in html
    html = get(client, f"/events/month/{year}-07/", department="public-works")
    assert "Pool party" not in html and "No events in July" in html


@pytest.mark.parametrize(
    "path", ["1899-12", "2201-01", "2026-13", "2026-00", "0000-01", "99999-01", "2026-1", "２０２６-０１", "abc"]
)
def test_months_out_of_range_are_404(client, events, path):
    assert client.get(f"/events/month/{path}/").status_code == 404


def test_edge_months_have_no_links_beyond_them(client, events):
    assert 'rel="prev' not in get(client, "/events/month/1900-01/")
    assert 'rel="next' not in get(client, "/events/month/2200-12/")


def test_month_costs_the_same_queries_whatever_the_number_of_events(client, events):
    """One query for the month's events; adding events adds no queries (no per-event look-ups)."""
    year = events["year"]
    url = f"/events/month/{year}-07/?topic=summer&department=parks"

    def count():
        for _ in range(2):  # warm the per-site caches (site root paths, navigation, settings), as a server has them
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return [q["sql"] for q in queries.captured_queries]

    before = count()
    for day in range(11, 19):
        page = add_child(
            events["parks"],
            EventPage(
                title=f"Summer camp {day}",
                slug=f"summer-camp-{day}",
                start=local(year, 7, day, 9),
                end=local(year, 7, day + 1, 15),
                summary="Camp.",
            ),
        )
        page.tags.add("Summer")
        page.save_revision().publish()
    after = count()
    assert get(client, url).count("Summer camp") >= 16
    assert len(after) == len(before), "\n".join(after)
    event_queries = [q for q in after if 'FROM "events_eventpage"' in q]
    assert len(event_queries) == 1, "\n".join(event_queries)
    assert len(after) <= MONTH_QUERIES, "\n".join(after)
