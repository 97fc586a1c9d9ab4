"""How many SQL queries an anonymous visitor's page costs when it is not served from the page cache.

The demo city (``seed_demo``) is the data: real page trees, news with images, events and
departments full of services. Each page is requested once to warm the per-site caches (site,
city settings, navigation, footer links, the private sections and a department's listings, all
kept under the content version), then requested again and counted. The page cache is off
(``PAGE_CACHE_SECONDS=0``) and every request carries a query string nobody asked before, so
what is counted is a page being rendered, which is what a visitor pays after every publish.

The home and department pages must stay at or under ``BUDGET`` queries: after an emergency alert
every kept page is forgotten at once and these two are what most visitors ask for first.
A count going up means a new query per page view: find it (the failure lists them) before
raising a constant.
"""

import itertools

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from departments.models import DepartmentPage, ServicePage
from events.models import EventPage
from news.models import NewsPage

#: The most queries an uncached home or department page may take.
BUDGET = 12

#: Home page: 1. the upcoming events (read every time: which have ended depends on the clock).
#: The site is kept with its root page as its own type (home/middleware.py), which Wagtail's
#: routing starts from, so the HomePage row is not read again.
#: The top tasks, latest news (with their image renditions) and departments are rendered once per
#: content version and kept as HTML (``{% kept_fragment %}``, core/templatetags/kept_fragments.py);
#: the first render after a change costs three more queries (``COLD_HOME_QUERIES``).
#: No query for view restrictions: the private sections are kept (core/visibility.py), both for
#: ``.public()`` listings and for Wagtail's check of the page itself (and the page cache's).
HOME_QUERIES = 1

#: Home page with its fragments rendered, not kept (the first render after a change, once the
#: other kept pieces are back): the one above plus 2. the pages the "How do I…" top tasks link to
#: (one bulk query for the StreamField); 3. the three latest news stories with their images
#: (``select_related``); 4. the departments list.
COLD_HOME_QUERIES = 4

#: Department page:
#: 1. the DepartmentPage row (the address's page id and type are kept under the content
#:    version, home/routing.py, where Wagtail's routing reads two rows per level);
#: 2. upcoming events in the department.
#: Services, contacts, FAQs, forms and latest news are kept under the content version, and the
#: page around the events (and the breadcrumb trail) as HTML (``{% kept_fragment %}``).
DEPARTMENT_QUERIES = 2

#: News story: 1-4 routing (the news index and the story, two rows each: Wagtail's own, since the
#: news index has routes of its own, home/routing.py); 5. the owning department (nearest
#: DepartmentPage ancestor); 6. the story's image; 7. its topic tags. The breadcrumb trail is kept as HTML.
NEWS_QUERIES = 7

#: Event in a department: 1. the EventPage row (home/routing.py); 2. the owning department;
#: 3. topic tags. The breadcrumb trail is kept as HTML.
EVENT_QUERIES = 3
#: A repeating event (the Council's meetings): the same, and 4. its dates, in one query whatever their number.
REPEATING_EVENT_QUERIES = 4

#: Service in a department ("Apply for a building permit", whose action is an outside URL):
#: 1. the ServicePage row (home/routing.py); 2. the owning department.
#: A service whose action is one of the city's pages adds one query, for that page.
SERVICE_QUERIES = 2

#: Search for "water", a query asked before (its answer kept, search/kept_pages.py), on SQLite:
#: 1. the listed pages still live, public and unexpired; 2. their types (``.specific()``);
#: 3-8. the results loaded, one query per page type shown, and the departments named beside
#:    results that are not themselves listed;
#: 9-11. the day's count for the query (savepoint, UPDATE, release).
#: On PostgreSQL: 1. the visibility check, which returns the types too (search/engine.py);
#: 2-7. one query per page type (six for "water": service, department, FAQ, contact, event, news);
#: 8. the department named beside a result; 9-12. the count, which adds
#: ``SET LOCAL synchronous_commit TO OFF`` (search/models.py).
#: The count is written with the request because the test settings set
#: ``SEARCH_STATS_FLUSH_SECONDS = 0``; deployed, each worker sums its counts and writes them about
#: once a second (search/stat_buffer.py), so most searches make no write at all.
SEARCH_QUERIES = {"sqlite": 11, "postgresql": 12}

