"""Front-end cache purging: which URLs each change purges, only after commit, never unconfigured.

A recording backend (tests/frontend_cache_helpers.py) stands in for the CDN; the HTTP backend is
checked against a small local HTTP server that records the PURGE requests it receives. The real
Varnish round trip is tests/test_varnish.py.
"""

import datetime
import http.server
import threading

import pytest
from django.utils import timezone
from wagtail.models import Page

from alerts.models import Alert, AlertPage, Scope
from core import frontend_cache
from events.dates import months_spanned
from home.models import StandardPage
from tests.conftest import add_child
from tests.frontend_cache_helpers import RECORDING, RecordingBackend

pytestmark = pytest.mark.shared_tree

DEPT = "/departments/public-works/"
NEWS_LISTINGS = {"/", "/departments/", DEPT, "/news/", "/news/feed/", "/news/feed/atom/"}
EVENT_LISTINGS = {"/events/", "/events/past/", "/events/month/", "/events/calendar.ics"}


@pytest.fixture
def purges(department, settings):
    """Purging switched on with the recording backend, after the fixtures' pages are built."""
    frontend_cache._pending().clear()
    RecordingBackend.batches = []
    settings.WAGTAILFRONTENDCACHE = RECORDING
    yield RecordingBackend
    RecordingBackend.batches = []
    frontend_cache._pending().clear()


def committed(capture, action, wagtail_redirects=frozenset()):
    """Run ``action`` in the test's transaction; nothing may be purged until its callbacks run.

    Except ``wagtail_redirects``: when a page moves or changes slug, Wagtail's redirects app
    purges the old paths (without their trailing slash) as it creates redirects to the new ones,
    at once; in the admin that happens after the move has committed.
    """
    with capture(execute=False) as callbacks:
        action()
    before = RecordingBackend.paths()
    assert before <= set(wagtail_redirects), "purged before the transaction committed"
    RecordingBackend.batches = []
    for callback in callbacks:
        callback()
    return RecordingBackend.paths()


def publish(page):
    page.refresh_from_db()
    page.save_revision().publish()


def test_publishing_a_department_story_purges_it_its_ancestors_the_news_index_and_feed(
    purges, department, django_capture_on_commit_callbacks
):
    story = department["news"]
    paths = committed(django_capture_on_commit_callbacks, lambda: publish(story))
    assert paths == {DEPT + "paving-state-street/"} | NEWS_LISTINGS
    assert len(purges.batches) == 1, "one transaction, one batch"


def test_an_event_purges_its_ical_file_and_every_events_listing(purges, department, django_capture_on_commit_callbacks):
    event = department["event"]
    paths = committed(django_capture_on_commit_callbacks, lambda: publish(event))
    own = DEPT + "spring-cleanup/"
    months = {f"/events/month/{month}/" for month in months_spanned(event)}
    assert len(months) in (1, 2)
    assert paths == {own, own + "event.ics", "/", "/departments/", DEPT} | EVENT_LISTINGS | months


def test_an_event_across_months_purges_each_month_page(purges, department, django_capture_on_commit_callbacks):
    event = department["event"]
    tz = timezone.get_current_timezone()
    event.start = datetime.datetime(2027, 1, 30, 18, tzinfo=tz)
    event.end = datetime.datetime(2027, 3, 2, 9, tzinfo=tz)
    event.save_revision().publish()
    frontend_cache._pending().clear()  # that first publish never commits (the test's transaction)
    paths = committed(django_capture_on_commit_callbacks, lambda: publish(event))
    month_pages = {path for path in paths if path.startswith("/events/month/2")}
    assert month_pages == {"/events/month/2027-01/", "/events/month/2027-02/", "/events/month/2027-03/"}


def test_the_month_of_an_event_is_the_citys_month_not_utcs(department):
    event = department["event"]
    # 11 p.m. on 31 December in Jackson is already January in UTC.
    event.start = datetime.datetime(2026, 12, 31, 23, tzinfo=timezone.get_current_timezone())
    event.end = None
    assert months_spanned(event) == ["2026-12"]


@pytest.mark.parametrize(
    ("name", "slug", "index"),
    [
        ("service", "report-a-pothole", "/services/"),
        ("faq", "trash-day", "/faq/"),
        ("contact", "dana-whitfield", "/directory/"),
    ],
)
def test_department_content_purges_its_city_wide_index(
    purges, department, django_capture_on_commit_callbacks, name, slug, index
):
    paths = committed(django_capture_on_commit_callbacks, lambda: publish(department[name]))
    assert paths == {DEPT + slug + "/", "/", "/departments/", DEPT, index}


