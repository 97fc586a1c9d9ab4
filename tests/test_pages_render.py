"""Every public page type renders, survives hostile query strings, and keeps
the rules the templates promise: no inline script or style (a strict CSP is
on), working feeds, sensible trees and a department for every nested page."""

import copy
import datetime
import re
import time
import zoneinfo
from html.parser import HTMLParser

import pytest
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from wagtail.models import Page

from core.protection import SubmissionGuard
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
from home.models import CitySettings, HomePage, StandardPage
from home.templatetags.jackson_tags import policy_links, tel_href
from news.models import NewsIndexPage, NewsPage
from tests.conftest import add_child, forget_kept_answers
from tests.render_tree import build_demo_city

INDEX_PAGES = [
    "department_index",
    "service_index",
    "faq_index",
    "directory",
    "news_index",
    "event_index",
    "event_index_past",
]
DETAIL_PAGES = [
    "home",
    "standard",
    "accessibility",
    "department",
    "department_parks",
    "service",
    "faq",
    "contact",
    "news",
    "event",
    "event_all_day",
    "event_canceled",
    "form",
]

HOSTILE_VALUES = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "%00",
    "\x00",
    "abc",
    "-1",
    "0",
    "1.5",
    "99999999999999999999",
    "x" * 5000,
    "Ünïcødé ☃ 𝄞",
    "' OR 1=1 --",
]


class InlineCodeFinder(HTMLParser):
    """Real tags and attributes only: escaped text such as "&lt;img onerror=…" is not markup."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        names = {name.lower() for name, _ in attrs}
        # JSON-LD is a data block: browsers never run it, so the CSP's script-src has nothing to allow.
        data_block = dict(attrs).get("type") == "application/ld+json"
        if tag == "script" and "src" not in names and not data_block:
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("<style> element")
        if "style" in names:
            self.problems.append(f"style= on <{tag}>")
        handlers = sorted(name for name in names if name.startswith("on"))
        if handlers:
            self.problems.append(f"{handlers} on <{tag}>")

    handle_startendtag = handle_starttag


pytestmark = pytest.mark.shared_tree


@pytest.fixture(scope="module")
def pages_once(city_once, department_once, django_db_blocker, tmp_path_factory):
    """The demo city, built once for the module on the shared tree (tests/conftest.py)."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), django_db_blocker.unblock():
        yield build_demo_city(city_once, department_once)


@pytest.fixture
def pages(db, pages_once):
    return pages_once


def assert_no_inline_code(html, where):
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    assert not finder.problems, f"{where}: {finder.problems}"


def test_inline_code_finder_catches_what_the_csp_would_block():
    for html in [
        "<script>alert(1)</script>",
        '<p style="color: red">x</p>',
        "<style>p {}</style>",
        '<a href="#" onclick="x()">x</a>',
        "<IMG SRC=x ONERROR=alert(1)>",
    ]:
        finder = InlineCodeFinder()
        finder.feed(html)
        assert finder.problems, html
    finder = InlineCodeFinder()
    finder.feed('<script src="/static/x.js" defer></script><input value="&quot;&gt;&lt;img onerror=alert(1)&gt;">')
    assert not finder.problems


# ---------- every page renders ----------