_fresh = itertools.count()


def first_url(queryset):
    return queryset.live().order_by("path").first().url


def counted(client, path):
    """The queries of the second request for ``path``; each request has a query string never seen."""
    separator = "&" if "?" in path else "?"
    assert client.get(f"{path}{separator}warm={next(_fresh)}").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{path}{separator}count={next(_fresh)}")
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def listing(queries):
    return "\n".join(f"{number}. {sql[sql.find(' FROM ') :][:240]}" for number, sql in enumerate(queries, 1))


@pytest.fixture
def no_page_cache():
    with override_settings(PAGE_CACHE_SECONDS=0):
        yield


@pytest.mark.parametrize(
    "name, expected, path_of",
    [
        ("home", HOME_QUERIES, lambda: "/"),
        ("department", DEPARTMENT_QUERIES, lambda: first_url(DepartmentPage.objects)),
        ("news", NEWS_QUERIES, lambda: NewsPage.objects.live().order_by("-date", "-pk").first().url),
        ("event", EVENT_QUERIES, lambda: first_url(EventPage.objects.filter(repeat=""))),
        ("repeating_event", REPEATING_EVENT_QUERIES, lambda: first_url(EventPage.objects.exclude(repeat=""))),
        ("service", SERVICE_QUERIES, lambda: ServicePage.objects.live().order_by("title").first().url),
        ("search", SEARCH_QUERIES, lambda: "/search/?q=water"),
    ],
)
def test_uncached_page_queries(seeded, db, client, no_page_cache, name, expected, path_of):
    queries = counted(client, path_of())
    if isinstance(expected, dict):
        expected = expected[connection.vendor]
    assert len(queries) == expected, f"{name}: {len(queries)} queries, expected {expected}:\n{listing(queries)}"


def test_home_page_queries_with_its_fragments_rendered(seeded, db, client, no_page_cache, monkeypatch):
    from core.templatetags import kept_fragments

    monkeypatch.setattr(kept_fragments.KeptFragmentNode, "render", lambda node, context: node.nodelist.render(context))
    queries = counted(client, "/")
    assert len(queries) == COLD_HOME_QUERIES, f"{len(queries)} queries:\n{listing(queries)}"


def test_home_and_department_pages_stay_within_budget():
    assert HOME_QUERIES <= COLD_HOME_QUERIES <= BUDGET
    assert DEPARTMENT_QUERIES <= BUDGET


def test_every_department_page_stays_within_budget(seeded, db, client, no_page_cache):
    """Not just the first: a department with more news, forms or events costs no more queries."""
    for department in DepartmentPage.objects.live().order_by("path"):
        queries = counted(client, department.url)
        assert len(queries) <= BUDGET, f"{department.url}: {len(queries)} queries:\n{listing(queries)}"


def test_a_private_section_stays_out_of_listings_at_once(seeded, db, client, no_page_cache):
    """The kept private sections are forgotten when a restriction is added (the content version moves)."""
    from wagtail.models import PageViewRestriction

    story = NewsPage.objects.live().order_by("-date", "-pk").first()
    title = escape(story.title)
    assert title in client.get("/?before").content.decode()
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert title not in client.get("/?after").content.decode()
    PageViewRestriction.objects.filter(page=story).delete()
    assert title in client.get("/?lifted").content.decode()


def test_a_restricted_page_is_still_refused_once_its_section_is_kept(seeded, db, client, no_page_cache):
    """Skipping Wagtail's restriction queries must never skip the restriction itself."""
    from wagtail.models import PageViewRestriction

    department = DepartmentPage.objects.live().order_by("path").first()
    service = ServicePage.objects.live().descendant_of(department).first()
    assert client.get(service.url).status_code == 200
    PageViewRestriction.objects.create(page=department, restriction_type=PageViewRestriction.LOGIN)
    for path in (department.url, service.url, service.url):  # twice: the second from the kept sections
        response = client.get(path)
        assert response.status_code == 302 and "login" in response["Location"]