def test_a_department_purges_every_index_that_lists_or_filters_by_departments(
    purges, department, django_capture_on_commit_callbacks
):
    paths = committed(django_capture_on_commit_callbacks, lambda: publish(department["department"]))
    assert paths == {
        DEPT,
        "/",
        "/departments/",
        "/services/",
        "/faq/",
        "/directory/",
        "/news/",
        "/news/feed/",
        "/news/feed/atom/",
    } | (EVENT_LISTINGS)


def test_a_form_or_standard_page_purges_itself_and_its_ancestors(
    purges, city, department, django_capture_on_commit_callbacks
):
    paths = committed(django_capture_on_commit_callbacks, lambda: publish(department["form"]))
    assert paths == {DEPT + "contact-public-works/", "/", "/departments/", DEPT}
    RecordingBackend.batches = []
    paths = committed(django_capture_on_commit_callbacks, lambda: publish(city["about"]))
    assert paths == {"/about/", "/"}


def test_unpublishing_purges_the_same_urls_as_publishing(purges, department, django_capture_on_commit_callbacks):
    story = department["news"]
    story.refresh_from_db()
    paths = committed(django_capture_on_commit_callbacks, story.unpublish)
    assert paths == {DEPT + "paving-state-street/"} | NEWS_LISTINGS


def test_deleting_a_page_purges_it_at_the_url_it_had(purges, department, django_capture_on_commit_callbacks):
    story = Page.objects.get(pk=department["news"].pk)
    paths = committed(django_capture_on_commit_callbacks, story.delete)
    assert paths == {DEPT + "paving-state-street/"} | NEWS_LISTINGS


def test_deleting_a_draft_purges_nothing(purges, city, django_capture_on_commit_callbacks):
    draft = StandardPage(title="Draft", slug="draft", live=False)
    city["home"].add_child(instance=draft)
    paths = committed(django_capture_on_commit_callbacks, Page.objects.get(pk=draft.pk).delete)
    assert paths == set()


def test_moving_a_page_purges_its_old_and_new_urls_and_both_sets_of_listings(
    purges, city, department, django_capture_on_commit_callbacks
):
    parent = add_child(city["about"], StandardPage(title="History", slug="history"))
    child = add_child(parent, StandardPage(title="Founding", slug="founding"))
    RecordingBackend.batches = []
    frontend_cache._pending().clear()
    moving = Page.objects.get(pk=parent.pk)
    paths = committed(
        django_capture_on_commit_callbacks,
        lambda: moving.move(department["department"], pos="last-child"),
        wagtail_redirects={"/about/history", "/about/history/founding"},
    )
    assert child.pk
    assert paths == {
        "/about/history/",
        "/about/history/founding/",
        "/about/",
        "/",
        DEPT + "history/",
        "/departments/",
        DEPT,
    }


def test_changing_a_slug_purges_the_old_url(purges, city, django_capture_on_commit_callbacks):
    about = city["about"]
    about.refresh_from_db()
    about.slug = "about-the-city"

    def rename():
        about.save_revision().publish()

    paths = committed(django_capture_on_commit_callbacks, rename, wagtail_redirects={"/about"})
    # "/about" (no slash) is Wagtail's redirects app purging the redirect it made, after commit here.
    assert paths - {"/about"} == {"/about/", "/about-the-city/", "/"}


def test_unicode_slug_is_purged_as_the_browser_asks_for_it(purges, city, django_capture_on_commit_callbacks):
    cafe = add_child(city["about"], StandardPage(title="Café <b>", slug="café"))
    RecordingBackend.batches = []
    frontend_cache._pending().clear()
    paths = committed(django_capture_on_commit_callbacks, lambda: publish(cafe))
    assert paths == {"/about/caf%C3%A9/", "/about/", "/"}, "percent-encoded, as browsers ask for it"


# -- alerts --------------------------------------------------------------------------------------

FEEDS = {"/alerts/", "/alerts/feed.rss", "/alerts/feed.atom", "/alerts/feed.json", "/alerts/cap.atom"}


def alert_feeds(alert):
    return FEEDS | {f"/alerts/{alert.pk}/cap.xml"}


def make_alert(**fields):
    alert = Alert(title="Boil-water notice", message="Boil tap water.", live=False, **fields)
    alert.save()
    return alert


def every_public_path():
    return {page.url for page in Page.objects.live().public().filter(depth__gt=1).specific()} | {
        "/news/feed/",
        "/news/feed/atom/",
        "/events/past/",
        "/events/month/",
        "/events/calendar.ics",
        "/departments/public-works/spring-cleanup/event.ics",
    }