def test_every_page_renders(client, pages):
    """One demo city, every page type (building the city costs more than the requests)."""
    for name in DETAIL_PAGES + INDEX_PAGES:
        response = client.get(pages[name])
        assert response.status_code == 200, name
        html = response.content.decode()
        assert '<html lang="en">' in html
        assert 'href="#main-content"' in html and 'id="main-content"' in html
        assert html.count("<h1") == 1, f"{name} should have exactly one h1"
        assert "<header" in html and "<footer" in html and '<nav class="main-nav" aria-label="Main">' in html
        assert_no_inline_code(html, name)
        assert "Content-Security-Policy" in response
        assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_pages_render_with_only_the_department_fixture(client, department):
    """The bare fixtures (no images, no topics, no settings) render too."""
    for page in department.values():
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_every_page_type_has_its_own_template(city, department):
    """Each page type renders its own template, with the context Wagtail gives it, into a
    whole page: one h1 carrying the page's title, inside the site's main landmark."""
    pages = [*city.values(), *department.values()]
    models = [
        HomePage,
        StandardPage,
        DepartmentIndexPage,
        DepartmentPage,
        ServiceIndexPage,
        ServicePage,
        FAQIndexPage,
        FAQPage,
        DirectoryPage,
        ContactPage,
        NewsIndexPage,
        NewsPage,
        EventIndexPage,
        EventPage,
        FormPage,
    ]
    assert len({model.template for model in models}) == len(models), "two page types share a template"
    for model in models:
        page = next(page.specific for page in pages if type(page.specific) is model)
        request = RequestFactory().get(page.url, HTTP_HOST="localhost")
        assert page.get_template(request) == model.template
        html = render_to_string(model.template, page.get_context(request), request=request)
        headings = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        assert len(headings) == 1, f"{model.__name__}: {headings}"
        assert escape(page.title) in headings[0], f"{model.__name__}: {headings[0]!r}"
        assert 'id="main-content"' in html, model.__name__
        assert "<footer" in html, model.__name__


def test_title_description_and_breadcrumbs(client, pages, department):
    service = department["service"]
    service.search_description = "Report street damage in two minutes."
    service.save_revision().publish()
    html = client.get(pages["service"]).content.decode()
    assert "<title>Report a pothole | City of Jackson</title>" in html
    assert '<meta name="description" content="Report street damage in two minutes.">' in html
    crumbs = re.search(r'<nav class="breadcrumbs[^"]*" aria-label="Breadcrumb">(.*?)</nav>', html, re.S).group(1)
    assert re.findall(r">([^<>]+)</a>", crumbs) == ["Home", "Departments", "Public Works"]
    assert '<span aria-current="page">Report a pothole</span>' in crumbs
    assert 'From <a href="/departments/public-works/">Public Works</a>' in html


def test_home_page_has_no_breadcrumbs_and_shows_city_content(client, pages):
    html = client.get("/").content.decode()
    assert 'aria-label="Breadcrumb"' not in html
    assert "Welcome to the City of Jackson" in html
    assert "Report a pothole" in html  # a top task
    assert "Paving starts on State Street" in html  # latest news
    assert "Spring cleanup day" in html  # upcoming event
    assert "Parks &amp; Recreation" in html  # department list


def test_main_navigation_marks_the_current_section(client, pages):
    html = client.get(pages["news"]).content.decode()
    nav = re.search(r'<nav class="main-nav" aria-label="Main">(.*?)</nav>', html, re.S).group(1)
    labels = re.findall(r'<a class="main-nav__link" href="[^"]+"[^>]*>([^<]+)</a>', nav)
    # The root's children with "Show in menus" ticked, in tree order (tests/test_main_navigation.py).
    assert labels == ["Departments", "Services", "FAQ", "Directory", "News", "Events"]
    # A news story inside a department belongs to News, the index that lists it (#17).
    assert re.search(r'href="/news/" aria-current="page"', nav)
    assert nav.count("aria-current") == 1
    html = client.get(pages["news_index"]).content.decode()
    assert re.search(r'href="/news/" aria-current="page"', html)


def test_footer_has_contact_social_and_policy_links(client, pages):
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'href="tel:+16015550000"' in footer
    assert 'href="mailto:cityhall@example.gov"' in footer
    assert "https://facebook.example/cityofjackson" in footer
    assert 'href="/accessibility/">Accessibility statement</a>' in footer
    assert 'href="/privacy/">Privacy policy</a>' in footer


def test_policy_links_are_kept_and_leave_when_unpublished(client, pages, django_assert_num_queries):
    """The footer's policy links cost no query once kept; unpublishing the page removes its link."""
    privacy = Page.objects.get(slug="privacy")
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    city = CitySettings.for_request(request)
    assert [label for label, _url in policy_links({"request": request, "city": city})] == [
        "Accessibility statement",
        "Privacy policy",
    ]
    with django_assert_num_queries(0):
        policy_links({"request": request, "city": city})
    privacy.unpublish()
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "Accessibility statement" in footer
    assert "Privacy policy" not in footer


