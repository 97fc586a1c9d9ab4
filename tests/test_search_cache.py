"""Kept search answers and navigation: faster repeats, never a stale hidden page.

``search.engine`` keeps each answer for ``SEARCH_ANSWER_SECONDS`` under
``core.freshness.version()``; the main navigation is kept the same way.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from core import freshness
from departments.models import ServicePage
from search import engine
from search.models import SynonymGroup
from tests.conftest import add_child
from tests.search_helpers import titles

pytestmark = pytest.mark.shared_tree


def queries_for(client, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/search/", params)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


@pytest.mark.django_db
def test_a_repeated_search_is_answered_from_the_cache(client, department):
    first, first_queries = queries_for(client, q="pothole")
    again, again_queries = queries_for(client, q="pothole")
    assert titles(again) == titles(first) and "Report a pothole" in titles(again)
    assert again.content == first.content  # the whole page kept (search.kept_pages): total, facets and all
    assert again_queries < first_queries


@pytest.mark.django_db
def test_the_same_words_typed_differently_share_an_answer(department):
    engine.search("Report  POTHOLE")
    with CaptureQueriesContext(connection) as ctx:
        outcome = engine.search("report pothole")
    assert [page.title for page in outcome.results] == ["Report a pothole"]
    assert not any("indexentry" in query["sql"] or "fts" in query["sql"].lower() for query in ctx.captured_queries)


@pytest.mark.django_db
def test_a_page_published_after_a_search_is_found_at_once(client, department):
    assert titles(client.get("/search/", {"q": "xylophone"})) == []
    add_child(department["department"], ServicePage(title="Xylophone lessons", slug="xylo", intro="Music."))
    assert titles(client.get("/search/", {"q": "xylophone"})) == ["Xylophone lessons"]


@pytest.mark.django_db
def test_a_page_hidden_without_any_signal_leaves_a_kept_answer(client, department):
    """Even a change that bumps nothing (a bulk update) cannot keep a hidden page in results."""
    page = add_child(department["department"], ServicePage(title="Xylophone lessons", slug="xylo", intro="Music."))
    assert titles(client.get("/search/", {"q": "xylophone"})) == ["Xylophone lessons"]
    Page.objects.filter(pk=page.pk).update(live=False)
    assert titles(client.get("/search/", {"q": "xylophone"})) == []


@pytest.mark.django_db
def test_a_kept_answer_drops_an_expired_page_and_keeps_its_order(department):
    import datetime

    from django.utils import timezone

    for slug, title in (("xylo", "Xylophone lessons"), ("xylo-repair", "Xylophone repair and tuning")):
        add_child(department["department"], ServicePage(title=title, slug=slug, intro="Xylophone music."))
    order = [page.pk for page in engine.search("xylophone").results]
    assert len(order) == 2
    ServicePage.objects.filter(pk=order[0]).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    with CaptureQueriesContext(connection) as ctx:
        kept = engine.search("xylophone")
    assert not any("indexentry" in query["sql"] or "fts" in query["sql"].lower() for query in ctx.captured_queries)
    assert [(type(page), page.pk) for page in kept.results] == [(ServicePage, order[1])]


@pytest.mark.django_db
def test_a_page_made_private_leaves_a_kept_answer(client, department):
    page = add_child(department["department"], ServicePage(title="Xylophone lessons", slug="xylo", intro="Music."))
    assert titles(client.get("/search/", {"q": "xylophone"})) == ["Xylophone lessons"]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert titles(client.get("/search/", {"q": "xylophone"})) == []


@pytest.mark.django_db
def test_new_synonyms_apply_to_the_next_search(client, department):
    SynonymGroup.objects.all().delete()
    assert titles(client.get("/search/", {"q": "garbage"})) == []
    SynonymGroup.objects.create(terms="trash, garbage")
    assert "When is trash picked up?" in titles(client.get("/search/", {"q": "garbage"}))


@pytest.mark.django_db
def test_answers_are_kept_per_page_and_filter(client, department):
    for i in range(12):
        add_child(department["department"], ServicePage(title=f"Xylophone {i}", slug=f"xylo-{i}", intro="Music."))
    first = titles(client.get("/search/", {"q": "xylophone"}))
    second = titles(client.get("/search/", {"q": "xylophone", "page": 2}))
    assert len(first) == 10 and len(second) == 2 and not set(first) & set(second)
    assert titles(client.get("/search/", {"q": "xylophone", "page": 2})) == second
    assert titles(client.get("/search/", {"q": "xylophone", "type": "news"})) == []
    last = client.get("/search/", {"q": "xylophone", "page": 99})  # past the end: the last page, kept too
    assert (
        titles(last) == second
        and 'aria-current="page"><span class="visually-hidden">Page </span>2<' in last.content.decode()
    )


@pytest.mark.django_db
def test_keeping_answers_can_be_turned_off(client, department, settings):
    settings.SEARCH_ANSWER_SECONDS = 0
    queries_for(client, q="pothole")  # the first requests also fill the navigation and settings caches
    queries_for(client, q="pothole")
    _, second_queries = queries_for(client, q="pothole")
    _, third_queries = queries_for(client, q="pothole")
    assert third_queries == second_queries
    assert any("indexentry" in q["sql"] or "fts" in q["sql"].lower() for q in _captured(client, "pothole"))


def _captured(client, q):
    with CaptureQueriesContext(connection) as ctx:
        client.get("/search/", {"q": q})
    return ctx.captured_queries


@pytest.mark.django_db
def test_navigation_is_kept_across_requests_and_follows_publishing(client, department, city):
    news_link = 'class="main-nav__link" href="/news/"'
    assert news_link in client.get("/").content.decode()
    with CaptureQueriesContext(connection) as ctx:
        client.get("/")
    assert not any('"depth" = 2' in query["sql"] for query in ctx.captured_queries)
    before = freshness.version()
    city["news"].unpublish()
    assert freshness.version() != before
    assert news_link not in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_page_view_reads_the_content_version_once(client, department, monkeypatch):
    from django.core import cache as cache_module

    reads = []
    get = cache_module.cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return get(key, *args, **kwargs)

    client.get("/search/", {"q": "pothole"})
    monkeypatch.setattr(cache_module.cache, "get", counting_get)
    assert client.get("/search/", {"q": "water"}).status_code == 200
    assert reads.count(freshness.VERSION_CACHE_KEY) == 1
    assert len(reads) > 3  # the site, the navigation, the footer links, the answer: each still its own key


def test_a_bump_inside_one_reading_is_seen_at_once():
    with freshness.one_reading():
        before = freshness.version()
        assert freshness.version() == before
        freshness.bump()
        after = freshness.version()
        assert after != before
        assert freshness.version() == after
    assert freshness.version() == after


@pytest.mark.django_db
def test_a_cache_outage_costs_speed_not_answers(department, monkeypatch):
    from django.core import cache as cache_module

    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    for name in ("get", "add", "set"):
        monkeypatch.setattr(cache_module.cache, name, broken)
    outcome = engine.search("pothole")
    assert "Report a pothole" in [page.title for page in outcome.results]
    assert outcome.department_counts and outcome.type_counts
    assert freshness.kept("anything", 60, lambda: 42) == 42


@pytest.mark.django_db
def test_publishing_works_with_the_cache_down(department, monkeypatch):
    from django.core import cache as cache_module

    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(cache_module.cache, "set", broken)
    page = department["service"]
    page.title = "Report a pothole or sinkhole"
    page.save_revision().publish()
    assert Page.objects.get(pk=page.pk).title == "Report a pothole or sinkhole"


def test_a_remembered_page_iterates_and_slices_as_the_page_it_holds():
    """A Paginator over one known page: slicing gives that page, iterating stops at its end."""
    from django.core.paginator import Paginator

    from search.engine import Remembered

    remembered = Remembered(25, ["a", "b"])
    assert list(remembered) == ["a", "b"]
    assert remembered[0] == "a"
    page = Paginator(remembered, 10).get_page(3)
    assert list(page.object_list) == ["a", "b"]
    assert page.paginator.num_pages == 3