def test_a_site_wide_alert_purges_every_live_public_page_and_the_alert_feeds(
    purges, department, django_capture_on_commit_callbacks
):
    alert = make_alert(scope=Scope.SITE)
    paths = committed(django_capture_on_commit_callbacks, lambda: alert.save_revision().publish())
    assert paths == every_public_path() | alert_feeds(alert)
    assert len(paths) > 15


def test_a_site_wide_alert_is_one_wildcard_per_site_on_cloudfront(
    purges, department, settings, django_capture_on_commit_callbacks
):
    """CloudFront refuses more than 3,000 paths in progress; "/*" counts as one."""
    from tests.frontend_cache_helpers import RecordingCloudfrontBackend

    RecordingCloudfrontBackend.batches = []
    settings.WAGTAILFRONTENDCACHE = {
        **RECORDING,
        "cloudfront": {"BACKEND": "tests.frontend_cache_helpers.RecordingCloudfrontBackend"},
    }
    alert = make_alert(scope=Scope.SITE)
    paths = committed(django_capture_on_commit_callbacks, lambda: alert.save_revision().publish())
    assert paths == every_public_path() | alert_feeds(alert)
    assert RecordingCloudfrontBackend.batches == [["http://localhost/*"]]


def test_a_department_alert_purges_the_department_subtree(purges, city, department, django_capture_on_commit_callbacks):
    alert = make_alert(scope=Scope.DEPARTMENTS)
    alert.departments.set([department["department"]])
    alert.save()

    paths = committed(django_capture_on_commit_callbacks, lambda: alert.save_revision().publish())
    dept_pages = {page.url for page in Page.objects.live().descendant_of(department["department"], inclusive=True)}
    assert paths == dept_pages | {DEPT + "spring-cleanup/event.ics"} | alert_feeds(alert)
    assert "/about/" not in paths and "/" not in paths


def test_a_page_alert_purges_those_pages(purges, city, department, django_capture_on_commit_callbacks):
    alert = make_alert(scope=Scope.PAGES)
    alert.scope_pages = [AlertPage(page=page) for page in [city["about"], department["service"]]]
    alert.save()
    paths = committed(django_capture_on_commit_callbacks, lambda: alert.save_revision().publish())
    assert paths == {"/about/", DEPT + "report-a-pothole/"} | alert_feeds(alert)


def test_narrowing_a_published_alert_also_purges_the_pages_it_leaves(
    purges, city, department, django_capture_on_commit_callbacks
):
    alert = make_alert(scope=Scope.PAGES)
    alert.scope_pages = [AlertPage(page=page) for page in [city["about"]]]
    alert.save()
    alert.save_revision().publish()
    RecordingBackend.batches = []
    alert.refresh_from_db()
    alert.scope_pages = [AlertPage(page=page) for page in [department["service"]]]
    paths = committed(django_capture_on_commit_callbacks, lambda: alert.save_revision().publish())
    assert paths == {"/about/", DEPT + "report-a-pothole/"} | alert_feeds(alert)


def test_unpublishing_and_deleting_an_alert_purge_its_scope(
    purges, city, department, django_capture_on_commit_callbacks
):
    alert = make_alert(scope=Scope.PAGES)
    alert.scope_pages = [AlertPage(page=page) for page in [city["about"]]]
    alert.save()
    alert.save_revision().publish()
    alert.refresh_from_db()
    RecordingBackend.batches = []
    assert committed(django_capture_on_commit_callbacks, alert.unpublish) == {"/about/"} | alert_feeds(alert)

    alert.save_revision().publish()
    alert.refresh_from_db()
    RecordingBackend.batches = []
    expected = {"/about/"} | alert_feeds(alert)
    assert committed(django_capture_on_commit_callbacks, alert.delete) == expected


def test_saving_an_alert_draft_or_deleting_an_unpublished_alert_purges_nothing(
    purges, city, django_capture_on_commit_callbacks
):
    alert = make_alert(scope=Scope.SITE)
    assert committed(django_capture_on_commit_callbacks, alert.save_revision) == set()
    assert committed(django_capture_on_commit_callbacks, alert.delete) == set()


def test_an_alert_that_starts_later_is_purged_again_when_it_starts_where_the_queue_can_wait(
    purges, city, settings, django_capture_on_commit_callbacks
):
    """The immediate backend cannot run a task later: the later purge is skipped, not run early."""
    alert = make_alert(scope=Scope.PAGES, starts_at=timezone.now() + datetime.timedelta(hours=1))
    alert.scope_pages = [AlertPage(page=page) for page in [city["about"]]]
    alert.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        alert.save_revision().publish()
    purges_queued = [callback for callback in callbacks if "purge_pages_after_commit" in callback.__qualname__]
    assert len(purges_queued) == 2, "one purge now, one at the start"
    assert len(RecordingBackend.batches) == 1