def test_department_page_contact_card_and_subtree_content(client, pages):
    html = client.get(pages["department"]).content.decode()
    assert 'href="tel:+16015550100"' in html
    assert 'href="mailto:publicworks@example.gov"' in html
    assert "Marcus Bell" in html and "200 South President Street<br>Jackson, MS 39201" in html
    for title in ["Report a pothole", "When is trash picked up?", "Dana Whitfield", "Contact Public Works"]:
        assert title in html
    assert "Paving starts on State Street" in html and "Spring cleanup day" in html
    assert "Reserve a park pavilion" not in html  # another department's service


def test_service_page_shows_steps_in_order_and_primary_action(client, pages):
    html = client.get(pages["service"]).content.decode()
    steps = re.search(r'<ol class="steps">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r'<h3 class="steps__title">([^<]+)</h3>', steps) == [
        "Find the location",
        "Report it online",
        "Track the repair",
    ]
    assert 'href="https://example.gov/report">Report</a>' in html
    assert "The street address or nearest intersection" in html


def test_news_page_image_has_alt_text_and_date(client, pages):
    html = client.get(pages["news"]).content.decode()
    assert re.search(r'<img [^>]*alt="A paving crew resurfacing State Street"', html)
    today = datetime.date.today()
    assert f'<time datetime="{today:%Y-%m-%d}">' in html
    assert 'href="/news/?topic=streets"' in html


def test_event_page_times_are_central_with_machine_readable_datetime(client, pages, department):
    event = department["event"]
    html = client.get(pages["event"]).content.decode()
    local = event.start.astimezone(zoneinfo.ZoneInfo("America/Chicago"))
    # Whole seconds and a numeric offset: HTML allows at most three decimals.
    assert f'<time datetime="{local:%Y-%m-%dT%H:%M:%S%z}">' in html
    assert re.search(r"C[SD]T</time>", html)
    assert 'href="/departments/public-works/spring-cleanup/event.ics"' in html


def test_all_day_and_canceled_events(client, pages):
    html = client.get(pages["event_all_day"]).content.decode()
    assert "(all day)" in html
    assert re.search(r'<time datetime="\d{4}-\d{2}-\d{2}">', html)
    html = client.get(pages["event_canceled"]).content.decode()
    assert "<h1>Canceled: Youth soccer registration night</h1>" in html
    assert "This event has been canceled." in html
    assert "Register" not in html  # no registration for a canceled event
    listing = client.get(pages["event_index"]).content.decode()
    assert 'class="badge badge--danger">Canceled</span>' in listing


def test_event_index_upcoming_and_past(client, pages):
    upcoming = client.get(pages["event_index"]).content.decode()
    past = client.get(pages["event_index_past"]).content.decode()
    assert "Spring cleanup day" in upcoming and "Spring tree planting" not in upcoming
    assert "Spring tree planting" in past and "Spring cleanup day" not in past
    assert 'href="/events/past/">Past</a>' in upcoming
    assert 'href="/events/calendar.ics"' in upcoming


# ---------- filters, pagination, hostile input ----------


def test_filters_narrow_the_listings(client, pages):
    html = client.get(pages["service_index"] + "?department=parks").content.decode()
    assert "Reserve a park pavilion" in html and "Report a pothole" not in html
    assert '<option value="parks" selected>' in html

    html = client.get(pages["service_index"] + "?action=report").content.decode()
    assert "Report a pothole" in html and "Reserve a park pavilion" not in html

    html = client.get(pages["faq_index"] + "?topic=pools").content.decode()
    assert "When do the city pools open?" in html and "When is trash picked up?" not in html

    html = client.get(pages["news_index"] + "?topic=streets").content.decode()
    assert "Paving starts on State Street" in html and "council roundup" not in html

    html = client.get(pages["event_index"] + "?department=parks").content.decode()
    assert "Riverfront summer festival" in html and "Spring cleanup day" not in html

    html = client.get(pages["directory"] + "?q=whitfield").content.decode()
    assert "Dana Whitfield" in html and "Parks reservations office" not in html
    assert 'href="tel:+16015550142"' in html

    html = client.get(pages["directory"] + "?department=parks").content.decode()
    assert "Parks reservations office" in html and "Dana Whitfield" not in html


