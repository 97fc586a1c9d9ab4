"""Every page and snippet the demo city creates can be saved unchanged in the admin.

Model validation alone missed what staff hit: a seeded form whose field type was
not in the admin's list could not be saved ("This field is required"), because
the edit form, not the model, rejected it. So this signs in as a superuser, opens
each edit view, posts the form back exactly as a browser would submit it unchanged
(tests/admin_form_helpers.py rebuilds StreamField inputs as Wagtail's JavaScript
does), and expects the redirect that follows a successful save. Every failure is
collected and reported at once.

The demo city is seeded once for the module (tests/conftest.py ``seeded``); it
runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page

from tests.admin_form_helpers import form_data, post_unchanged

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def superuser_client(client):
    client.force_login(get_user_model().objects.create_superuser("demo-saver", "saver@example.gov", "unused"))
    return client


def save_problem(response, label):
    """None when the save succeeded; otherwise what the editor would have seen."""
    if response.status_code in (301, 302):
        return None
    text = response.content.decode(errors="replace")
    document = lxml.html.document_fromstring(text) if text.strip() else None
    errors = []
    if document is not None:
        for node in document.xpath(
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' error-message ')]"
            " | //*[contains(concat(' ', normalize-space(@class), ' '), ' help-critical ')]"
            " | //*[contains(@class, 'messages')]//li"
        ):
            message = " ".join(node.text_content().split())
            if message:
                errors.append(message)
    return f"{label}: HTTP {response.status_code}: {'; '.join(dict.fromkeys(errors)) or 'no message'}"


def test_every_demo_page_saves_unchanged_as_a_draft(seeded, superuser_client):
    pages = list(Page.objects.filter(depth__gt=1).order_by("path").specific())
    assert len(pages) > 200, "the whole demo city, not a slice"
    problems = []
    for page in pages:
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = post_unchanged(superuser_client, url, "page-edit-form")
        problem = save_problem(response, f"{type(page).__name__} {page.url_path}")
        if problem:
            problems.append(problem)
    assert problems == [], f"{len(problems)} demo pages cannot be saved unchanged:\n" + "\n".join(problems)


def test_every_demo_alert_and_feedback_item_saves_unchanged(seeded, superuser_client):
    from alerts.models import Alert
    from feedback.models import Feedback

    snippets = [*Alert.objects.all(), *Feedback.objects.all()]
    assert Alert.objects.exists() and Feedback.objects.exists()
    problems = []
    for item in snippets:
        url = reverse(item.snippet_viewset.get_url_name("edit"), args=[item.pk])
        response = post_unchanged(superuser_client, url, "w-editor-form")
        problem = save_problem(response, f"{type(item).__name__} #{item.pk}")
        if problem:
            problems.append(problem)
    assert problems == [], f"{len(problems)} demo snippets cannot be saved unchanged:\n" + "\n".join(problems)


def test_a_save_keeps_the_page_content_unchanged(seeded, superuser_client):
    """The form data really is the page as stored: a draft saved unchanged has the same StreamField
    blocks as the live page (so the emulation posts the blocks, not an empty stream)."""
    from departments.models import ServicePage
    from home.models import HomePage

    for page in (HomePage.objects.get(), ServicePage.objects.exclude(steps=[]).first()):
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert post_unchanged(superuser_client, url, "page-edit-form").status_code == 302
        draft = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
        for field in ("body", "top_tasks", "steps"):
            if hasattr(page, field):
                blocks = [(child.block_type, child.id) for child in getattr(page, field)]
                assert [(child.block_type, child.id) for child in getattr(draft, field)] == blocks


def test_form_data_submits_only_what_a_browser_would():
    html = """<form id="f"><input name="a" value="1"><input name="b" disabled value="x">
      <input type="checkbox" name="c"><input type="checkbox" name="d" checked>
      <input type="radio" name="r" value="no"><input type="radio" name="r" value="yes" checked>
      <select name="s"><option value="1">1</option><option value="2" selected>2</option></select>
      <select name="t"><option value="first">x</option></select>
      <textarea name="u">
line</textarea><input type="submit" name="go" value="Go"><input type="file" name="f">
      <template><input name="x-__prefix__-y" value="z"></template></form>
      <input name="outside" form="f" value="o">"""
    assert form_data(html, "f") == [
        ("a", "1"),
        ("d", "on"),
        ("r", "yes"),
        ("s", "2"),
        ("t", "first"),
        ("u", "line"),
        ("outside", "o"),
    ]


def test_a_page_the_admin_cannot_save_is_reported(seeded, superuser_client):
    """The check catches the bug it was written for: a form field whose type the admin does not list
    (the seeded Mayor's Office form once used one) renders no selected choice and fails on save."""
    from forms.models import FormField, FormPage

    form = FormPage.objects.filter(form_fields__isnull=False).first()
    FormField.objects.filter(pk=form.form_fields.first().pk).update(field_type="retired-type")
    url = reverse("wagtailadmin_pages:edit", args=[form.pk])
    problem = save_problem(post_unchanged(superuser_client, url, "page-edit-form"), form.title)
    assert problem and "HTTP 200" in problem
