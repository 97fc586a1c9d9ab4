"""Site search: one query over every page type, as a resident uses it.

Runs on SQLite (FTS5) by default and on PostgreSQL with DATABASE_URL set.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from departments.models import ContactPage, DepartmentPage, FAQPage, ServicePage
from news.models import NewsPage
from search.models import QueryStat, SynonymGroup
from tests.conftest import add_child

pytestmark = pytest.mark.shared_tree


def get(client, **params):
    return client.get("/search/", params)


def titles(response):
    return [page.title for page in response.context["search_results"]]


# --- one query, every type -------------------------------------------------


@pytest.mark.django_db
def test_one_query_finds_every_page_type(client, department):
    response = get(client, q="public works")
    assert response.status_code == 200
    found = {type(page).__name__ for page in response.context["search_results"].paginator.object_list}
    assert {"DepartmentPage", "ServicePage", "FAQPage", "ContactPage", "NewsPage", "EventPage", "FormPage"} <= found


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query,title",
    [
        ("pothole", "Report a pothole"),
        ("trash", "When is trash picked up?"),
        ("route day", "When is trash picked up?"),
        ("Whitfield", "Dana Whitfield"),
        ("street superintendent", "Dana Whitfield"),
        ("resurfacing", "Paving starts on State Street"),
        ("city yard", "Spring cleanup day"),
        ("publicworks@example.gov", "Public Works"),
    ],
)
def test_fields_residents_type_are_searchable(client, department, query, title):
    assert title in titles(get(client, q=query))


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["601-555-0142", "6015550142", "555-0142", "(601) 555-0142", "+1 601.555.0142"])
def test_phone_number_found_however_typed(client, department, typed):
    assert titles(get(client, q=typed))[0] == "Dana Whitfield"


@pytest.mark.django_db
def test_department_name_is_indexed_with_its_pages(client, department):
    response = get(client, q="works pothole")
    # Only the pothole service matches both words; pages matching one word follow it.
    assert titles(response)[0] == "Report a pothole"
    assert not response.context["matched_any_word"]


@pytest.mark.django_db
def test_plural_and_singular_forms_meet(client, department):
    assert "Report a pothole" in titles(get(client, q="potholes"))


@pytest.mark.django_db
def test_question_words_do_not_hide_answers(client, department):
    assert "Report a pothole" in titles(get(client, q="how do I report a pothole"))


@pytest.mark.django_db
def test_any_word_fallback_when_all_words_match_nothing(client, department):
    response = get(client, q="pothole zebra")
    assert "Report a pothole" in titles(response)
    assert response.context["matched_any_word"]
    assert b"No page matched all your words" in response.content


# --- what must never appear ------------------------------------------------


@pytest.mark.django_db
def test_drafts_never_appear(client, department):
    draft = ServicePage(title="Secret draft xylophone", slug="draft", intro="Unpublished xylophone.", live=False)
    department["department"].add_child(instance=draft)
    draft.save_revision()
    assert titles(get(client, q="xylophone")) == []


@pytest.mark.django_db
def test_private_pages_never_appear(client, department):
    page = add_child(department["department"], ServicePage(title="Staff xylophone", slug="staff", intro="Internal."))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert titles(get(client, q="xylophone")) == []


@pytest.mark.django_db
def test_children_of_private_pages_never_appear(client, department):
    PageViewRestriction.objects.create(
        page=department["department"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert titles(get(client, q="pothole")) == []


@pytest.mark.django_db
def test_expired_pages_never_appear_even_before_publish_scheduled_runs(client, department):
    page = add_child(department["department"], ServicePage(title="Old xylophone", slug="old", intro="Expired."))
    assert titles(get(client, q="xylophone")) == ["Old xylophone"]
    ServicePage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    assert titles(get(client, q="xylophone")) == []


@pytest.mark.django_db
def test_unpublished_page_leaves_results(client, department):
    department["service"].unpublish()
    assert "Report a pothole" not in titles(get(client, q="pothole"))


# --- the results page --------------------------------------------------------


@pytest.mark.django_db
def test_results_show_type_department_date_and_snippet(client, department):
    html = get(client, q="paving").content.decode()
    assert "News" in html and "Public Works" in html
    assert "Crews begin resurfacing next week." in html
    assert f'datetime="{datetime.date.today():%Y-%m-%d}"' in html


@pytest.mark.django_db
def test_event_result_shows_start(client, department):
    html = get(client, q="cleanup").content.decode()
    start = timezone.localtime(department["event"].start)
    assert start.strftime("%B") in html and "City Yard" in html


@pytest.mark.django_db
def test_faq_answer_and_contact_details_inline(client, department):
    html = get(client, q="trash").content.decode()
    assert "Once a week on your route day." in html
    html = get(client, q="Whitfield").content.decode()
    assert "601-555-0142" in html and 'href="tel:+16015550142"' in html


@pytest.mark.django_db
def test_query_kept_in_box_and_escaped(client, department):
    response = get(client, q='<script>alert("x")</script> pothole')
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; pothole" in html
    assert 'value="&lt;script&gt;' in html


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["", "   ", "\t\n"])
def test_empty_query_gets_a_helpful_page(client, department, q):
    response = get(client, q=q)
    assert response.status_code == 200
    assert b"What are you looking for?" in response.content
    assert response.context["search_results"] is None


@pytest.mark.django_db
def test_no_q_at_all(client, department):
    response = client.get("/search/")
    assert response.status_code == 200 and b"What are you looking for?" in response.content


@pytest.mark.django_db
def test_long_query_is_cut_with_a_message(client, department):
    response = get(client, q="pothole " + "x" * 5000)
    assert response.status_code == 200
    assert len(response.context["search_query"]) <= 200
    assert b"first 200 characters" in response.content


@pytest.mark.django_db
def test_no_results_page(client, department):
    response = get(client, q="zzzqqq")
    assert response.status_code == 200
    assert b"No pages found" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "q",
    [
        '"',
        '"unbalanced',
        "*",
        "pot*",
        "(",
        ")",
        "NEAR(trash pickup)",
        "trash AND",
        "OR",
        "NOT trash",
        "-trash",
        "title:trash",
        "trash:",
        "^trash",
        "'",
        "'; DROP TABLE wagtailcore_page; --",
        "\\",
        "%s %d %%",
        "a\x00b pothole",
        "\x00",
        "🚧 pothole 🚧",
        "ñandú café naïve",
        "日本語",
        "‮ltr",
        "{title body}: trash",
        "a" * 10000,
        "& | ! <-> :*",
    ],
)
def test_hostile_queries_never_500(client, department, q):
    response = get(client, q=q)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-1", "abc", "999999", "1e9", "", "9" * 50, "2"])
def test_bad_page_numbers(client, department, page):
    response = get(client, q="public works", page=page)
    assert response.status_code == 200
    assert response.context["search_results"].number >= 1


@pytest.mark.django_db
def test_pagination(client, department):
    dept = department["department"]
    for i in range(12):
        add_child(dept, ServicePage(title=f"Xylophone lesson {i}", slug=f"xylo-{i}", intro="Music."))
    first = get(client, q="xylophone")
    second = get(client, q="xylophone", page=2)
    assert first.context["total"] == 12
    assert len(titles(first)) == 10 and len(titles(second)) == 2
    assert not set(titles(first)) & set(titles(second))
    assert b'aria-label="Search results pages"' in first.content


# --- filters and counts ------------------------------------------------------


@pytest.mark.django_db
def test_type_facets_with_counts(client, department):
    response = get(client, q="public works")
    facets = {facet["slug"]: facet["count"] for facet in response.context["type_facets"]}
    assert facets["service"] == 1 and facets["faq"] == 1 and facets["contact"] == 1
    assert facets["department"] == 1


@pytest.mark.django_db
def test_filter_by_type(client, department):
    response = get(client, q="public works", type="faq")
    assert titles(response) == ["When is trash picked up?"]
    # Type counts still show the other types, so the resident can switch.
    assert len(response.context["type_facets"]) > 1


@pytest.mark.django_db
def test_department_facets_and_filter(client, department, city):
    other = add_child(city["departments"], DepartmentPage(title="Parks", slug="parks", intro="Green spaces."))
    add_child(
        other, FAQPage(title="Can I reserve a picnic shelter for trash day?", slug="shelter", answer="<p>Yes.</p>")
    )
    response = get(client, q="trash")
    counts = {facet["department"].slug: facet["count"] for facet in response.context["department_facets"]}
    assert counts["parks"] == 1 and counts["public-works"] >= 1
    filtered = get(client, q="trash", department="parks")
    assert titles(filtered) == ["Can I reserve a picnic shelter for trash day?"]


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{"type": "nonsense"}, {"department": "nope"}, {"type": "<b>x</b>"}])
def test_unknown_filters_are_ignored_with_a_message(client, department, params):
    response = get(client, q="pothole", **params)
    assert response.status_code == 200
    assert "Report a pothole" in titles(response)
    assert b"did not recognise" in response.content


# --- best bets and synonyms ---------------------------------------------------


@pytest.mark.django_db
def test_promoted_page_first(client, department):
    query = Query.get("garbage day")
    SearchPromotion.objects.create(query=query, page=department["faq"], description="Your weekly pickup.", sort_order=0)
    response = get(client, q="Garbage  Day")
    assert response.context["promotions"][0]["title"] == "When is trash picked up?"
    html = response.content.decode()
    assert html.index("Recommended") < html.index("search-results") if "search-results" in html else True


@pytest.mark.django_db
def test_best_bet_added_after_a_search_shows_at_once(client, department, django_assert_max_num_queries):
    """The list of promoted queries is kept, and adding a best bet forgets it."""
    from search.views import promotions_for

    assert get(client, q="garbage day").context["promotions"] == []
    with django_assert_max_num_queries(0):
        assert promotions_for("pothole") == []
    SearchPromotion.objects.create(query=Query.get("garbage day"), page=department["faq"], sort_order=0)
    assert get(client, q="garbage day").context["promotions"][0]["title"] == "When is trash picked up?"


@pytest.mark.django_db
def test_promoted_external_link(client, department):
    query = Query.get("dmv")
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://www.dps.ms.gov/driver-service-bureau",
        external_link_text="Driver licenses (Mississippi Department of Public Safety)",
        sort_order=0,
    )
    response = get(client, q="DMV")
    html = response.content.decode()
    assert "https://www.dps.ms.gov/driver-service-bureau" in html
    assert "another website" in html
    assert not QueryStat.objects.get(query="dmv").zero_result_searches


@pytest.mark.django_db
def test_promoted_draft_page_hidden(client, department):
    SearchPromotion.objects.create(query=Query.get("pothole"), page=department["service"], sort_order=0)
    department["service"].unpublish()
    assert get(client, q="pothole").context["promotions"] == []


@pytest.mark.django_db
def test_starter_synonyms_are_installed(client, department):
    assert SynonymGroup.objects.filter(terms__icontains="solid waste").exists()
    assert "When is trash picked up?" in titles(get(client, q="garbage"))


@pytest.mark.django_db
def test_synonyms_expand_before_the_backend(client, department):
    SynonymGroup.objects.all().delete()  # the starter groups from the data migration
    assert titles(get(client, q="garbage")) == []
    SynonymGroup.objects.create(terms="trash, garbage, solid waste")
    assert "When is trash picked up?" in titles(get(client, q="garbage"))
    assert "When is trash picked up?" in titles(get(client, q="solid waste"))


@pytest.mark.django_db
def test_multi_word_synonym(client, department):
    add_child(
        department["department"],
        ServicePage(title="Pay your utility billing statement", slug="utility-billing", intro="Online payments."),
    )
    SynonymGroup.objects.all().delete()
    SynonymGroup.objects.create(terms="water bill, utility billing")
    assert "Pay your utility billing statement" in titles(get(client, q="pay water bill"))


def test_synonym_validation():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        SynonymGroup(terms="trash").clean()
    with pytest.raises(ValidationError):
        SynonymGroup(terms="trash, ***").clean()
    with pytest.raises(ValidationError):
        SynonymGroup(terms="trash, " + "x" * 61).clean()
    group = SynonymGroup(terms=" Trash ,garbage,, trash ")
    group.clean()
    assert group.terms == "Trash, garbage"


@pytest.mark.django_db
def test_sqlite_ranking_orders_only_the_positions_read(department):
    """A slice is ordered by score over the pages the queryset holds: a hidden best match is skipped."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's ranking (search.backends.database)")
    for n in range(1, 7):
        add_child(
            department["department"],
            ServicePage(title="Zither " * n + "lessons", slug=f"zither-{n}", intro="Zither. " * (7 - n)),
        )
    best_first = [page.pk for page in Page.objects.live().search("zither")]  # unsliced: every id ordered
    assert len(best_first) == 6
    Page.objects.filter(pk=best_first[0]).update(live=False)
    with CaptureQueriesContext(connection) as ctx:
        sliced = [page.pk for page in Page.objects.live().search("zither")[:3]]
    assert sliced == best_first[1:4]
    assert max(query["sql"].count("WHEN") for query in ctx.captured_queries) == 3