def test_news_index_paginates_and_keeps_filters_in_page_links(client, pages):
    html = client.get(pages["news_index"]).content.decode()
    assert "Page 1 of 2" in html
    assert 'href="?page=2"' in html
    html = client.get(pages["news_index"] + "?page=2").content.decode()
    assert "Page 2 of 2" in html
    html = client.get(pages["news_index"] + "?department=&topic=council&page=1").content.decode()
    assert "No stories match" in html or "stories" in html


def test_index_pages_survive_hostile_query_strings(client, pages):
    for name in INDEX_PAGES:
        for value in HOSTILE_VALUES:
            params = {"department": value, "topic": value, "page": value, "action": value, "q": value}
            response = client.get(pages[name], params)
            where = f"{name}?…={value[:20]!r}"
            assert response.status_code == 200, where
            html = response.content.decode()
            assert "<script>alert(1)" not in html, where
            assert "<img src=x onerror" not in html, where
            assert_no_inline_code(html, where)


def test_bad_page_numbers_give_the_nearest_page(client, pages):
    last = client.get(pages["news_index"] + "?page=999").content.decode()
    assert "Page 2 of 2" in last
    first = client.get(pages["news_index"] + "?page=abc").content.decode()
    assert "Page 1 of 2" in first


def test_directory_search_echo_is_escaped(client, pages):
    html = client.get(pages["directory"], {"q": '"><script>alert(1)</script>'}).content.decode()
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


# ---------- forms ----------


def test_form_page_labels_help_and_error_summary(client, pages):
    html = client.get(pages["form"]).content.decode()
    assert '<label class="field__label" for="id_your_name">Your name' in html
    assert 'id="id_your_name_helptext"' in html
    assert re.search(r'<input[^>]+aria-describedby="id_your_name_helptext"', html)
    assert "<legend" in html  # radio and checkbox groups sit in a fieldset

    response = client.post(
        pages["form"], {"your_name": "", "email_address": "not-an-email"}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Error: Contact Public Works | City of Jackson</title>" in html
    assert 'class="error-summary" role="alert"' in html
    assert 'href="#id_your_name"' in html
    assert 'href="#id_topic_0"' in html  # radio groups link to their first option
    assert re.search(r'<input[^>]+aria-describedby="id_your_name_helptext id_your_name_error"', html)
    assert re.search(r'<input[^>]+aria-invalid="true"', html)
    assert 'id="id_your_name_error"' in html
    assert_no_inline_code(html, "form with errors")


def test_form_submission_shows_the_landing_page(client, pages, monkeypatch):
    html = client.get(pages["form"]).content.decode()
    form_html = re.search(r'<form class="form".*?</form>', html, re.S).group(0)
    guard = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]+)">', form_html))
    assert guard, "the spam guard's signed timestamp should be in the form"
    started = time.time()
    monkeypatch.setattr(SubmissionGuard, "now", staticmethod(lambda: started + 30))  # a human takes a while
    response = client.post(
        pages["form"],
        {
            **guard,
            "your_name": "Ada Lovelace",
            "email_address": "ada@example.com",
            "topic": "Streets",
            "message": "A pothole on State Street <script>alert(1)</script>",
        },
        HTTP_ORIGIN="http://testserver",
        follow=True,  # post/redirect/get: a reload must not send the form twice
    )
    assert response.status_code == 200
    assert response.redirect_chain and response.redirect_chain[0][1] == 302
    html = response.content.decode()
    assert "<h1>We have received your submission</h1>" in html
    assert "We answer most messages within two working days." in html
    assert "Your reference number:" in html
    assert "<script>alert(1)" not in html


# ---------- feeds ----------


