"""What a resident meets first on the department, directory, FAQ, event and home pages, and the
development-only policy for Django's debug pages. The browser checks of the same things at 375
and 1280 px are in tests/browser/test_phone_layouts.py."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from wagtail.rich_text import RichText

from departments.models import FAQPage, group_by_department
from events.models import EventPage
from home.templatetags.jackson_tags import directions_destination
from tests.conftest import add_child
from tests.render_tree import build_demo_city

pytestmark = pytest.mark.shared_tree

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def pages_once(city_once, department_once, django_db_blocker, tmp_path_factory):
    """The demo city, built once for the module on the shared tree (tests/conftest.py).

    Building it publishes some forty pages and writes an image; each test only reads it, and
    what a test adds (an FAQ) is rolled back with the test's savepoint. Its image (and any
    rendition a test makes) goes to a temporary MEDIA_ROOT, not the project's.
    """
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), django_db_blocker.unblock():
        yield build_demo_city(city_once, department_once)


@pytest.fixture
def pages(db, pages_once):
    return pages_once


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# ---------- department page ----------


def test_department_page_puts_contact_then_services_before_news(client, pages):
    html = html_of(client, pages["department"])
    contact = html.index('id="contact-heading"')
    phone = html.index('href="tel:', contact)
    services = html.index('id="services-heading"')
    about = html.index('id="about-heading"')
    news = html.index('id="news-heading"')
    people = html.index('id="contacts-heading"')
    assert contact < phone < services < about < news < people
    hours = html.index("<dt>Hours</dt>", contact)
    address = html.index("<dt>Address</dt>", contact)
    assert phone < hours < address < services


# ---------- directory ----------


def test_directory_is_one_table_with_headers(client, pages):
    html = html_of(client, pages["directory"])
    assert html.count("<table") == 1
    assert 'class="table directory-table"' in html
    assert html.count('<th scope="col">') == 5
    assert '<th scope="row" class="directory-table__name">' in html
    assert "table-wrap" not in html  # no sideways-scrolling box any more


# ---------- FAQ ----------


def test_faq_questions_are_grouped_by_department_with_a_jump_list(client, pages):
    from departments.models import FAQIndexPage

    index = FAQIndexPage.objects.get()
    add_child(index, FAQPage(title="Is City Hall open on holidays?", slug="holidays", answer="<p>No.</p>"))

    html = html_of(client, pages["faq_index"])
    jump = html.index('id="faq-jump"')
    assert html.index('href="#faq-parks"', jump) < html.index('href="#faq-public-works"', jump)
    assert html.index('href="#faq-general"', jump) > html.index('href="#faq-public-works"', jump)
    parks = html.index('<h2 id="faq-parks"')
    works = html.index('<h2 id="faq-public-works"')
    general_at = html.index('<h2 id="faq-general"')
    assert jump < parks < works < general_at
    assert html.index("When do the city pools open?") > parks
    assert "Is City Hall open on holidays?" in html[general_at:]
    assert html.count('href="#faq-jump"') == 3

    # One department chosen: its questions, no jump list.
    filtered = html_of(client, pages["faq_index"] + "?department=parks")
    assert 'id="faq-jump"' not in filtered
    assert "When do the city pools open?" in filtered


def test_group_by_department_uses_the_deepest_department_and_keeps_order():
    class P:
        def __init__(self, pk, path, depth=3, slug=""):
            self.pk, self.path, self.depth, self.slug = pk, path, depth, slug

    a, b = P(1, "0001A", slug="a"), P(2, "0001B", slug="b")
    faqs = [P(10, "0001B0001"), P(11, "0001C0001"), P(12, "0001A0001"), P(13, "0001B0002")]
    groups = group_by_department(faqs, [a, b])
    assert [(g["anchor"], [p.pk for p in g["pages"]]) for g in groups] == [
        ("faq-a", [12]),
        ("faq-b", [10, 13]),
        ("faq-general", [11]),
    ]


# ---------- event page ----------


def test_event_without_body_has_no_empty_main_column(client, pages):
    html = html_of(client, pages["event_all_day"])
    assert "layout-aside-first__main" not in html
    assert 'class="event-details-only"' in html
    assert "<dt>Topics</dt>" in html  # the topics sit with the details, not alone under a heading
    assert "<h2>Topics</h2>" not in html


def test_event_shows_what_to_bring_accessibility_and_directions(client, pages):
    html = html_of(client, pages["event"])
    details = html.index('id="event-details-heading"')
    main = html.index("layout-aside-first__main")
    assert details < main
    assert html.index('id="what-to-bring-heading"') < html.index('id="accessibility-heading"')
    assert "Work gloves" in html and "step-free" in html
    assert 'href="tel:+16015550178"' in html
    assert (
        'href="https://www.google.com/maps/dir/?api=1&amp;destination=1200%20Bailey%20Avenue%2C%20Jackson%2C%20MS%2039201"'
        in html
    )


def test_event_fields_are_hidden_when_empty_and_directions_follow_the_setting(client, pages, settings):
    html = html_of(client, pages["event_all_day"])
    assert "What to bring" not in html and 'id="accessibility-heading"' not in html
    assert "Get directions" in html  # it has an address
    settings.MAPS_DIRECTIONS_URL = "https://www.openstreetmap.org/search?query={destination}"
    html = html_of(client, pages["event_all_day"])
    assert (
        'href="https://www.openstreetmap.org/search?query=1000%20Riverside%20Drive%2C%20Jackson%2C%20MS%2039201"'
        in html
    )
    settings.MAPS_DIRECTIONS_URL = ""
    assert "Get directions" not in html_of(client, pages["event_all_day"])
    # No directions to a canceled event, nor to one without an address.
    settings.MAPS_DIRECTIONS_URL = "https://maps.example/?q={destination}"
    assert "Get directions" not in html_of(client, pages["event_canceled"])


def test_directions_destination():
    city = "219 South President Street\nJackson, MS 39201"
    assert directions_destination("1000 Riverside Drive", city) == "1000 Riverside Drive, Jackson, MS 39201"
    assert directions_destination("1 Main St\nClinton, MS 39056", city) == "1 Main St, Clinton, MS 39056"
    assert directions_destination("1 Main St", "") == "1 Main St"
    assert directions_destination("", city) == ""
    assert len(directions_destination("x" * 5000, city)) == 400


@pytest.mark.django_db
def test_hostile_event_address_and_fields_stay_escaped(client, department):
    event = department["event"]
    event.venue_address = '"><script>alert(1)</script>\n601-555-0100'
    event.what_to_bring = "<p>&lt;img src=x onerror=alert(1)&gt; Call 601-555-0101</p>"
    event.accessibility = "<p>Ask at 601-555-0102</p>"
    event.body = [("paragraph", RichText("<p>x</p>"))]
    event.save_revision().publish()
    html = html_of(client, event.url)
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    assert "destination=%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E" in html
    assert 'href="tel:+16015550101"' in html and 'href="tel:+16015550102"' in html


@pytest.mark.django_db
def test_event_admin_edit_view_shows_the_new_fields(admin_client, department):
    from django.urls import reverse

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[department["event"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="what_to_bring"' in html and 'name="accessibility"' in html


@pytest.mark.django_db
def test_event_api_exposes_the_new_fields(client, department):
    event = EventPage.objects.get(pk=department["event"].pk)
    event.what_to_bring = "<p>Gloves</p>"
    event.save_revision().publish()
    response = client.get(f"/api/v2/pages/{event.pk}/")
    if response.status_code == 404:
        pytest.skip("the v2 API is not mounted at /api/v2/")
    data = response.json()
    assert "Gloves" in data["what_to_bring"] and "accessibility" in data


# ---------- home page ----------


def test_home_page_has_tasks_before_city_hall_and_one_search_box_in_main(client, pages):
    html = html_of(client, pages["home"])
    main = html[html.index('<main id="main-content"') :]
    assert main.count('type="search"') == 1
    assert main.index('id="home-search"') < main.index('id="top-tasks-heading"') < main.index('id="city-hall-heading"')
    assert 'placeholder="Try “trash pickup”"' in main
    assert 'data-suggest-url="/search/suggest/"' in main


# ---------- debug pages in development ----------


def test_debug_404_gets_a_relaxed_policy_only_in_development(client, pages, settings):
    settings.DEBUG = True
    settings.CSP_RELAX_DEBUG_PAGES = True
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b'content="NONE,NOARCHIVE"' in response.content
    policy = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy

    # Compressed as a browser would get it (jackson.compression runs first), still recognised.
    for encoding in ("br", "gzip"):
        response = client.get("/no-such-page/", headers={"accept-encoding": encoding})
        assert response["Content-Encoding"] == encoding
        assert "style-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]

    # Real pages keep the strict policy, even in development.
    assert "unsafe-inline" not in client.get(pages["home"])["Content-Security-Policy"]

    # Without the development switch, or without DEBUG, nothing is relaxed.
    settings.CSP_RELAX_DEBUG_PAGES = False
    assert "unsafe-inline" not in client.get("/no-such-page/")["Content-Security-Policy"]
    settings.CSP_RELAX_DEBUG_PAGES = True
    settings.DEBUG = False
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and b"NONE,NOARCHIVE" not in response.content
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_debug_500_page_is_recognised(rf, settings):
    from django.views.debug import technical_500_response

    from jackson.middleware import is_debug_page

    settings.DEBUG = True
    settings.CSP_RELAX_DEBUG_PAGES = True
    try:
        raise ValueError("boom")
    except ValueError:
        response = technical_500_response(rf.get("/"), *sys.exc_info())
    assert is_debug_page(response)
    settings.DEBUG = False
    assert not is_debug_page(response)


def test_a_page_quoting_the_marker_is_not_a_debug_page(settings):
    from django.http import HttpResponse

    from jackson.middleware import is_debug_page

    settings.DEBUG = True
    settings.CSP_RELAX_DEBUG_PAGES = True
    assert not is_debug_page(HttpResponse('<meta name="robots" content="NONE,NOARCHIVE">'))  # 200


@pytest.mark.parametrize(
    "module, expected",
    [("jackson.settings.dev", "True True"), ("jackson.settings.production", "False False")],
)
def test_only_development_settings_relax_the_policy(module, expected):
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ALLOWED_"))}
    env.update(DJANGO_SETTINGS_MODULE=module, DJANGO_SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.gov")
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.CSP_RELAX_DEBUG_PAGES)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