# --- analytics ------------------------------------------------------------------


@pytest.mark.django_db
def test_queries_are_counted_normalised(client, department):
    get(client, q="Pothole")
    get(client, q="  pothole ")
    get(client, q="zzzqqq")
    get(client, q="pothole", page=2)  # paging is not a new search
    get(client, q="pothole", type="service")  # nor is filtering
    stat = QueryStat.objects.get(query="pothole")
    assert stat.searches == 2 and stat.zero_result_searches == 0
    assert QueryStat.objects.get(query="zzzqqq").zero_result_searches == 1
    assert QueryStat.top(7)[0]["query"] == "pothole"
    assert [row["query"] for row in QueryStat.top(7, zero_results_only=True)] == ["zzzqqq"]


@pytest.mark.django_db
def test_a_search_is_counted_after_the_page_is_sent(rf, department):
    """The count waits for the server to close the response, which it does once the body is written."""
    from django.contrib.auth.models import AnonymousUser
    from django.core.signals import request_finished
    from django.db import close_old_connections

    from search.views import search

    request = rf.get("/search/", {"q": "pothole"})
    request.user = AnonymousUser()
    response = search(request)
    response.render()
    assert b"pothole" in response.content.lower()
    assert not QueryStat.objects.exists()
    # As the test client does: closing ends the request, which would close the test's connection.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    assert QueryStat.objects.get(query="pothole").searches == 1


