"""Shared fixtures: a small city page tree built per test.

Following the bakerydemo habit, tests build the few pages they need rather
than loading one large fixture. ``city`` returns the home page and the
city-wide index pages; ``department`` adds a department with one page of each
kind inside it.
"""

import datetime

import pytest
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
            ContactPage(title="Dana Whitfield", slug="dana-whitfield", role="Street Superintendent", phone="601-555-0142"),
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
