"""The public alert banner: on which pages an alert shows, how it is marked up, and what it costs.

Pages are fetched with Django's test client and read with BeautifulSoup (a Wagtail
dependency). Browser behaviour (dismissing, axe, small screens) is in
tests/browser/test_alerts_browser.py.
"""

import datetime
import re

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone

import jackson.urls
from alerts import active
from alerts.models import Alert, AlertHotline, AlertPage, Scope, Severity
from core import freshness
from departments.models import DepartmentPage
from feedback.views import FEEDBACK_GUARD
from tests.conftest import add_child
from tests.form_helpers import ORIGIN, build_form, fresh_stamp

pytestmark = pytest.mark.shared_tree

# ---------- a URL that fails, for the 500 page (this module doubles as a URLconf) ----------


def _fail(request):
    raise RuntimeError("something broke")


urlpatterns = [path("test-failure/", _fail), *jackson.urls.urlpatterns]
handler500 = jackson.urls.handler500

NOW = datetime.datetime(2026, 3, 14, 15, 0, tzinfo=datetime.UTC)


def publish_alert(title="Boil-water notice", *, departments=(), pages=(), hotlines=(), **fields):
    """An alert published the way the admin does it: a revision, then publish."""
    fields.setdefault("message", "Boil tap water for one minute before drinking it.")
    fields.setdefault("starts_at", timezone.now() - datetime.timedelta(minutes=5))
    alert = Alert(title=title, live=False, **fields)
    alert.departments = list(departments)
    alert.scope_pages = [AlertPage(page=page) for page in pages]
    alert.hotlines = [AlertHotline(label=label, phone=phone) for label, phone in hotlines]
    alert.save()
    alert.save_revision().publish()
    return alert


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def banner(response):
    """The site alert region, or None."""
    regions = soup(response).select('section[aria-label="Site alert"]')
    assert len(regions) <= 1, "one site alert region per page"
    return regions[0] if regions else None


def shown_titles(response):
    region = banner(response)
    if region is None:
        return []
    return [title.get_text(strip=True) for title in region.select(".site-alert__title")]


@pytest.fixture
def pages(city, department):
    return {**{f"city-{name}": page for name, page in city.items()}, **department}


@pytest.fixture
def clean_guard(monkeypatch):
    monkeypatch.setattr(FEEDBACK_GUARD, "min_seconds", 0)


# ---------- where it shows ----------


@pytest.mark.django_db
def test_site_wide_alert_on_every_page_type(client, pages):
    publish_alert("Boil-water notice")
    for name, page in pages.items():
        response = client.get(page.url)
        assert response.status_code == 200, name
        assert shown_titles(response) == ["Boil-water notice"], name


@pytest.mark.django_db
def test_banner_sits_right_after_the_header(client, pages):
    publish_alert()
    html = client.get(pages["city-home"].url).content.decode()
    assert html.index("</header>") < html.index('aria-label="Site alert"') < html.index('<main id="main-content"')


@pytest.mark.django_db
def test_site_wide_alert_on_views_that_are_not_pages(client, pages):
    publish_alert("Boil-water notice")
    for url in ("/search/", "/search/?q=pothole", "/search/?q=pothole&page=99", "/no-such-page/"):
        response = client.get(url)
        assert shown_titles(response) == ["Boil-water notice"], url
    assert client.get("/no-such-page/").status_code == 404


@pytest.mark.django_db
def test_form_thank_you_page_shows_alerts(client, department):
    form = build_form(department["department"], "Report a flood", fields=[("Street", "singleline", True, "", "")])
    publish_alert("Flood warning", severity=Severity.WARNING)
    response = client.post(form.url, {"street": "State St", "website": "", "rendered_at": fresh_stamp()}, **ORIGIN)
    assert response.status_code == 302
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "?thanks=" in response["Location"]
    assert shown_titles(thanks) == ["Flood warning"]


