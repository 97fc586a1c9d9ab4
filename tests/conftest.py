"""Shared fixtures: a small city page tree built per test.

Following the bakerydemo habit, tests build the few pages they need rather
than loading one large fixture. ``city`` returns the home page and the
city-wide index pages; ``department`` adds a department with one page of each
kind inside it.
"""

import datetime
import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page, Site

from departments.models import (
    ContactPage,
    DepartmentIndexPage,
    DepartmentPage,
    DirectoryPage,
    FAQIndexPage,
    FAQPage,
    ServiceIndexPage,
    ServicePage,
)
from events.models import EventIndexPage, EventPage
from forms.models import FormPage
from home.models import HomePage, StandardPage
from news.models import NewsIndexPage, NewsPage


def add_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def home(db):
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Home", slug="home"))
    home.title = "City of Jackson"
    home.hero_text = "Services, news and events for the people of Jackson."
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "site_name": "City of Jackson"}
    )
    return home


@pytest.fixture
def city(home):
    """Home page plus every city-wide index page."""
    return {
        "home": home,
        "departments": add_child(home, DepartmentIndexPage(title="Departments", slug="departments")),
        "services": add_child(home, ServiceIndexPage(title="Services", slug="services")),
        "faq": add_child(home, FAQIndexPage(title="Frequently asked questions", slug="faq")),
        "directory": add_child(home, DirectoryPage(title="Contact directory", slug="directory")),
        "news": add_child(home, NewsIndexPage(title="News", slug="news")),
        "events": add_child(home, EventIndexPage(title="Events", slug="events")),
        "about": add_child(home, StandardPage(title="About Jackson", slug="about", intro="Our city.")),
    }


@pytest.fixture
def department(city):
    """A department with one page of each kind in its subtree."""
    dept = add_child(
        city["departments"],
        DepartmentPage(
            title="Public Works",
            slug="public-works",
            intro="Streets, drainage and trash collection.",
            phone="601-555-0100",
            email="publicworks@example.gov",
        ),
    )
    now = timezone.now()
    pages = {
        "department": dept,
        "service": add_child(
            dept,
            ServicePage(
                title="Report a pothole",
                slug="report-a-pothole",
                intro="Tell us about a pothole on a city street.",
                action_type="report",
                action_url="https://example.gov/report",
            ),
        ),
        "faq": add_child(
            dept,
            FAQPage(title="When is trash picked up?", slug="trash-day", answer="<p>Once a week on your route day.</p>"),
        ),
        "contact": add_child(
            dept,
            ContactPage(
                title="Dana Whitfield", slug="dana-whitfield", role="Street Superintendent", phone="601-555-0142"
            ),
        ),
        "news": add_child(
            dept,
            NewsPage(
                title="Paving starts on State Street",
                slug="paving-state-street",
                date=datetime.date.today(),
                summary="Crews begin resurfacing next week.",
            ),
        ),
        "event": add_child(
            dept,
            EventPage(
                title="Spring cleanup day",
                slug="spring-cleanup",
                start=now + datetime.timedelta(days=7),
                end=now + datetime.timedelta(days=7, hours=3),
                summary="Bring bulky items to the city yard.",
                venue_name="City Yard",
            ),
        ),
        "form": add_child(dept, FormPage(title="Contact Public Works", slug="contact-public-works")),
    }
    return pages


@pytest.fixture(scope="session", autouse=True)
def _serialized_db_contents(django_db_setup):
    """The database as migrations left it, captured before any browser starts.

    Playwright's sync API switches greenlets, and Django keeps connections in
    context-local storage, so once a browser runs the ORM gets a fresh
    connection object without the snapshot pytest-django took for serialized
    rollback (tests/browser/conftest.py).
    """
    from django.db import connections

    return getattr(connections["default"], "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def _restore_serialized_db_contents(request, _serialized_db_contents, django_db_blocker):
    """Give every database test Wagtail's root page, locale and groups.

    A live-server (transactional) test ends with a flush, and pytest may order
    a plain ``db`` test after the browser tests; when the tree is gone, the
    migration-time snapshot is loaded again before the test starts. The
    snapshot is also put back on the connection for serialized rollback.
    """
    from django.db import connections

    connection = connections["default"]
    if _serialized_db_contents and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = _serialized_db_contents
    uses_db = any(name in request.fixturenames for name in ("db", "transactional_db", "live_server"))
    if _serialized_db_contents and uses_db:
        with django_db_blocker.unblock():
            if not Page.objects.filter(depth=1).exists():
                connection.creation.deserialize_db_from_string(_serialized_db_contents)


@pytest.fixture
def clock(monkeypatch):
    """Pin the submission guard's clock; tests move it with ``clock[0] += seconds``."""
    from forms.protection import SubmissionGuard

    now = [1_800_000_000.0]
    monkeypatch.setattr(SubmissionGuard, "now", staticmethod(lambda: now[0]))
    return now


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: a rolled-back database sends no signals, so
    answers cached by one test (search answers, the navigation) would outlive its pages.
    The process's own copy of the content version goes with it."""
    from django.core.cache import cache

    from home import freshness

    cache.clear()
    freshness.forget_local_copy()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the browser tests last.

    They use a live server, whose transactional tests end by flushing the
    database; module-scoped fixtures elsewhere (the seeded demo city) must
    never start from that flushed state. pytest-django has already ordered the
    items; this keeps its order and only moves browser tests to the end.
    """
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Run seed_demo once for the module; roll everything back at the end.

    Demo illustrations are written to a temporary MEDIA_ROOT, not the project's.
    """
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    media.enable()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            output = io.StringIO()
            call_command("seed_demo", stdout=output)
            yield output.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()
            media.disable()
