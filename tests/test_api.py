"""The read-only JSON API (Wagtail API v2) for apps, chatbots and voice assistants."""

import pytest
from wagtail.models import PageViewRestriction

from departments.models import FAQPage

# Every test reads the conftest tree; what one writes (a draft, a restriction) is rolled back.
pytestmark = pytest.mark.shared_tree


@pytest.fixture
def api(client, department):
    return client


def test_pages_endpoint_lists_live_pages_of_every_type(api, department):
    response = api.get("/api/v2/pages/", {"limit": 50})
    assert response.status_code == 200
    data = response.json()
    types = {item["meta"]["type"] for item in data["items"]}
    assert {"departments.ServicePage", "departments.FAQPage", "news.NewsPage", "events.EventPage"} <= types


def test_drafts_and_private_pages_are_not_exposed(api, department):
    dept = department["department"]
    draft = FAQPage(title="Unpublished draft question", slug="draft-q", answer="<p>secret</p>", live=False)
    dept.add_child(instance=draft)
    private = department["faq"]
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    titles = {item["title"] for item in api.get("/api/v2/pages/", {"limit": 100}).json()["items"]}
    assert "Unpublished draft question" not in titles
    assert private.title not in titles
    assert api.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_api_is_read_only(api, department):
    page_id = department["faq"].pk
    assert api.post("/api/v2/pages/", {"title": "x"}).status_code == 405
    assert api.delete(f"/api/v2/pages/{page_id}/").status_code == 405
    assert api.put(f"/api/v2/pages/{page_id}/", {"title": "x"}, content_type="application/json").status_code == 405


def test_page_detail_includes_type_specific_fields(api, department):
    faq = department["faq"]
    data = api.get(f"/api/v2/pages/{faq.pk}/").json()
    assert data["title"] == faq.title
    assert "Once a week" in data["answer"]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "abc"},
        {"offset": "-1"},
        {"type": "nonexistent.Model"},
        {"type": "<script>alert(1)</script>"},
        {"order": "no_such_field"},
        {"fields": "password"},
        {"limit": "9" * 400},
    ],
)
def test_hostile_parameters_get_a_clear_400_not_a_500(api, params):
    response = api.get("/api/v2/pages/", params)
    assert response.status_code == 400
    assert "message" in response.json()
    assert "<script>" not in response.content.decode() or response["Content-Type"].startswith("application/json")


def test_search_parameter_with_unicode_and_markup(api, department):
    for query in ["<script>alert(1)</script>", "ñandú 🚧", "trash" * 100]:
        response = api.get("/api/v2/pages/", {"search": query})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/json")
