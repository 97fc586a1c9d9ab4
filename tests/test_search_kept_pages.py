"""Kept search pages (search/kept_pages.py): a repeat costs one visibility query, never shows a hidden page.

Each hiding test changes the page in a way that sends no signal (a bulk update or
bulk create), so the content version is *not* bumped: that is what a worker with
its own per-process cache sees after another worker's change, and the kept page
must still not list the hidden page.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from departments.models import ServicePage
from search import engine, kept_pages
from search.models import QueryStat
from tests.conftest import add_child
from tests.search_helpers import titles

pytestmark = [pytest.mark.django_db, pytest.mark.shared_tree]


@pytest.fixture
def xylophone(department):
    return add_child(department["department"], ServicePage(title="Xylophone lessons", slug="xylo", intro="Music."))


def get(client, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/search/", params)
    assert response.status_code == 200
    return response, ctx.captured_queries


def test_a_repeat_is_the_same_page_without_searching(client, xylophone, monkeypatch):
    # The first view of the site makes its city settings, which forgets the kept site; after
    # this one the site (with its root page) is kept, and only the search's own queries remain.
    client.get("/")
    first, _ = get(client, q="xylophone")
    monkeypatch.setattr(engine, "search", lambda *a, **k: pytest.fail("searched again"))
    again, queries = get(client, q="xylophone")
    assert again.content == first.content and titles(again) == ["Xylophone lessons"]
    assert again["X-Robots-Tag"] == "noindex"
    assert not any("indexentry" in q["sql"] or "fts" in q["sql"].lower() for q in queries)
    page_reads = [q["sql"] for q in queries if q["sql"].startswith('SELECT "wagtailcore_page"')]
    assert len(page_reads) == 1 and "wagtailcore_pageviewrestriction" in page_reads[0]  # the visibility check


def test_every_serve_is_counted_in_analytics(client, xylophone):
    for _ in range(3):
        get(client, q="xylophone")
    get(client, q="nothing-here-zzz")
    get(client, q="nothing-here-zzz")
    stats = {stat.query: stat for stat in QueryStat.objects.all()}
    assert stats["xylophone"].searches == 3 and stats["xylophone"].zero_result_searches == 0
    assert stats["nothing-here-zzz"].searches == 2 and stats["nothing-here-zzz"].zero_result_searches == 2


@pytest.mark.parametrize(
    "hide",
    [
        lambda page: Page.objects.filter(pk=page.pk).update(live=False),
        lambda page: Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1)),
        lambda page: PageViewRestriction.objects.bulk_create(
            [PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)]
        ),
        lambda page: PageViewRestriction.objects.bulk_create(
            [PageViewRestriction(page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN)]
        ),
    ],
    ids=["unpublished", "expired", "made-private", "section-made-private"],
)
def test_a_page_hidden_without_a_signal_is_never_served_from_a_kept_page(client, xylophone, hide):
    assert titles(get(client, q="xylophone")[0]) == ["Xylophone lessons"]
    hide(xylophone)
    assert titles(get(client, q="xylophone")[0]) == []


def test_a_hidden_best_bet_is_not_served_from_a_kept_page(client, department):
    query = Query.get("bulky items")
    SearchPromotion.objects.create(query=query, page=department["faq"], description="Pickup days.", sort_order=0)
    first, _ = get(client, q="bulky items")
    assert "Pickup days." in first.content.decode()
    Page.objects.filter(pk=department["faq"].pk).update(live=False)
    assert "Pickup days." not in get(client, q="bulky items")[0].content.decode()


def test_a_private_page_elsewhere_does_not_hide_a_public_one(client, xylophone, department):
    get(client, q="xylophone")
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=department["service"], restriction_type=PageViewRestriction.LOGIN)]
    )
    assert kept_pages.all_visible([xylophone.pk])
    assert not kept_pages.all_visible([xylophone.pk, department["service"].pk])


def test_signed_in_staff_are_never_served_or_stored(client, xylophone, admin_user):
    client.force_login(admin_user)
    get(client, q="xylophone")
    again, _ = get(client, q="xylophone")
    assert again.context is not None  # rendered afresh
    client.logout()
    assert get(client, q="xylophone")[0].context is not None  # nothing was kept for anonymous visitors either


def test_kept_per_host_and_parameters(client, xylophone):
    get(client, q="xylophone")
    assert get(client, q="xylophone", type="news")[0].context is not None
    assert get(client, q="xylophone", page="2")[0].context is not None
    other_host = client.get("/search/", {"q": "xylophone"}, HTTP_HOST="other.example")
    assert other_host.status_code in (200, 400) and (other_host.status_code == 400 or other_host.context is not None)


def test_hostile_queries_are_kept_escaped(client, xylophone):
    payload = "<script>alert(1)</script> xylophone \u202e\U0001f600"
    first, _ = get(client, q=payload)
    again, _ = get(client, q=payload)
    assert again.content == first.content
    assert b"<script>alert(1)</script>" not in again.content


def test_a_very_long_query_string_is_not_kept(client, xylophone):
    long = "xylophone " + "a" * 1200
    get(client, q=long)
    assert get(client, q=long)[0].context is not None


def test_a_cache_outage_serves_the_page_anyway(client, xylophone, monkeypatch):
    """(Wagtail itself needs the cache for its site root paths, so only ours is broken here.)"""

    class Broken:
        def __getattr__(self, name):
            raise ConnectionError("cache is down")

    monkeypatch.setattr(kept_pages, "cache", Broken())
    assert titles(get(client, q="xylophone")[0]) == ["Xylophone lessons"]
    assert titles(get(client, q="xylophone")[0]) == ["Xylophone lessons"]


def test_turned_off_with_the_answers(client, xylophone, settings):
    settings.SEARCH_ANSWER_SECONDS = 0
    get(client, q="xylophone")
    assert get(client, q="xylophone")[0].context is not None
