"""The whole demo city renders: every live page answers 200 to an anonymous visitor.

Runs on whichever database DATABASE_URL names, so CI covers SQLite and PostgreSQL.
"""

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.slow


def test_every_live_page_of_the_demo_city_renders(seeded, db, client):
    pages = Page.objects.live().public().filter(depth__gte=2).specific()
    assert pages.count() > 150
    types_seen = set()
    failures = []
    for page in pages:
        response = client.get(page.url)
        types_seen.add(type(page).__name__)
        if response.status_code != 200:
            failures.append((page.url, response.status_code))
    assert failures == []
    assert {
        "HomePage",
        "StandardPage",
        "DepartmentIndexPage",
        "DepartmentPage",
        "ServiceIndexPage",
        "ServicePage",
        "FAQIndexPage",
        "FAQPage",
        "DirectoryPage",
        "ContactPage",
        "NewsIndexPage",
        "NewsPage",
        "EventIndexPage",
        "EventPage",
        "FormPage",
    } <= types_seen


@pytest.mark.parametrize(
    "path",
    [
        "/news/feed/",
        "/events/past/",
        "/events/month/",
        "/events/month/2026-11/?department=parks-recreation",
        "/events/?from=2026-01-01&to=2026-12-31",
        "/events/calendar.ics",
        "/sitemap.xml",
        "/search/?q=water+bill",
        "/api/v2/pages/?type=departments.ContactPage&fields=phone,email",
    ],
)
def test_feeds_calendars_sitemap_search_and_api_render_with_demo_content(seeded, db, client, path):  # noqa: F811
    response = client.get(path)
    assert response.status_code == 200


def test_anonymous_pages_set_no_cookies(seeded, db, client):
    for path in ["/", "/departments/", "/news/", "/events/", "/search/?q=trash"]:
        response = client.get(path)
        assert not response.cookies, f"{path} set {list(response.cookies)}"
