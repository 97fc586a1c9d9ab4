"""Create-or-update one page from data, publishing only when something changed.

Running the demo seed twice must neither duplicate pages nor pile up
revisions, so each page is found by slug under its parent and compared field
by field with its data before anything is written. A page that matches its
data, is live and has no draft changes is left alone.

A page a person has edited is left alone too, unless the seed is forced. The signal is the
page's latest revision: the seeder saves revisions without a user, while every save in the
Wagtail admin (draft, publish, workflow, revert) records who made it. So "the latest revision
has a user" means a person was the last to touch the page, whatever they changed (fields,
tags, form fields, or only a draft), and a forced seed, writing a revision without a user,
hands the page back to the demo. Comparing against the seeder's own data cannot tell an edit
from a change in the data modules, which is why it is not the signal.
"""

import json

from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Page

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
KEPT = "kept"


class SeedConflict(Exception):
    """A page already sits at the demo's slug but is of another type."""


def _strip_ids(value):
    """Block ids are random; compare stream content without them."""
    if isinstance(value, dict):
        return {key: _strip_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list | tuple):
        return [_strip_ids(item) for item in value]
    return value


def _normal_stream(field, value):
    if not hasattr(value, "raw_data"):
        value = field.to_python(value)
    return json.loads(json.dumps(_strip_ids(field.get_prep_value(value)), default=str))


def _differs(page, name, new_value):
    """Whether setting ``name`` to ``new_value`` would change the page."""
    field = page._meta.get_field(name)
    if isinstance(field, StreamField):
        return _normal_stream(field, getattr(page, name)) != _normal_stream(field, new_value)
    if isinstance(field, models.ForeignKey):
        new_id = new_value.pk if isinstance(new_value, models.Model) else new_value
        return getattr(page, field.attname) != new_id
    return getattr(page, name) != new_value


def _apply(page, fields):
    changed = False
    for name, value in fields.items():
        if _differs(page, name, value):
            setattr(page, name, value)
            changed = True
    return changed


def _tag_names(page):
    return sorted(tag.name for tag in page.tags.all())


def _form_rows(page):
    keys = ("label", "field_type", "required", "choices", "default_value", "help_text", "error_message")
    return [tuple(getattr(field, key) for key in keys) for field in page.form_fields.all()]


def _form_field_objects(page, rows):
    field_model = page.form_fields.model
    return [field_model(sort_order=index, **row) for index, row in enumerate(rows)]


def normal_form_rows(rows):
    """Fill in defaults so data rows compare equal to saved FormField rows."""
    normal = []
    for row in rows:
        normal.append(
            {
                "label": row["label"],
                "field_type": row["field_type"],
                "required": row.get("required", True),
                "choices": "\n".join(row.get("choices", [])),
                "default_value": row.get("default_value", ""),
                "help_text": row.get("help_text", ""),
                "error_message": row.get("error_message", ""),
            }
        )
    return normal


def edited_by_person(page):
    """Whether a person saved the page's latest revision (see the module docstring)."""
    revision = page.latest_revision
    return revision is not None and revision.user_id is not None


def _child_rows(page, relation, rows):
    """``relation``'s rows on ``page`` as tuples of the keys ``rows`` use (in their order)."""
    keys = list(rows[0]) if rows else []
    return [tuple(getattr(child, key) for key in keys) for child in getattr(page, relation).all()]


def _set_children(page, children):
    """Replace child rows (``{"date_changes": [{...}, ...]}``); True if any relation changed."""
    changed = False
    for relation, rows in (children or {}).items():
        if _child_rows(page, relation, rows) != [tuple(row.values()) for row in rows]:
            model = getattr(page, relation).model
            setattr(page, relation, [model(sort_order=index, **row) for index, row in enumerate(rows)])
            changed = True
    return changed


def upsert(parent, model, slug, fields, *, tags=None, form_fields=None, children=None, force=False):
    """Make ``parent`` have a live ``model`` child at ``slug`` matching ``fields``.

    ``tags`` (a list of names) applies to pages with a ``tags`` manager;
    ``form_fields`` (rows of FormField values) to form pages; ``children`` (``{relation: rows}``)
    to other child rows, such as an event's date changes. Returns the
    specific page and CREATED, UPDATED, UNCHANGED or KEPT (edited by a person, not
    ``force``d: nothing written).
    """
    rows = normal_form_rows(form_fields) if form_fields is not None else None
    existing = Page.objects.child_of(parent).filter(slug=slug).first()
    if existing is None:
        page = model(slug=slug, **fields)
        if tags:
            page.tags.set(tags)
        if rows is not None:
            page.form_fields = _form_field_objects(page, rows)
        _set_children(page, children)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page, CREATED

    page = existing.specific
    if not isinstance(page, model):
        raise SeedConflict(f"{existing.url_path} is a {type(page).__name__}, not a {model.__name__}.")
    return page, update(page, fields, tags=tags, form_fields=form_fields, children=children, force=force)


def update(page, fields, *, tags=None, form_fields=None, children=None, force=False):
    """Bring an existing page in line with its data; publish only if it changed.

    A page a person edited last is returned untouched as KEPT unless ``force`` is set; the
    check comes first, so not even the in-memory page is changed.
    """
    if not force and edited_by_person(page):
        return KEPT
    rows = normal_form_rows(form_fields) if form_fields is not None else None
    changed = _apply(page, fields)
    if tags is not None and _tag_names(page) != sorted(tags):
        page.tags.set(tags)
        changed = True
    if rows is not None and _form_rows(page) != [tuple(row.values()) for row in rows]:
        page.form_fields = _form_field_objects(page, rows)
        changed = True
    if _set_children(page, children):
        changed = True
    if not changed and page.live and not page.has_unpublished_changes:
        return UNCHANGED
    page.save_revision().publish()
    return UPDATED