@pytest.mark.django_db
def test_a_failed_count_is_logged_not_raised(client, department, monkeypatch, caplog):
    def fail(*args, **kwargs):
        raise RuntimeError("statistics table unavailable")

    monkeypatch.setattr(QueryStat, "record", fail)
    response = get(client, q="pothole")
    assert response.status_code == 200
    assert "Search analytics not recorded" in caplog.text


@pytest.mark.django_db
def test_email_addresses_are_not_kept(client, department):
    get(client, q="resident.name@gmail.com water")
    assert list(QueryStat.objects.values_list("query", flat=True)) == ["[email] water"]


@pytest.mark.django_db
def test_analytics_window(department):
    old = timezone.localdate() - datetime.timedelta(days=20)
    QueryStat.record("old query", found_nothing=True, date=old)
    QueryStat.record("new query", found_nothing=False)
    assert [row["query"] for row in QueryStat.top(7)] == ["new query"]
    assert {row["query"] for row in QueryStat.top(30)} == {"old query", "new query"}
    assert QueryStat.prune(keep_days=10) == 1


@pytest.mark.django_db
def test_analytics_admin_report(client, django_user_model, department):
    QueryStat.record("zzzqqq", found_nothing=True)
    QueryStat.record("pothole", found_nothing=False)
    admin = django_user_model.objects.create_superuser("admin", "a@example.gov", "pw")
    client.force_login(admin)
    response = client.get("/admin/search-analytics/?days=30")
    assert response.status_code == 200
    html = response.content.decode()
    assert "zzzqqq" in html and "pothole" in html and "Searches that found nothing" in html
    assert client.get("/admin/search-analytics/?days=<script>").status_code == 200


