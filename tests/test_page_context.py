"""Other apps' content on a page comes from those apps, through the ``jackson_page_context`` hook.

The home page names ``latest_news`` and ``upcoming_events``; a department page names its
``forms`` too (``contributed_context``). The news, events and forms apps fill them in from their
``wagtail_hooks.py`` (core/page_context.py), so neither page imports those apps.
"""

import pytest
from django.test import RequestFactory
from wagtail import hooks

from core import freshness, page_context
from departments.models import DepartmentPage
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.shared_tree


def request_for(page):
    return RequestFactory().get(page.url)


def test_every_contributor_runs_with_the_page_the_request_and_the_context(city):
    about = city["about"]
    calls = []

    def contributor(page, request, context):
        calls.append((page, request, "page" in context))
        context["from_elsewhere"] = f"for {page.title}"

    request = request_for(about)
    with hooks.register_temporarily(page_context.HOOK, contributor, order=100):
        context = about.get_context(request)
    assert calls == [(about, request, True)]
    assert context["from_elsewhere"] == "for About Jackson"


def test_the_pages_name_what_other_apps_show_on_them():
    assert HomePage.contributed_context == {"latest_news": 6, "upcoming_events": 4}  # three, plus three featured
    assert DepartmentPage.contributed_context == {"forms": None, "latest_news": 3, "upcoming_events": 3}
    assert StandardPage.contributed_context == {}


def test_news_events_and_forms_contribute_what_a_department_page_names(department):
    dept = department["department"]
    context = dept.get_context(request_for(dept))
    assert [page.title for page in context["forms"]] == ["Contact Public Works"]
    assert [page.title for page in context["latest_news"]] == ["Paving starts on State Street"]
    assert [page.title for page in context["upcoming_events"]] == ["Spring cleanup day"]


def test_a_page_that_names_nothing_gets_nothing(department, city):
    context = city["about"].get_context(request_for(city["about"]))
    assert not {"forms", "latest_news", "upcoming_events"} & set(context)


def test_the_home_page_shows_the_citys_latest_news_and_events(client, department):
    html = client.get("/").content.decode()
    assert "Paving starts on State Street" in html
    assert "Spring cleanup day" in html


def test_a_department_page_renders_what_the_contributors_put_in_its_context(client, department):
    url = department["department"].url
    html = client.get(url).content.decode()
    for title in ("Contact Public Works", "Paving starts on State Street", "Spring cleanup day"):
        assert title in html

    def withhold_news(page, request, context):
        context.pop("latest_news", None)

    # A contributor after news takes the stories away again: the page shows what the context holds.
    # The department page is kept as HTML under the content version ({% kept_fragment %}); a new
    # contributor is new code, not new content, so the version is moved here as a publish would.
    freshness.bump()
    with hooks.register_temporarily(page_context.HOOK, withhold_news, order=100):
        html = client.get(url).content.decode()
    assert "Paving starts on State Street" not in html
    assert "Contact Public Works" in html and "Spring cleanup day" in html