# -- nothing configured ------------------------------------------------------------------------------


def test_nothing_is_queued_or_queried_when_no_cache_is_configured(
    department, settings, monkeypatch, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.WAGTAILFRONTENDCACHE = {}
    queued = []

    class Task:
        def enqueue(self, *args, **kwargs):
            queued.append(args)

        call = enqueue

    monkeypatch.setattr(frontend_cache, "purge_urls_from_cache_task", Task())
    story = department["news"]
    story.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
        story.unpublish()
        alert = make_alert(scope=Scope.SITE)
        alert.save_revision().publish()
    assert queued == []
    with django_assert_num_queries(0):
        frontend_cache._page_published(type(story), story)
        frontend_cache.purge_pages.call(every_page=True, paths=["/alerts/"])


# -- the HTTP backend against a server ----------------------------------------------------------------


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        type(self).received.append((self.path, self.headers["Host"]))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", PurgeRecorder.received
    server.shutdown()
    server.server_close()


def test_http_backend_sends_purge_with_the_public_host_and_an_encoded_path(purge_server):
    location, received = purge_server
    backend = frontend_cache.TimedHTTPBackend({"LOCATION": location, "TIMEOUT": 2})
    backend.purge_batch(["https://www.example.gov/news/", "http://www.example.gov:8080/about/café/?page=2"])
    assert received == [("/news/", "www.example.gov"), ("/about/caf%C3%A9/?page=2", "www.example.gov:8080")]


def test_http_backend_logs_and_goes_on_when_the_cache_is_down(caplog):
    backend = frontend_cache.TimedHTTPBackend({"LOCATION": "http://127.0.0.1:9", "TIMEOUT": 1})
    backend.purge_batch(["http://www.example.gov/", "http://www.example.gov/news/"])
    assert caplog.text.count("Couldn't purge") == 2


# -- configuration from the environment -------------------------------------------------------------

CACHE_VARIABLES = (
    "FRONTEND_CACHE_PURGE_URL",
    "FRONTEND_CACHE_HOSTNAMES",
    "FRONTEND_CACHE_TIMEOUT",
    "CLOUDFLARE_ZONE_ID",
    "CLOUDFLARE_API_TOKEN",
    "CLOUDFRONT_DISTRIBUTION_ID",
)


@pytest.fixture
def cache_env(monkeypatch):
    for name in CACHE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_nothing_configured_means_no_backends(cache_env):
    from jackson.settings.frontend_cache import frontend_cache_backends

    assert frontend_cache_backends() == {}


def test_every_kind_of_cache_from_the_environment(cache_env):
    from wagtail.contrib.frontend_cache.utils import get_backends

    from jackson.settings.frontend_cache import frontend_cache_backends

    cache_env.setenv("FRONTEND_CACHE_PURGE_URL", "http://10.0.0.5:6081, http://10.0.0.6:6081,")
    cache_env.setenv("FRONTEND_CACHE_HOSTNAMES", "www.example.gov")
    cache_env.setenv("CLOUDFLARE_ZONE_ID", "zone123")
    cache_env.setenv("CLOUDFLARE_API_TOKEN", "token456")
    cache_env.setenv("CLOUDFRONT_DISTRIBUTION_ID", "E2EXAMPLE")
    backends = frontend_cache_backends()
    assert sorted(backends) == ["cloudflare", "cloudfront", "http0", "http1"]
    assert backends["http1"]["LOCATION"] == "http://10.0.0.6:6081"
    assert all(backend["HOSTNAMES"] == ["www.example.gov"] for backend in backends.values())
    built = get_backends(backends)
    assert isinstance(built["http0"], frontend_cache.TimedHTTPBackend)
    assert built["cloudflare"].cloudflare_token == "token456"
    assert built["cloudfront"].cloudfront_distribution_id == "E2EXAMPLE"
    assert not built["http0"].invalidates_hostname("evil.example.com")


@pytest.mark.parametrize(
    "variables",
    [
        {"FRONTEND_CACHE_PURGE_URL": "varnish:6081"},
        {"FRONTEND_CACHE_PURGE_URL": "file:///etc/passwd"},
        {"CLOUDFLARE_ZONE_ID": "zone-without-token"},
        {"CLOUDFLARE_API_TOKEN": "token-without-zone"},
    ],
)
def test_incomplete_or_malformed_configuration_refuses_to_start(cache_env, variables):
    from django.core.exceptions import ImproperlyConfigured

    from jackson.settings.frontend_cache import frontend_cache_backends

    for name, value in variables.items():
        cache_env.setenv(name, value)
    with pytest.raises(ImproperlyConfigured):
        frontend_cache_backends()