def test_rss_feed(client, pages):
    response = client.get(pages["news_index"] + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert b"<title>Paving starts on State Street</title>" in response.content


def test_ical_feeds(client, pages):
    response = client.get(pages["event_index"] + "calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR") and "SUMMARY:Spring cleanup day" in body

    response = client.get(pages["event_index"] + "calendar.ics?department=parks")
    assert "Spring cleanup day" not in response.content.decode()

    response = client.get(pages["event"] + "event.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Spring cleanup day" in response.content.decode()


def test_rss_link_is_advertised(client, pages):
    html = client.get(pages["news_index"]).content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html


# ---------- errors ----------


def test_404_page(client, pages):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We can’t find that page" in html
    assert 'id="not-found-search"' in html
    assert_no_inline_code(html, "404")


def test_500_template_needs_no_context():
    """Django renders 500.html with an empty context: no request, no settings, no database."""
    html = render_to_string("500.html")
    assert "Sorry, something went wrong" in html
    assert '<html lang="en">' in html
    assert_no_inline_code(html, "500")


# ---------- tree rules and departments ----------


def test_tree_rules(city, department):
    dept = department["department"]
    assert not NewsPage.can_create_at(city["faq"])
    assert not DepartmentPage.can_create_at(city["home"])
    assert DepartmentPage.can_create_at(city["departments"])
    assert not DepartmentPage.can_create_at(dept)
    assert not FormPage.can_create_at(city["home"])
    assert FormPage.can_create_at(dept)
    assert NewsPage.can_create_at(dept) and NewsPage.can_create_at(city["news"])
    assert not EventPage.can_create_at(city["news"])
    assert not ServicePage.can_create_at(city["faq"])
    assert not FAQPage.can_create_at(city["services"])
    assert not ContactPage.can_create_at(city["news"])
    assert StandardPage.can_create_at(city["about"])
    assert not HomePage.can_create_at(city["home"])
    assert set(DepartmentIndexPage.allowed_subpage_models()) == {DepartmentPage}
    assert set(FAQIndexPage.allowed_subpage_models()) == {FAQPage}
    assert ServicePage.allowed_subpage_models() == []
    assert NewsPage in DepartmentPage.allowed_subpage_models()
    # Index pages are one of a kind.
    assert not NewsIndexPage.can_create_at(city["home"])
    assert not EventIndexPage.can_create_at(city["home"])


def test_department_of_nested_pages(city, department):
    dept = department["department"]
    outer = add_child(dept, StandardPage(title="Street projects", slug="street-projects"))
    inner = add_child(outer, StandardPage(title="State Street project", slug="state-street"))
    innermost = add_child(inner, StandardPage(title="Project updates", slug="updates"))
    for page in (outer, inner, innermost):
        fresh = Page.objects.get(pk=page.pk).specific
        assert fresh.department.pk == dept.pk
        assert fresh.get_department_name() == "Public Works"
    assert department["news"].department.pk == dept.pk
    assert dept.department.pk == dept.pk  # a department owns itself
    assert city["about"].department is None
    assert city["news"].department is None


def test_nested_page_shows_its_department(client, department):
    dept = department["department"]
    outer = add_child(dept, StandardPage(title="Street projects", slug="street-projects"))
    inner = add_child(outer, StandardPage(title="State Street project", slug="state-street"))
    html = client.get(inner.url).content.decode()
    assert 'From <a href="/departments/public-works/">Public Works</a>' in html
    crumbs = re.search(r'aria-label="Breadcrumb">(.*?)</nav>', html, re.S).group(1)
    assert "Street projects" in crumbs


# ---------- queries ----------


def _query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


LISTINGS = ["news_index", "event_index", "faq_index", "directory", "service_index", "home"]


def _add_items(dept):
    """Five more of each kind a listing shows, in one department."""
    now = datetime.datetime.now(datetime.UTC)
    for number in range(5):
        add_child(dept, NewsPage(title=f"Extra story {number}", slug=f"extra-{number}", summary="More."))
        add_child(
            dept,
            EventPage(
                title=f"Extra event {number}",
                slug=f"extra-event-{number}",
                start=now + datetime.timedelta(days=number + 1),
                end=now + datetime.timedelta(days=number + 1, hours=1),
                summary="More.",
            ),
        )
        add_child(dept, FAQPage(title=f"Extra question {number}?", slug=f"extra-q-{number}", answer="<p>Yes.</p>"))
        add_child(dept, ContactPage(title=f"Extra person {number}", slug=f"extra-p-{number}", phone="601-555-0199"))
        add_child(dept, ServicePage(title=f"Extra service {number}", slug=f"extra-s-{number}", intro="More."))


@pytest.fixture(scope="module")
def listing_queries(pages_once, department_once, django_db_blocker):
    """{listing: (queries before, queries after)} around adding 25 pages, counted once for all listings.

    The 25 pages cost more to publish than the counting, so they are added once, in a savepoint
    rolled back at once: the module's later tests never see them.
    """
    from django.test import Client

    client = Client()
    counts = {}
    with django_db_blocker.unblock():
        forget_kept_answers()
        with transaction.atomic():
            for name in LISTINGS:
                client.get(pages_once[name])  # warm caches (site root paths, content types)
                counts[name] = [_query_count(client, pages_once[name])]
            _add_items(copy.deepcopy(department_once["department"]))  # the module's copy keeps its numchild
            for name in LISTINGS:
                client.get(pages_once[name])  # the new pages forgot the kept navigation: fill it again
                counts[name].append(_query_count(client, pages_once[name]))
            transaction.set_rollback(True)
        forget_kept_answers()
    return counts


@pytest.mark.parametrize("name", LISTINGS)
def test_listings_do_not_query_per_item(listing_queries, name):
    """Adding more items to a listing must not add queries (no N+1)."""
    before, after = listing_queries[name]
    assert after <= before, f"{name}: {before} queries before, {after} after adding items"


def test_tel_href():
    assert tel_href("(601) 555-0100") == "tel:+16015550100"
    assert tel_href("601.555.0100") == "tel:+16015550100"
    assert tel_href("1-601-555-0100") == "tel:+16015550100"
    assert tel_href("+44 20 7946 0958") == "tel:+442079460958"
    assert tel_href("311") == "tel:311"
    assert tel_href("") == ""
    assert tel_href(None) == ""


#: How event times were written with the ``date`` filter before ``event_when``: its reference.
EVENT_WHEN_WITH_FILTERS = (
    '{% if event.all_day %}<time datetime="{{ event.start|date:\'Y-m-d\' }}">{{ event.start|date:"l, F j, Y'
    '" }}</time>{% if event.end|date:"Y-m-d" != event.start|date:"Y-m-d" %} – <time datetime="{{ event.en'
    'd|date:\'Y-m-d\' }}">{{ event.end|date:"l, F j, Y" }}</time>{% endif %} (all day){% else %}<time datet'
    'ime="{{ event.start|date:\'Y-m-d\\TH:i:sO\' }}">{{ event.start|date:"l, F j, Y, P" }}</time> – {% if ev'
    'ent.end|date:"Y-m-d" == event.start|date:"Y-m-d" %}<time datetime="{{ event.end|date:\'Y-m-d\\TH:i:sO\''
    ' }}">{{ event.end|date:"P T" }}</time>{% else %}<time datetime="{{ event.end|date:\'Y-m-d\\TH:i:sO\' }}'
    '">{{ event.end|date:"l, F j, Y, P T" }}</time>{% endif %}{% endif %}'
)


@pytest.mark.parametrize("all_day", [True, False])
@pytest.mark.parametrize("days", [0, 1, 3])
def test_event_when_reads_as_the_date_filter_wrote_it(all_day, days, db):
    from django.template import Context, Template

    start = datetime.datetime(2026, 3, 8, 1, 30, tzinfo=zoneinfo.ZoneInfo("America/Chicago"))  # DST starts at 2
    event = EventPage(title="x", start=start, end=start + datetime.timedelta(days=days, hours=2), all_day=all_day)
    reference = Template(EVENT_WHEN_WITH_FILTERS).render(Context({"event": event}))
    assert render_to_string("includes/event_when.html", {"event": event}).rstrip("\n") == reference
