"""How many SQL queries one page's detail costs in the API (``/api/v1/pages/{id}/``), on the demo city.

The API keeps no answer of its own on the server (``API_CACHE_SECONDS`` is the max-age it sends
a CDN), so every request builds the page afresh: these are what every API client pays. As in
tests/test_query_counts.py, each URL is requested once to warm what every request shares (the
site and city settings, the departments, the private sections, all kept under the content
version) and then counted, with a query string nobody asked before. bench/api.py measures the
time; the counts are exact, so a new query per request fails here (the failure lists them).
"""

import pytest
from django.test import override_settings

from departments.models import DepartmentPage, ServicePage
from events.models import EventPage
from news.models import NewsPage
from tests.test_query_counts import counted, listing

pytestmark = pytest.mark.django_db

#: Every page's detail starts with:
#: 1. the Page row by id (its visibility then judged without a query: live, unexpired, in the
#:    site, and in no private section, which are kept);
#: 2. its specific row (the page type's own fields).
#: Its owning department and the department's address come from the kept departments.
COMMON = 2

#: Department (City Council): 1-2, nothing else: its services, contacts, FAQs and forms are one
#: query, kept under the content version like the site's department listings (their expiry dates
#: judged when read).
DEPARTMENT_QUERIES = COMMON

#: News story with an image: 1-2; 3. its topic tags; 4. its image; 5. its renditions at the three
#: sizes, in one query (read from the database rather than from Wagtail's rendition cache, which
#: ``get_rendition`` writes back on every call: three cache writes a request).
NEWS_QUERIES = COMMON + 3

#: Event: 1-2; 3. its topic tags.
EVENT_QUERIES = COMMON + 1
#: Repeating event (the Council's meetings): the same, and 4. its dates, in one query whatever their number.
REPEATING_EVENT_QUERIES = COMMON + 2

#: Service ("Apply for a building permit", whose action is an outside URL): 1-2, nothing else.
SERVICE_QUERIES = COMMON


@pytest.fixture
def api_detail(seeded, db, client):
    with override_settings(PAGE_CACHE_SECONDS=0, API_RATE_LIMIT=0):
        yield lambda page: counted(client, f"/api/v1/pages/{page.pk}/")


@pytest.mark.parametrize(
    "name, expected, page_of",
    [
        ("department", DEPARTMENT_QUERIES, lambda: DepartmentPage.objects.get(slug="city-council")),
        ("news", NEWS_QUERIES, lambda: NewsPage.objects.live().exclude(image=None).order_by("-date", "-pk").first()),
        ("event", EVENT_QUERIES, lambda: EventPage.objects.live().filter(repeat="").order_by("path").first()),
        (
            "repeating_event",
            REPEATING_EVENT_QUERIES,
            lambda: EventPage.objects.live().exclude(repeat="").order_by("path").first(),
        ),
        ("service", SERVICE_QUERIES, lambda: ServicePage.objects.live().order_by("title").first()),
    ],
)
def test_page_detail_queries(api_detail, name, expected, page_of):
    queries = api_detail(page_of())
    assert len(queries) == expected, f"{name}: {len(queries)} queries, expected {expected}:\n{listing(queries)}"


def test_every_department_detail_costs_the_same(api_detail):
    """A department with more services, contacts, FAQs or forms costs no more queries."""
    for department in DepartmentPage.objects.live().order_by("path"):
        queries = api_detail(department)
        assert len(queries) == DEPARTMENT_QUERIES, f"{department.title}:\n{listing(queries)}"