@pytest.mark.django_db
def test_analytics_needs_permission(client, django_user_model):
    editor = django_user_model.objects.create_user("ed", "e@example.gov", "pw")
    group = Group.objects.create(name="Search report readers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    assert client.get("/admin/search-analytics/").status_code in (302, 403)
    group.permissions.add(Permission.objects.get(codename="view_querystat"))
    assert client.get("/admin/search-analytics/").status_code == 200


@pytest.mark.django_db
def test_synonyms_managed_in_admin(client, django_user_model, department):
    admin = django_user_model.objects.create_superuser("admin", "a@example.gov", "pw")
    client.force_login(admin)
    SynonymGroup.objects.all().delete()
    response = client.post("/admin/snippets/search/synonymgroup/add/", {"terms": "trash, garbage", "note": ""})
    assert response.status_code == 302
    assert SynonymGroup.objects.get().term_list == ["trash", "garbage"]
    assert client.get("/admin/snippets/search/synonymgroup/").status_code == 200
    bad = client.post("/admin/snippets/search/synonymgroup/add/", {"terms": "trash", "note": ""})
    assert bad.status_code == 200 and SynonymGroup.objects.count() == 1


# --- suggestions -------------------------------------------------------------------


@pytest.mark.django_db
def test_suggest_returns_titles_as_json(client, department):
    response = client.get("/search/suggest/", {"q": "poth"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["results"][0] == {
        "title": "Report a pothole",
        "url": "/departments/public-works/report-a-pothole/",
        "type": "Service",
    }


@pytest.mark.django_db
def test_suggest_is_limited_and_public_only(client, department):
    dept = department["department"]
    for i in range(15):
        add_child(dept, ServicePage(title=f"Xylophone {i}", slug=f"x{i}", intro="Music."))
    hidden = add_child(dept, ServicePage(title="Xylophone private", slug="xp", intro="Music."))
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    data = json.loads(client.get("/search/suggest/", {"q": "xyl"}).content)
    assert 0 < len(data["results"]) <= 8
    assert "Xylophone private" not in [r["title"] for r in data["results"]]


@pytest.mark.django_db
def test_suggest_escapes_titles(client, department):
    add_child(department["department"], ContactPage(title="<img src=x onerror=alert(1)> Zed", slug="zed"))
    response = client.get("/search/suggest/", {"q": "zed"})
    assert b"<img" not in response.content
    assert json.loads(response.content)["results"][0]["title"].startswith("<img")


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["", "a", '"', "*", "x" * 5000, "\x00", "NEAR(", "🚧"])
def test_suggest_hostile_input(client, department, q):
    response = client.get("/search/suggest/", {"q": q})
    assert response.status_code == 200
    assert isinstance(json.loads(response.content)["results"], list)


@pytest.mark.django_db
def test_search_page_has_no_inline_script_or_style(client, department):
    html = get(client, q="pothole").content.decode()
    assert "<script>" not in html and " style=" not in html and " onclick=" not in html


@pytest.mark.django_db
def test_news_result(client, department):
    add_child(
        department["department"],
        NewsPage(title="Zebra crossing", slug="zebra", summary="New crossing.", date=datetime.date(2025, 3, 4)),
    )
    html = get(client, q="zebra").content.decode()
    assert "March 4, 2025" in html