@pytest.mark.django_db
def test_feedback_pages_show_alerts(client, pages, clean_guard):
    publish_alert("Boil-water notice")
    service = pages["service"]
    stamp = re.search(r'name="rendered_at" value="([^"]+)"', client.get(service.url).content.decode()).group(1)
    common = {"rendered_at": stamp, "website": "", "page_id": str(service.pk), "url": service.url}

    # No JavaScript, vote Yes: the thank-you is the page itself, with ?feedback=thanks.
    response = client.post("/feedback/", {**common, "helpful": "yes"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 303
    assert shown_titles(client.get(response["Location"])) == ["Boil-water notice"]

    # A report without text: the 400 page at /feedback/ (no Wagtail page behind it).
    response = client.post("/feedback/", {**common, "report": "1"}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 400
    assert shown_titles(response) == ["Boil-water notice"]

    # Refused (another site's form): the refusal page at /feedback/.
    response = client.post("/feedback/", {**common, "helpful": "yes"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert shown_titles(response) == ["Boil-water notice"]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_500_page_shows_site_wide_alerts(client, pages):
    publish_alert("Boil-water notice", hotlines=[("Water emergency line", "601-555-0199")])
    publish_alert("Library closed", scope=Scope.PAGES, pages=[pages["city-about"]], severity=Severity.INFORMATION)
    client.raise_request_exception = False
    response = client.get("/test-failure/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()
    assert shown_titles(response) == ["Boil-water notice"]  # site-wide only: the 500 page is no page
    assert banner(response).select_one('a[href="tel:+16015550199"]')
    assert 'href="/static/alerts/css/alerts.css"' in response.content.decode()
    assert not response.cookies


def test_500_handler_is_wired():
    assert jackson.urls.handler500 == "jackson.views.server_error"


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_500_page_survives_a_database_or_cache_outage(client, pages, monkeypatch):
    """Reading the alerts fails (as when the database is down): the plain 500 page, still a 500."""
    publish_alert("Boil-water notice")
    client.raise_request_exception = False

    def down(*args, **kwargs):
        raise ConnectionError("database is down")

    monkeypatch.setattr(active, "_published", down)
    monkeypatch.setattr(cache, "get", down)  # and the cache: nothing kept to fall back on
    response = client.get("/test-failure/")
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()
    assert banner(response) is None

    # The template itself failing to render (any error at all) falls back the same way.
    monkeypatch.undo()
    monkeypatch.setattr("jackson.views.loader.render_to_string", down)
    response = client.get("/test-failure/")
    assert response.status_code == 500 and "Sorry, something went wrong" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_500_page_with_the_cache_down_reads_the_database(client, pages, monkeypatch):
    publish_alert("Boil-water notice")
    client.raise_request_exception = False

    def down(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    response = client.get("/test-failure/")
    assert response.status_code == 500
    assert shown_titles(response) == ["Boil-water notice"]


def test_500_template_alone_needs_nothing():
    """Django's own fallback renders 500.html with an empty context: no banner, no error."""
    html = render_to_string("500.html")
    assert "Sorry, something went wrong" in html
    assert "Site alert" not in html


@pytest.mark.django_db
def test_department_scope_shows_only_in_that_departments_subtree(client, pages, city):
    parks = add_child(city["departments"], DepartmentPage(title="Parks", slug="parks", intro="Parks and pools."))
    publish_alert(
        "Street closures", scope=Scope.DEPARTMENTS, departments=[pages["department"]], severity=Severity.WARNING
    )
    inside = ["department", "service", "faq", "contact", "news", "event", "form"]
    for name in inside:
        assert shown_titles(client.get(pages[name].url)) == ["Street closures"], name
    outside = [parks, city["home"], city["departments"], city["news"], city["about"]]
    for page in outside:
        assert shown_titles(client.get(page.url)) == [], page.title
    assert shown_titles(client.get("/search/?q=street")) == []
    assert shown_titles(client.get("/no-such-page/")) == []


@pytest.mark.django_db
def test_page_scope_shows_only_on_those_pages(client, pages):
    publish_alert(
        "Pool closed today",
        scope=Scope.PAGES,
        pages=[pages["service"], pages["city-about"]],
        severity=Severity.INFORMATION,
    )
    for name, page in pages.items():
        expected = ["Pool closed today"] if name in ("service", "city-about") else []
        assert shown_titles(client.get(page.url)) == expected, name
    assert shown_titles(client.get("/search/")) == []


@pytest.mark.django_db
def test_start_and_end_on_the_second(client, pages):
    url = pages["city-home"].url
    with time_machine.travel(NOW, tick=False) as clock:
        publish_alert(
            "Water main repair",
            starts_at=NOW + datetime.timedelta(hours=1),
            ends_at=NOW + datetime.timedelta(hours=3),
        )
        assert shown_titles(client.get(url)) == []  # not started yet
        clock.move_to(NOW + datetime.timedelta(hours=1) - datetime.timedelta(seconds=1))
        assert shown_titles(client.get(url)) == []
        clock.move_to(NOW + datetime.timedelta(hours=1))
        assert shown_titles(client.get(url)) == ["Water main repair"]
        clock.move_to(NOW + datetime.timedelta(hours=3) - datetime.timedelta(seconds=1))
        assert shown_titles(client.get(url)) == ["Water main repair"]
        clock.move_to(NOW + datetime.timedelta(hours=3))
        assert shown_titles(client.get(url)) == []  # ended
        assert banner(client.get(url)) is None  # no empty region left behind


@pytest.mark.django_db
def test_a_kept_search_page_shows_an_alert_from_the_second_it_starts(client, pages, settings):
    """Search keeps whole results pages for anonymous visitors; an alert starting by the clock
    (no publish, no bump) must reach a repeated search at once, and leave it when it ends."""
    settings.SEARCH_ANSWER_SECONDS = 600
    url = "/search/?q=pothole"
    with time_machine.travel(NOW, tick=False) as clock:
        publish_alert(
            "Water main repair",
            starts_at=NOW + datetime.timedelta(minutes=1),
            ends_at=NOW + datetime.timedelta(minutes=2),
        )
        assert shown_titles(client.get(url)) == []
        assert shown_titles(client.get(url)) == []  # now served from the kept page
        clock.move_to(NOW + datetime.timedelta(minutes=1))
        assert shown_titles(client.get(url)) == ["Water main repair"]
        clock.move_to(NOW + datetime.timedelta(minutes=2))
        assert shown_titles(client.get(url)) == []


@pytest.mark.django_db
def test_an_alert_published_again_within_the_same_second_is_shown_again_to_those_who_dismissed_it(pages):
    from alerts import active

    alert = publish_alert("Boil-water notice")
    first = active.showing()[0].dismiss_key
    alert.refresh_from_db()
    alert.message = "Boil tap water for three minutes."
    alert.save_revision().publish()
    assert active.showing()[0].dismiss_key != first


@pytest.mark.django_db
def test_unpublished_and_draft_alerts_do_not_show(client, pages):
    url = pages["city-home"].url
    alert = publish_alert("Boil-water notice")
    assert shown_titles(client.get(url)) == ["Boil-water notice"]

    alert.refresh_from_db()
    alert.unpublish()
    assert shown_titles(client.get(url)) == []

    draft = Alert(title="Not approved yet", message="Draft wording.", live=False, starts_at=timezone.now())
    draft.save()
    draft.save_revision()
    assert shown_titles(client.get(url)) == []


@pytest.mark.django_db
def test_edited_alert_shows_its_new_wording(client, pages):
    url = pages["city-home"].url
    alert = publish_alert("Boil-water notice")
    old_key = banner(client.get(url)).select_one("[data-alert]")["data-alert-key"]
    alert.refresh_from_db()
    alert.title = "Boil-water notice lifted"
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):
        alert.save_revision().publish()
    region = banner(client.get(url))
    assert shown_titles(client.get(url)) == ["Boil-water notice lifted"]
    assert region.select_one("[data-alert]")["data-alert-key"] != old_key  # shows again after a dismissal


@pytest.mark.django_db
def test_most_severe_first_then_newest(client, pages):
    now = timezone.now()
    publish_alert("Old information", severity=Severity.INFORMATION, starts_at=now - datetime.timedelta(days=2))
    publish_alert("New information", severity=Severity.INFORMATION, starts_at=now - datetime.timedelta(hours=1))
    publish_alert("Older warning", severity=Severity.WARNING, starts_at=now - datetime.timedelta(days=1))
    publish_alert("Newer warning", severity=Severity.WARNING, starts_at=now - datetime.timedelta(hours=2))
    publish_alert("Tornado warning", severity=Severity.EMERGENCY, starts_at=now - datetime.timedelta(days=3))
    assert shown_titles(client.get(pages["city-home"].url)) == [
        "Tornado warning",
        "Newer warning",
        "Older warning",
        "New information",
        "Old information",
    ]


# ---------- markup ----------


@pytest.mark.django_db
def test_severity_semantics(client, pages):
    publish_alert("Tornado warning", severity=Severity.EMERGENCY, dismissible=True)
    publish_alert("Street closures", severity=Severity.WARNING)
    publish_alert("Library hours", severity=Severity.INFORMATION, dismissible=False)
    region = banner(client.get(pages["city-home"].url))
    assert region.name == "section" and region["aria-label"] == "Site alert"
    assert region.find_parent("main") is None and region.find_parent("header") is None
    emergency, warning, information = region.select("[data-alert]")

    assert emergency.select_one(".site-alert__body")["role"] == "alert"
    assert warning.select_one(".site-alert__body")["role"] == "status"
    assert information.select_one(".site-alert__body").get("role") is None
    assert not information.select("[role=alert], [role=status], [aria-live]")
    assert len(region.select("[role=alert]")) == 1

    # The severity is written out, inside the heading, so it is never colour alone.
    headings = [alert.select_one("h2") for alert in (emergency, warning, information)]
    assert [h.get_text(" ", strip=True) for h in headings] == [
        "Emergency : Tornado warning",
        "Warning : Street closures",
        "Information : Library hours",
    ]
    assert "site-alert--emergency" in emergency["class"] and "site-alert--warning" in warning["class"]
    # Icons are decoration.
    assert all(svg["aria-hidden"] == "true" for svg in region.select("svg"))

    # Dismiss: never for an emergency (even when the box was ticked), nor when turned off.
    assert emergency.select_one("[data-alert-dismiss]") is None
    assert information.select_one("[data-alert-dismiss]") is None
    button = warning.select_one("button[data-alert-dismiss]")
    assert button.has_attr("hidden")  # shown by alerts.js only: no broken control without JavaScript
    assert button["type"] == "button"
    assert button.get_text(" ", strip=True) == "Dismiss alert: Street closures"


@pytest.mark.django_db
def test_message_link_and_hotlines(client, pages):
    publish_alert(
        "Boil-water notice",
        severity=Severity.EMERGENCY,
        message="Boil tap water for one minute.\n\nBottled water at City Hall.",
        link_url="https://www.jacksonms.gov/water",
        hotlines=[("Water emergency line", "601-555-0199"), ("Spanish", "+1 (601) 555.0188")],
    )
    publish_alert("Street closures", severity=Severity.WARNING, link_url="https://example.gov/streets", link_text="Map")
    emergency, warning = banner(client.get(pages["city-home"].url)).select("[data-alert]")
    assert [p.get_text() for p in emergency.select(".site-alert__message p")] == [
        "Boil tap water for one minute.",
        "Bottled water at City Hall.",
    ]
    calls = emergency.select("a.site-alert__call")
    assert [(a["href"], a.get_text(" ", strip=True)) for a in calls] == [
        ("tel:+16015550199", "Water emergency line 601-555-0199"),
        ("tel:+16015550188", "Spanish +1 (601) 555.0188"),
    ]
    more = emergency.select_one(".site-alert__more a")
    assert more["href"] == "https://www.jacksonms.gov/water"
    assert more.get_text(" ", strip=True) == "More information about Boil-water notice"
    link = warning.select_one(".site-alert__more a")
    assert (link["href"], link.get_text(strip=True)) == ("https://example.gov/streets", "Map")
    assert warning.select_one(".site-alert__hotlines") is None


@pytest.mark.django_db
def test_hostile_content_is_escaped(client, pages):
    script = '<script>alert("x")</script>'
    alert = publish_alert(
        f'Flood {script}<img src=x onerror="alert(1)">',
        message=f'Stay home {script}\n<a href="javascript:alert(1)">click</a> “unicode” ✓ 💧 ' + "é" * 300,
        link_url='https://example.gov/?q="><script>alert(1)</script>',
        link_text=f"Read {script}",
        severity=Severity.WARNING,
        hotlines=[("Line <b>bold</b>", "601-555-0100")],
    )
    response = client.get(pages["city-home"].url)
    html = response.content.decode()
    region = banner(response)
    assert "<script>alert" not in html
    assert not soup(response).select(
        'script:not([src]):not([type="application/ld+json"]), [onerror], a[href^=javascript]'
    )
    assert not region.select("script, img, b")
    assert region.select_one(".site-alert__title").get_text() == f'Flood {script}<img src=x onerror="alert(1)">'
    assert script in region.select_one(".site-alert__message").get_text()
    assert "💧" in html and "é" * 300 in html
    assert region.select_one(".site-alert__more a")["href"] == 'https://example.gov/?q="><script>alert(1)</script>'
    assert region.select_one(".site-alert__call-label").get_text() == "Line <b>bold</b>"

    # The model refuses a javascript: link; one written straight to the table is still never linked.
    alert.link_url = "javascript:alert(1)"
    with pytest.raises(ValidationError):
        alert.save_revision()
    for url in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>", "//evil.example", "/\\evil"):
        Alert.objects.filter(pk=alert.pk).update(link_url=url)
        freshness.bump()
        region = banner(client.get(pages["city-home"].url))
        assert region.select_one(".site-alert__more") is None, url


@pytest.mark.django_db
def test_oversized_content_wraps_in_the_page(client, pages):
    publish_alert("W" * 120, message="x" * 600, severity=Severity.INFORMATION)
    region = banner(client.get(pages["city-home"].url))
    assert region.select_one(".site-alert__title").get_text() == "W" * 120
    assert region.select_one(".site-alert__message").get_text(strip=True) == "x" * 600


@pytest.mark.django_db
def test_no_alerts_no_region_and_no_cookies(client, pages):
    response = client.get(pages["city-home"].url)
    assert banner(response) is None
    publish_alert("Street closures", severity=Severity.WARNING)
    for url in (pages["city-home"].url, pages["service"].url, "/search/?q=trash", "/no-such-page/"):
        response = client.get(url)
        assert banner(response) is not None
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url


@pytest.mark.django_db
def test_no_inline_script_or_style(client, pages):
    """The site's CSP forbids inline code: the banner brings only its linked files."""
    publish_alert("Tornado warning", severity=Severity.EMERGENCY)
    publish_alert("Street closures", severity=Severity.WARNING)
    response = client.get(pages["city-home"].url)
    html = response.content.decode()
    page = soup(response)
    assert not page.select('[style], style, script:not([src]):not([type="application/ld+json"])')
    assert 'href="/static/alerts/css/alerts.css"' in html
    assert page.select_one('script[src="/static/alerts/js/alerts.js"]').has_attr("defer")
    assert "Content-Security-Policy" in response.headers


# ---------- cost ----------


@pytest.mark.django_db
def test_warm_cache_adds_no_queries(client, pages, django_assert_num_queries):
    url = pages["service"].url

    def queries_for_a_warm_view():
        client.get(url)  # warm every cache this page reads (the first view creates the city settings)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        return response, captured.captured_queries

    _, without_alerts = queries_for_a_warm_view()
    publish_alert("Boil-water notice", severity=Severity.EMERGENCY, hotlines=[("Water emergency line", "601-555-0199")])
    publish_alert("Street closures", scope=Scope.DEPARTMENTS, departments=[pages["department"]])
    publish_alert("Pool closed", scope=Scope.PAGES, pages=[pages["service"]], severity=Severity.INFORMATION)
    response, with_alerts = queries_for_a_warm_view()
    assert shown_titles(response) == ["Boil-water notice", "Street closures", "Pool closed"]
    assert len(with_alerts) == len(without_alerts)
    assert not [query for query in with_alerts if "alerts_" in query["sql"]]

    # The tag alone, on a warm cache, for a page and for a view that is not a page.
    template = Template("{% load alert_tags %}{% site_alerts %}")
    with django_assert_num_queries(0):
        assert "Pool closed" in template.render(Context({"page": pages["service"]}))
        html = template.render(Context({"page": "not a page"}))
    assert "Boil-water notice" in html and "Pool closed" not in html


@pytest.mark.django_db
def test_publishing_shows_at_once(client, pages):
    """Publishing moves the alerts' version, so a warm cache never hides a new alert."""
    url = pages["city-home"].url
    assert shown_titles(client.get(url)) == []
    publish_alert("Tornado warning", severity=Severity.EMERGENCY)
    assert shown_titles(client.get(url)) == ["Tornado warning"]


@pytest.mark.django_db
def test_an_alert_replaces_kept_pages_but_keeps_what_they_are_built_from(
    client, pages, settings, django_capture_on_commit_callbacks
):
    """The page cache keys pages by the alerts showing, so an alert needs no new content version:
    the kept site, navigation and fragments stay, and an emergency's renders start from them."""
    from django.core.cache import caches
    from wagtail.models import Site

    from home.models import CitySettings

    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    url = pages["city-home"].url
    CitySettings.for_site(Site.objects.get(is_default_site=True))  # made on first use, which bumps the version
    client.get(url)
    assert client.get(url).headers.get("X-Page-Cache") == "hit"
    before = freshness.version()
    with django_capture_on_commit_callbacks(execute=True):
        alert = publish_alert("Tornado warning", severity=Severity.EMERGENCY)
    assert freshness.version() == before
    response = client.get(url)
    assert response.headers.get("X-Page-Cache") == "redrawn" and shown_titles(response) == ["Tornado warning"]
    alert.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        alert.unpublish()
    response = client.get(url)
    assert shown_titles(response) == []
    caches["pages"].clear()
