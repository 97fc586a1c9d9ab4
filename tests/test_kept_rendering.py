"""Rendering shortcuts kept under the content version: routing (home/routing.py) and page fragments
(``{% kept_fragment %}``, core/templatetags/kept_fragments.py).

Each must give exactly what Wagtail and the templates gave without it, and forget at once what a
publish, unpublish, move or delete changes. Changes run inside
``django_capture_on_commit_callbacks(execute=True)`` so the after-commit bump runs as in the admin.
"""

import pytest
from django.core.cache import cache
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from wagtail.models import Page

from home import routing
from tests.conftest import add_child

pytestmark = [pytest.mark.django_db, pytest.mark.shared_tree]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def committed(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks(execute=True)


# Routing ------------------------------------------------------------------------------------


def test_a_department_page_is_found_by_the_shortcut(client, department):
    dept = department["department"]
    response = client.get(dept.url)
    assert response.status_code == 200 and dept.title in response.content.decode()
    assert cache.get(f"route:{dept.get_parent().get_parent().pk}:") is None  # keys are hashed, never the raw path
    home = Page.objects.get(depth=2).specific
    result = routing.route(home, RequestFactory().get(dept.url), ["departments", dept.slug])
    assert result[0].pk == dept.pk and type(result[0]).__name__ == "DepartmentPage"


def test_an_unpublished_page_is_not_found_at_once(client, department, django_capture_on_commit_callbacks):
    service = department["service"]
    assert client.get(service.url).status_code == 200
    with committed(django_capture_on_commit_callbacks):
        service.unpublish()
    assert client.get(service.url).status_code == 404


def test_a_moved_page_leaves_its_old_address(client, city, department, django_capture_on_commit_callbacks):
    faq = department["faq"]
    old_url = faq.url
    assert client.get(old_url).status_code == 200
    with committed(django_capture_on_commit_callbacks):
        faq.move(city["faq"], pos="last-child")
    faq.refresh_from_db()
    moved = client.get(old_url)  # Wagtail's automatic redirect, never the page at its old address
    assert moved.status_code == 301 and moved["Location"] == faq.url
    assert client.get(faq.url).status_code == 200


def test_a_deleted_page_is_not_found(client, department, django_capture_on_commit_callbacks):
    contact = department["contact"]
    url = contact.url
    assert client.get(url).status_code == 200
    with committed(django_capture_on_commit_callbacks):
        contact.delete()
    assert client.get(url).status_code == 404


def test_pages_below_an_index_with_routes_of_its_own_take_wagtails_routing(client, city, department):
    """The news index has routes of its own: a story below it is routed by Wagtail, and found."""
    story = add_child(city["news"], type(department["news"])(title="Budget", slug="budget", summary="Numbers."))
    home = Page.objects.get(depth=2).specific
    assert routing.route(home, RequestFactory().get(story.url), ["news", "budget"]) is None
    assert client.get(story.url).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/departments/no-such-department/",
        "/departments/public-works/no-such-page/",
        "/" + "deep/" * 40,
        "/departments/%E2%80%AEpublic-works/",
        "/departments/public-works%00/",
        "/departments/<script>alert(1)</script>/",
        "/" + "x" * 5000 + "/",
    ],
)
def test_hostile_and_unknown_addresses_are_not_found(client, department, path):
    assert client.get(path).status_code == 404


def test_a_unicode_slug_is_found(client, city):
    page = add_child(city["departments"], type(city["about"])(title="Café", slug="café-municipal"))
    assert client.get(page.url).status_code == 200


# Kept fragments -----------------------------------------------------------------------------


def render(source, request, **context):
    return Template("{% load kept_fragments %}" + source).render(Context({"request": request, **context}))


def test_a_fragment_is_kept_until_the_content_version_moves():
    from core import freshness

    request = RequestFactory().get("/")
    source = '{% kept_fragment "t" key %}{{ value }}{% endkept_fragment %}'
    assert render(source, request, key=1, value="first") == "first"
    assert render(source, request, key=1, value="second") == "first"
    assert render(source, request, key=2, value="second") == "second"
    freshness.bump()
    assert render(source, request, key=1, value="third") == "third"


def test_a_fragment_is_kept_per_host():
    source = '{% kept_fragment "t" %}{{ value }}{% endkept_fragment %}'
    assert render(source, RequestFactory().get("/", HTTP_HOST="localhost"), value="a") == "a"
    assert render(source, RequestFactory().get("/", HTTP_HOST="testserver"), value="b") == "b"


def test_a_preview_is_neither_kept_nor_served_a_kept_fragment():
    source = '{% kept_fragment "t" %}{{ value }}{% endkept_fragment %}'
    preview = RequestFactory().get("/")
    preview.is_preview = True
    assert render(source, preview, value="draft") == "draft"
    assert render(source, RequestFactory().get("/"), value="live") == "live"
    assert render(source, preview, value="draft again") == "draft again"


def test_a_fragment_is_escaped_once_and_stays_safe():
    source = '{% kept_fragment "t" %}{{ value }}{% endkept_fragment %}|{{ after }}'
    request = RequestFactory().get("/")
    html = render(source, request, value="<script>x</script>", after="<b>")
    assert html == "&lt;script&gt;x&lt;/script&gt;|&lt;b&gt;"
    assert render(source, request, value="other", after="<b>") == html


def test_a_cache_outage_costs_speed_not_the_page(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "get", broken)
    source = '{% kept_fragment "t" %}{{ value }}{% endkept_fragment %}'
    assert render(source, RequestFactory().get("/"), value="still here") == "still here"


def test_a_fragment_needs_a_name():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load kept_fragments %}{% kept_fragment %}x{% endkept_fragment %}")


def test_a_published_change_shows_on_the_department_page_at_once(
    client, department, django_capture_on_commit_callbacks
):
    dept = department["department"]
    assert "Streets, drainage" in client.get(dept.url).content.decode()
    dept.intro = "Streets, drainage, trash and snow."
    with committed(django_capture_on_commit_callbacks):
        dept.save_revision().publish()
    assert "trash and snow." in client.get(dept.url).content.decode()


def test_a_draft_shown_in_preview_never_reaches_the_public_page(client, department):
    dept = department["department"]
    cache.clear()  # the preview renders first, with nothing kept
    dept.title = "Draft title never published"
    dept.save_revision()
    draft = dept.get_latest_revision_as_object()
    preview = draft.make_preview_request()
    assert "Draft title never published" in preview.content.decode()
    body = client.get(dept.url).content.decode()
    assert "Draft title never published" not in body and "Public Works" in body
