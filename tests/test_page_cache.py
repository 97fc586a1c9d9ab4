"""The page cache (jackson/page_cache.py): whole anonymous pages, never anything personal or hidden.

Test settings turn the page cache off; the ``page_cache`` fixture turns it on. Changes are
made inside ``django_capture_on_commit_callbacks(execute=True)`` so the after-commit
forgetting (core/freshness.py) runs as it would when the admin's transaction commits.
"""

import datetime
import os

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from home.models import CitySettings, StandardPage
from jackson import page_cache
from tests.conftest import add_child

pytestmark = [pytest.mark.django_db, pytest.mark.shared_tree]


@pytest.fixture
def page_cache_on(settings, home):
    CitySettings.for_site(Site.objects.get(is_default_site=True))  # made on first use, which bumps the version
    settings.PAGE_CACHE_SECONDS = 600
    settings.HTTP_CACHE_MAX_AGE = 30
    settings.HTTP_CACHE_STALE_IF_ERROR = 86400
    caches["pages"].clear()
    yield settings
    caches["pages"].clear()


@pytest.fixture
def about(city, page_cache_on):
    return city["about"]


def status_of(response):
    return response.headers.get("X-Page-Cache")


def warm(client, url):
    """Fetch twice; the second must be a hit."""
    first = client.get(url)
    assert first.status_code == 200 and status_of(first) == "miss"
    second = client.get(url)
    assert status_of(second) == "hit"
    return second


