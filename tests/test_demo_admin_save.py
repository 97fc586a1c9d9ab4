"""Every page and snippet the demo city creates can be saved unchanged in the admin (one of each form shape).

Model validation alone missed what staff hit: a seeded form whose field type was
not in the admin's list could not be saved ("This field is required"), because
the edit form, not the model, rejected it. So this signs in as a superuser, opens
each edit view, posts the form back exactly as a browser would submit it unchanged
(tests/admin_form_helpers.py rebuilds StreamField inputs as Wagtail's JavaScript
does), and expects the redirect that follows a successful save. Every failure is
collected and reported at once.

Pages are saved one per *form shape* (``form_shape``): two pages with the same type, the same
choices made, the same fields left empty, the same StreamField blocks, the same form-field types
and the same child rows give the admin the same form, so saving both checks nothing more. The
241 demo pages have 58 shapes; an admin save takes a third of a second, so this runs in a quarter
of the time of saving them all. A page of a new kind, a new block or a new field type in the demo
is a new shape, and is saved. Alerts and feedback items are chosen the same way.

The demo city is seeded once for the module (tests/conftest.py ``seeded``); it
runs on SQLite and, with DATABASE_URL, on PostgreSQL.
"""

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from modelcluster.fields import ParentalKey
from wagtail.fields import StreamField
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


def _blocks_used(stream, prefix=""):
    """Every block path in a StreamField value, nested streams and empty struct members included."""
    used = set()
    for child in stream:
        name = prefix + child.block_type
        used.add(name)
        value = child.value
        if hasattr(value, "stream_block"):
            used |= _blocks_used(value, name + ".")
        elif hasattr(value, "items"):
            for key, member in value.items():
                if hasattr(member, "stream_block"):
                    used |= _blocks_used(member, f"{name}.{key}.")
                elif member in (None, "", []) or isinstance(member, list):
                    used.add(f"{name}.{key}:{'empty' if not member else 'list'}")
    return used


def form_shape(page):
    """What decides the admin form a page (or snippet) gets: its type, each field's choice or
    emptiness, the blocks of each StreamField, and for each inline panel whether it has rows and
    their field types."""
    shape = [type(page).__name__]
    for field in page._meta.concrete_fields:
        if field.model is Page or field.primary_key:
            continue
        value = getattr(page, field.attname)
        if isinstance(field, StreamField):
            shape.append((field.name, tuple(sorted(_blocks_used(getattr(page, field.name))))))
        elif field.choices:
            shape.append((field.name, value))
        else:
            shape.append((field.name, value in (None, "", [])))
    for relation in page._meta.related_objects:
        if isinstance(relation.field, ParentalKey):
            rows = list(getattr(page, relation.get_accessor_name()).all())
            kinds = tuple(sorted({str(getattr(row, "field_type", "")) for row in rows}))
            shape.append((relation.get_accessor_name(), bool(rows), kinds))
    tags = getattr(page, "tags", None)
    shape.append(("tags", bool(tags is not None and tags.exists())))
    return tuple(repr(part) for part in shape)


def one_per_form_shape(items):
    shapes = {}
    for item in items:
        shapes.setdefault(form_shape(item), item)
    return list(shapes.values())


def test_every_form_shape_among_the_demo_pages_saves_unchanged_as_a_draft(seeded, superuser_client):
    pages = list(Page.objects.filter(depth__gt=1).order_by("path").specific())
    assert len(pages) > 200, "the whole demo city, not a slice"
    chosen = one_per_form_shape(pages)
    assert {type(page) for page in chosen} == {type(page) for page in pages}
    problems = []
    for page in chosen:
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = post_unchanged(superuser_client, url, "page-edit-form")
        problem = save_problem(response, f"{type(page).__name__} {page.url_path}")
        if problem:
            problems.append(problem)
    assert problems == [], f"{len(problems)} demo pages cannot be saved unchanged:\n" + "\n".join(problems)


def test_form_shapes_differ_only_where_the_admin_form_does(seeded):
    """Other words share a shape; another block, or another form-field type, is a shape of its own."""
    from departments.models import ServicePage
    from forms.models import FormField, FormPage

    page = ServicePage.objects.exclude(steps=[]).exclude(intro="").first()
    other = ServicePage.objects.get(pk=page.pk)
    other.title, other.intro = "Another title", "Other words entirely."
    assert form_shape(other) == form_shape(page)
    other.steps = []
    assert form_shape(other) != form_shape(page)

    form = next(page for page in FormPage.objects.all() if page.form_fields.exists())
    before = form_shape(form)
    kinds = set(form.form_fields.values_list("field_type", flat=True))
    new_kind = next(kind for kind, _label in FormField._meta.get_field("field_type").choices if kind not in kinds)
    FormField.objects.filter(pk=form.form_fields.first().pk).update(field_type=new_kind)
    assert form_shape(FormPage.objects.get(pk=form.pk)) != before


def test_every_form_shape_among_the_demo_alerts_and_feedback_saves_unchanged(seeded, superuser_client):
    from alerts.models import Alert
    from feedback.models import Feedback

    snippets = one_per_form_shape([*Alert.objects.all(), *Feedback.objects.all()])
    assert {type(item) for item in snippets} == {Alert, Feedback}
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