def committed(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks(execute=True)


# Hits and misses ---------------------------------------------------------------------------


def test_a_repeat_is_the_same_page_from_the_cache(client, about):
    first = client.get("/about/")
    second = client.get("/about/")
    assert status_of(first) == "miss" and status_of(second) == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_hit_costs_no_sql_at_all(client, about, django_assert_num_queries):
    warm(client, "/about/")
    with django_assert_num_queries(0):
        response = client.get("/about/")
    assert status_of(response) == "hit"


def test_head_is_answered_from_the_get_copy_and_never_stored(client, about):
    head = client.head("/about/")
    assert head.status_code == 200 and status_of(head) == "miss"
    assert status_of(client.head("/about/")) == "miss"  # a HEAD stored nothing
    client.get("/about/")
    assert status_of(client.head("/about/")) == "hit"


def test_the_key_holds_host_path_and_query_string(client, about):
    warm(client, "/about/")
    assert status_of(client.get("/about/?utm_source=x")) == "miss"
    assert status_of(client.get("/about/", HTTP_HOST="other.example")) == "miss"
    assert status_of(client.get("/")) == "miss"


def test_zero_seconds_turns_the_page_cache_off(client, about, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/about/")
    assert status_of(client.get("/about/")) == "miss"


def test_a_cache_outage_costs_speed_never_the_page(client, about, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(caches["pages"], "get", down)
    monkeypatch.setattr(caches["pages"], "set", down)
    assert client.get("/about/").status_code == 200
    assert client.get("/about/").status_code == 200


# Never cached ------------------------------------------------------------------------------


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", "editor@example.gov", "pw", is_staff=True, is_superuser=True)
    return user


def test_a_signed_in_editor_never_gets_the_anonymous_copy(client, about, editor):
    warm(client, "/about/")
    client.force_login(editor)
    response = client.get("/about/")
    assert response.status_code == 200
    assert status_of(response) is None  # the cache was not even consulted
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_nothing_an_editor_sees_gets_into_a_stored_copy(client, about, editor):
    client.force_login(editor)
    signed_in = client.get("/about/")
    assert signed_in.status_code == 200
    client.get("/admin/")  # the admin too
    client.logout()
    client.cookies.clear()
    anonymous = client.get("/about/")
    assert status_of(anonymous) == "miss"  # nothing was stored while signed in
    html = anonymous.content.decode()
    assert "editor" not in html and "/admin/pages/" not in html and "wagtail-userbar" not in html
    assert status_of(client.get("/about/")) == "hit"


def test_any_session_cookie_skips_the_cache(client, about):
    warm(client, "/about/")
    client.cookies["sessionid"] = "not-a-real-session"
    response = client.get("/about/")
    assert response.status_code == 200 and status_of(response) is None
    assert "public" not in response.get("Cache-Control", "")


def test_an_api_token_skips_the_cache(client, about):
    warm(client, "/about/")
    assert status_of(client.get("/about/", HTTP_AUTHORIZATION="Bearer abc")) is None


@pytest.mark.parametrize("kind", ["password", "login", "groups"])
def test_a_page_under_a_view_restriction_is_never_kept(client, about, kind):
    restriction = PageViewRestriction.objects.create(page=about, restriction_type=kind, password="sesame")
    if kind == "groups":
        restriction.groups.add(Group.objects.create(name="Staff only"))
    for _ in range(2):
        response = client.get("/about/")
        assert status_of(response) is None
        assert "public" not in response.get("Cache-Control", "")
        assert "Our city." not in response.content.decode()


def test_a_child_of_a_restricted_section_is_never_kept(client, about):
    child = add_child(about, StandardPage(title="History", slug="history", intro="Old town."))
    PageViewRestriction.objects.create(page=about, restriction_type="login")
    client.get(child.url)
    assert status_of(client.get(child.url)) is None


def test_a_response_that_sets_a_cookie_is_never_kept(client, department, page_cache_on):
    url = department["form"].url  # a form page renders a CSRF token and sets its cookie
    first = client.get(url)
    assert first.status_code == 200 and first.cookies
    client.cookies.clear()
    second = client.get(url)
    assert status_of(second) is None
    assert "public" not in second.get("Cache-Control", "")


def test_a_form_showing_errors_is_never_kept_nor_served_to_others(client, department, page_cache_on):
    url = department["form"].url
    client.get(url)
    posted = client.post(url, {"website": "", "anything": "<script>alert(1)</script>"})
    assert status_of(posted) is None
    client.cookies.clear()
    again = client.get(url)
    assert "There is a problem" not in again.content.decode()
    assert "There are problems" not in again.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options"])
def test_only_get_and_head_are_kept(client, about, method):
    for _ in range(2):
        response = getattr(client, method)("/about/")
        assert status_of(response) is None


def test_the_admin_is_never_kept(client, about):
    for url in ("/admin/login/", "/django-admin/login/"):
        client.get(url)
        response = client.get(url)
        assert status_of(response) is None


def middleware_with(response_factory):
    return page_cache.PageCacheMiddleware(response_factory)


@pytest.mark.parametrize("directive", ["private", "no-store", "no-cache", "private, max-age=60"])
def test_a_response_that_says_private_or_no_store_is_never_kept(about, directive):
    calls = []

    def view(request):
        calls.append(request)
        response = HttpResponse("<p>Per visitor</p>" * 20)
        response["Cache-Control"] = directive
        return response

    middleware = middleware_with(view)
    for _ in range(2):
        response = middleware(RequestFactory().get("/per-visitor/"))
        assert response["Cache-Control"] == directive
    assert len(calls) == 2


@pytest.mark.parametrize("status", [500, 502, 503, 301, 302, 403])
def test_errors_and_redirects_are_never_kept(about, status):
    calls = []

    def view(request):
        calls.append(request)
        return HttpResponse("Something", status=status)

    middleware = middleware_with(view)
    for _ in range(2):
        response = middleware(RequestFactory().get("/broken/"))
        assert "public" not in response.get("Cache-Control", "")
    assert len(calls) == 2


def test_a_preview_is_never_kept(about):
    calls = []

    def view(request):
        calls.append(request)
        request.is_preview = True
        return HttpResponse("<p>Draft</p>")

    middleware = middleware_with(view)
    middleware(RequestFactory().get("/about/"))
    response = middleware(RequestFactory().get("/about/"))
    assert len(calls) == 2 and "public" not in response.get("Cache-Control", "")


def test_a_response_varying_on_more_than_the_encoding_is_never_kept(about):
    def view(request):
        response = HttpResponse("<p>Bonjour</p>")
        response["Vary"] = "Accept-Language"
        return response

    middleware = middleware_with(view)
    assert middleware(RequestFactory().get("/x/")).get("X-Page-Cache") is None


def test_a_not_found_page_is_kept_for_a_minute_only(client, about, monkeypatch):
    timeouts = []
    real_set = caches["pages"].set
    monkeypatch.setattr(
        caches["pages"], "set", lambda key, value, timeout: timeouts.append(timeout) or real_set(key, value, timeout)
    )
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert client.get("/no-such-page/").status_code == 404
    assert status_of(client.get("/no-such-page/")) == "hit"
    # The page and its frame (the copy the alert banner is redrawn into), both for a minute.
    assert timeouts == [page_cache.NOT_FOUND_SECONDS] * 2
    client.get("/about/")
    assert timeouts[-1] == 600


def test_a_search_page_is_kept_here_only_checked_and_counted_on_every_serve(client, department, page_cache_on):
    """Kept by the page cache, but never by a browser or CDN (``private, no-cache``): each serve runs
    the search app's check (every listed page still public) and counts the search."""
    from search.models import QueryStat

    first = client.get("/search/", {"q": "pothole"})
    second = client.get("/search/", {"q": "pothole"})
    assert status_of(first) == "miss" and status_of(second) == "hit"
    assert second.content == first.content and "Report a pothole" in second.content.decode()
    for response in (first, second):
        directives = response["Cache-Control"]
        assert "private" in directives and "no-cache" in directives and "public" not in directives
    assert QueryStat.objects.get(query="pothole").searches == 2


def test_a_kept_search_page_listing_a_page_gone_private_is_rendered_again(client, department, page_cache_on):
    from wagtail.models import Page

    service = department["service"]
    assert "Report a pothole" in client.get("/search/", {"q": "pothole"}).content.decode()
    # A bulk update sends no signal, so nothing is forgotten: only the check on serve can notice.
    Page.objects.filter(pk=service.pk).update(live=False)
    response = client.get("/search/", {"q": "pothole"})
    assert status_of(response) == "miss" and "Report a pothole" not in response.content.decode()


def test_a_search_by_someone_signed_in_is_never_kept(client, department, page_cache_on, editor):
    client.force_login(editor)
    client.get("/search/", {"q": "pothole"})
    response = client.get("/search/", {"q": "pothole"})
    assert status_of(response) is None and "public" not in response.get("Cache-Control", "")


# Expiry ------------------------------------------------------------------------------------


def test_a_page_with_an_expiry_is_never_kept_or_cached_past_it(client, about, monkeypatch):
    import time_machine

    now = timezone.now()
    about.expire_at = now + datetime.timedelta(seconds=12)
    about.save_revision().publish()
    about.refresh_from_db()
    assert about.live and about.expire_at
    timeouts = []
    real_set = caches["pages"].set
    monkeypatch.setattr(
        caches["pages"], "set", lambda key, value, timeout: timeouts.append(timeout) or real_set(key, value, timeout)
    )
    with time_machine.travel(now, tick=False):
        first = client.get("/about/")
        assert first.status_code == 200
        assert "max-age=12" in first["Cache-Control"] and "s-maxage=12" in first["Cache-Control"]
        assert timeouts and timeouts[-1] <= 12
        assert status_of(client.get("/about/")) == "hit"
    with time_machine.travel(now + datetime.timedelta(seconds=8), tick=False):
        hit = client.get("/about/")
        assert status_of(hit) == "hit" and "max-age=4" in hit["Cache-Control"]
    with time_machine.travel(now + datetime.timedelta(seconds=13), tick=False):
        gone = client.get("/about/")
        assert gone.status_code == 404  # before publish_scheduled has run
        about.refresh_from_db()
        assert about.live


def test_a_live_page_past_its_expiry_is_gone_even_without_the_cache(client, city):
    about = city["about"]
    Page.objects.filter(pk=about.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get("/about/").status_code == 404


# Invalidation after commit -----------------------------------------------------------------


def test_what_is_kept_during_a_transaction_does_not_survive_its_commit(
    client, about, django_capture_on_commit_callbacks
):
    warm(client, "/about/")
    with committed(django_capture_on_commit_callbacks):
        about.intro = "Changed."
        about.save_revision().publish()
        # A request in the window: kept under the version bumped inside the transaction.
        client.get("/about/")
        assert status_of(client.get("/about/")) == "hit"
    after = client.get("/about/")
    assert status_of(after) == "miss"


def test_a_page_made_private_is_never_served_from_the_cache(client, about, django_capture_on_commit_callbacks):
    warm(client, "/about/")
    with committed(django_capture_on_commit_callbacks):
        PageViewRestriction.objects.create(page=about, restriction_type="password", password="sesame")
    response = client.get("/about/")
    assert status_of(response) is None and "Our city." not in response.content.decode()


def test_a_deleted_page_is_never_served_from_the_cache(client, about, django_capture_on_commit_callbacks):
    warm(client, "/about/")
    with committed(django_capture_on_commit_callbacks):
        about.delete()
    assert client.get("/about/").status_code == 404


def test_an_unpublished_page_is_never_served_from_the_cache(client, about, django_capture_on_commit_callbacks):
    warm(client, "/about/")
    with committed(django_capture_on_commit_callbacks):
        about.unpublish()
    assert client.get("/about/").status_code == 404


def test_a_published_edit_shows_at_once(client, about, django_capture_on_commit_callbacks):
    warm(client, "/about/")
    with committed(django_capture_on_commit_callbacks):
        about.title = "About the City <b>"
        about.save_revision().publish()
    html = client.get("/about/").content.decode()
    assert "About the City &lt;b&gt;" in html


def test_a_moved_page_leaves_its_old_address(client, city, page_cache_on, django_capture_on_commit_callbacks):
    about = city["about"]
    warm(client, "/about/")
    with committed(django_capture_on_commit_callbacks):
        about.move(city["news"], pos="last-child")
    moved = client.get("/about/")
    assert moved.status_code == 301 and moved["Location"] == "/news/about/"  # Wagtail's automatic redirect
    assert status_of(client.get("/news/about/")) == "miss"


def test_navigation_follows_a_new_section(client, about, django_capture_on_commit_callbacks):
    home = about.get_parent().specific
    warm(client, "/about/")
    with committed(django_capture_on_commit_callbacks):
        add_child(home, StandardPage(title="Emergency shelters", slug="shelters", intro="Where to go."))
    assert status_of(client.get("/about/")) == "miss"
    assert client.get("/shelters/").status_code == 200


def test_site_and_city_settings_edits_forget_kept_pages(client, about, django_capture_on_commit_callbacks):
    warm(client, "/about/")
    with committed(django_capture_on_commit_callbacks):
        settings = CitySettings.for_site(Site.objects.get(is_default_site=True))
        settings.city_name = "City of Ridgeland"
        settings.save()
    assert "City of Ridgeland" in client.get("/about/").content.decode()
    assert status_of(client.get("/about/")) == "hit"
    with committed(django_capture_on_commit_callbacks):
        site = Site.objects.get(is_default_site=True)
        site.site_name = "Ridgeland"
        site.save()
    assert status_of(client.get("/about/")) == "miss"


def test_a_change_outside_a_transaction_forgets_once_at_once(about, monkeypatch):
    from core import freshness

    monkeypatch.setattr(freshness.transaction, "get_connection", lambda: type("C", (), {"in_atomic_block": False})())
    before = freshness.version()
    freshness.bump()
    assert freshness.version() != before


# Alerts ------------------------------------------------------------------------------------


def make_alert(**fields):
    from alerts.models import Alert

    alert = Alert(title="Boil-water notice", message="Boil tap water for one minute.", **fields)
    alert.live = False
    alert.save()
    return alert


def test_publishing_an_alert_forgets_kept_pages(client, about, django_capture_on_commit_callbacks):
    """Kept pages are keyed by the alerts showing (alerts/active.py ``state``), not by a content-version bump.

    So publishing an alert gives every page a new key, and unpublishing it brings back the key of the
    page kept before the alert: the same content version and no alert showing, so that page is right
    to serve again (and is served without rendering it anew). The page with the alert is not
    rendered either: its kept frame gets the banner drawn in (alerts/banner.py).
    """
    alert = make_alert()
    warm(client, "/about/")
    with committed(django_capture_on_commit_callbacks):
        alert.save_revision().publish()
    response = client.get("/about/")
    assert status_of(response) == "redrawn" and "Boil-water notice" in response.content.decode()
    assert status_of(client.get("/about/")) == "hit"
    with committed(django_capture_on_commit_callbacks):
        alert.refresh_from_db()
        alert.unpublish()
    response = client.get("/about/")
    assert "Boil-water notice" not in response.content.decode()
    assert status_of(response) == "hit"  # the page kept before the alert


def test_an_alert_whose_start_passes_changes_the_key_without_any_write(client, about):
    import time_machine

    from alerts import active

    now = timezone.now()
    alert = make_alert(starts_at=now + datetime.timedelta(minutes=5), ends_at=now + datetime.timedelta(minutes=30))
    alert.save_revision().publish()
    with time_machine.travel(now, tick=False):
        assert active.state() == "none"
        warm(client, "/about/")
    with time_machine.travel(now + datetime.timedelta(minutes=6), tick=False):
        assert active.state() != "none"
        shown = client.get("/about/")
        assert status_of(shown) == "redrawn"  # the alert is showing: a new key, the banner drawn in
        assert "Boil-water notice" in shown.content.decode()
        assert status_of(client.get("/about/")) == "hit"
    with time_machine.travel(now + datetime.timedelta(minutes=31), tick=False):
        ended = client.get("/about/")
        assert status_of(ended) == "miss"  # and it ended (the copies kept before it are past their time)
        assert "Boil-water notice" not in ended.content.decode()


def test_the_alerts_app_contributes_its_state_to_the_key(rf, about):
    from alerts import active

    assert active.state() in page_cache.key_parts(rf.get("/"))


# Headers -----------------------------------------------------------------------------------


def directives(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_public_pages_say_public_with_max_age_and_stale_if_error(client, about):
    for response in (client.get("/about/"), client.get("/about/")):
        assert directives(response) == {"public", "max-age=30", "s-maxage=30", "stale-if-error=86400"}
        assert "cookie" not in response.get("Vary", "").lower()


def test_the_max_ages_come_from_settings(client, about, page_cache_on):
    page_cache_on.HTTP_CACHE_MAX_AGE = 5
    page_cache_on.HTTP_CACHE_STALE_IF_ERROR = 600
    response = client.get("/about/")
    assert directives(response) == {"public", "max-age=5", "s-maxage=5", "stale-if-error=600"}


def test_headers_apply_even_with_the_page_cache_off(client, city, settings):
    settings.PAGE_CACHE_SECONDS = 0
    response = client.get("/about/")
    assert "public" in directives(response) and response.has_header("ETag")


def test_every_public_page_has_an_etag_and_a_conditional_get_gets_304(client, about):
    first = client.get("/about/")
    etag = first["ETag"]
    assert etag.startswith('"')  # uncompressed: a strong validator
    miss_304 = client.get("/no-such-page/", HTTP_IF_NONE_MATCH=etag)
    assert miss_304.status_code == 404
    hit = client.get("/about/", HTTP_IF_NONE_MATCH=etag)
    assert hit.status_code == 304 and hit.content == b""
    assert hit["ETag"] == etag


def test_a_304_on_a_fresh_miss_too(client, about):
    """A page rendered again with the same content has the same ETag. The clock is held still:
    the feedback form's anti-bot stamp, part of every page, changes from second to second."""
    import time_machine

    with time_machine.travel(timezone.now(), tick=False):
        etag = client.get("/about/")["ETag"]
        caches["pages"].clear()
        response = client.get("/about/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


# Compression -------------------------------------------------------------------------------


def test_brotli_and_gzip_decode_to_the_same_html(client, about):
    import gzip

    import brotli

    plain = client.get("/about/")
    assert "Content-Encoding" not in plain
    br = client.get("/about/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    gz = client.get("/about/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert br["Content-Encoding"] == "br" and gz["Content-Encoding"] == "gzip"
    assert brotli.decompress(br.content) == plain.content
    assert gzip.decompress(gz.content) == plain.content
    for response in (plain, br, gz):
        assert "Accept-Encoding" in response["Vary"]
    assert br["ETag"] == gz["ETag"] == "W/" + plain["ETag"]  # the same content, weakly
    assert len(br.content) < len(gz.content) < len(plain.content)


def test_each_encoding_is_kept_and_a_hit_is_not_compressed_again(client, about, monkeypatch):
    import brotli

    from jackson import compression

    calls = []
    real = compression.compress
    monkeypatch.setattr(compression, "compress", lambda content, coding: calls.append(coding) or real(content, coding))
    first = client.get("/about/", HTTP_ACCEPT_ENCODING="br")
    second = client.get("/about/", HTTP_ACCEPT_ENCODING="br")
    assert status_of(second) == "hit" and second["Content-Encoding"] == "br"
    assert brotli.decompress(second.content) == brotli.decompress(first.content)
    assert calls == ["br"]
    assert client.get("/about/", HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"
    assert calls == ["br", "gzip"]


def test_the_json_api_is_compressed(client, about):
    response = client.get("/api/v2/pages/", HTTP_ACCEPT_ENCODING="br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"


def test_a_page_with_a_csrf_token_is_never_compressed(client, department, page_cache_on):
    response = client.get(department["form"].url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_nothing_for_a_signed_in_user_is_compressed(client, about, editor):
    client.force_login(editor)
    for url in ("/about/", "/admin/"):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
        assert response.status_code == 200
        assert "Content-Encoding" not in response


@pytest.mark.parametrize(
    "header, expected",
    [
        ("", "identity"),
        ("gzip", "gzip"),
        ("br", "br"),
        ("gzip, deflate, br, zstd", "br"),
        ("br;q=0, gzip", "gzip"),
        ("br;q=0, gzip;q=0", "identity"),
        ("*", "br"),
        ("*;q=0", "identity"),
        ("identity", "identity"),
        ("br;q=nonsense, gzip", "gzip"),
        ("BR", "br"),
        ("x" * 10_000 + ", gzip", "identity"),
        ("<script>alert(1)</script>", "identity"),
        ("gzip;q=1.0;q=0", "identity"),
        ("ünïcode, gzip", "gzip"),
    ],
)
def test_accept_encoding_is_read_with_its_weights(rf, header, expected):
    from jackson.compression import accepted_encoding

    assert accepted_encoding(rf.get("/", HTTP_ACCEPT_ENCODING=header)) == expected


def test_hostile_query_strings_are_kept_apart_or_not_at_all(client, about):
    client.get("/about/?q=<script>alert(1)</script>")
    hostile = client.get("/about/?q=<script>alert(1)</script>")
    assert status_of(hostile) == "hit"
    assert status_of(client.get("/about/?q=%3Cscript%3E")) in ("miss", "hit")
    long = "/about/?q=" + "a" * 2000
    client.get(long)
    assert status_of(client.get(long)) is None  # too long to be worth keeping


def test_queries_are_saved_on_a_hit_compared_with_a_miss(client, about):
    with CaptureQueriesContext(connection) as miss:
        client.get("/about/")
    assert len(miss.captured_queries) > 0
    with CaptureQueriesContext(connection) as hit:
        client.get("/about/")
    assert len(hit.captured_queries) == 0


# A deploy ------------------------------------------------------------------------------------


def test_a_new_release_does_not_serve_the_old_releases_kept_pages(client, about, monkeypatch):
    """Kept pages are keyed by the code's fingerprint: after a deploy (new templates, new hashed
    static names) every page is rendered by the new code, though no content changed."""
    from core import code_version, freshness

    warm(client, about.url)
    monkeypatch.setattr(code_version, "fingerprint", lambda: "next-release")
    freshness.forget_local_copy()
    assert status_of(client.get(about.url)) == "miss"
    assert status_of(client.get(about.url)) == "hit"


def test_the_code_fingerprint_follows_contents_not_dates(tmp_path):
    from core.code_version import fingerprint_of

    app = tmp_path / "parks"
    (app / "templates").mkdir(parents=True)
    template = app / "templates" / "park.html"
    template.write_text("<h1>{{ page.title }}</h1>")
    first = fingerprint_of([app])
    os.utime(template, (1, 1))
    (app / "notes.md").write_text("not code")
    (app / "__pycache__").mkdir()
    (app / "__pycache__" / "models.cpython-311.pyc").write_bytes(b"\0")
    (app / "tests").mkdir()
    (app / "tests" / "test_parks.py").write_text("def test(): pass")
    assert fingerprint_of([app]) == first, "dates, docs, bytecode and tests change nothing"
    template.write_text("<h1 class='title'>{{ page.title }}</h1>")
    assert fingerprint_of([app]) != first
    assert fingerprint_of([app], packages=()) != fingerprint_of([app])
