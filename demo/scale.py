"""``seed_demo --scale N``: N generated pages of every type, fast enough for 10,000.

Creating pages one by one through ``add_child`` and a published revision
costs about 30 queries each; for a benchmark-sized tree that takes many
minutes. Here pages are written in batches instead:

* tree paths are computed the way treebeard does (``_get_path``), continuing
  after each department's last child, and the base ``Page`` rows are written
  with one ``bulk_create`` per batch;
* the specific rows (NewsPage, EventPage, ...) then go in as multi-row
  INSERTs of their own table's columns. ``bulk_create`` refuses multi-table
  children, so this uses the queryset's ``_insert``, the same step
  ``bulk_create`` performs for a plain model (one INSERT per object instead
  would be 10,000 round trips). Tags go in with ``bulk_create``;
* pages are live with no revision (as if imported), and the search index is
  rebuilt once by the caller.

Page ``i`` always gets slug ``generated-<type>-<i>`` in the same department
with the same text, so a rerun skips what exists and ``--scale`` can be
raised later to add only the difference.
"""

import datetime
import random
import sys
import time

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page

from demo import wordlists as words
from demo.common import SERVICES_DOMAIN, city_datetime, city_today, email, para, rich_list
from demo.seeder import stream_steps

KINDS = ["news", "event", "faq", "contact", "service", "page"]
BATCH_SIZE = 500


def _models():
    from departments.models import ContactPage, DepartmentPage, FAQPage, ServicePage
    from events.models import EventPage
    from home.models import StandardPage
    from news.models import NewsPage

    return DepartmentPage, {
        "news": NewsPage,
        "event": EventPage,
        "faq": FAQPage,
        "contact": ContactPage,
        "service": ServicePage,
        "page": StandardPage,
    }


def slug_for(kind, number):
    return f"generated-{kind}-{number:05d}"


def plan(n, departments):
    """(number, kind, department) for pages 0..n-1: types and departments in turn."""
    return [(i, KINDS[i % len(KINDS)], departments[(i // len(KINDS)) % len(departments)]) for i in range(n)]


# -- text ----------------------------------------------------------------


def _sentences(rng, count):
    return " ".join(
        rng.choice(words.SENTENCES).format(hood=rng.choice(words.NEIGHBORHOODS), street=rng.choice(words.STREETS))
        for _ in range(count)
    )


def _paragraphs(rng, count=3):
    return [para(_sentences(rng, rng.randint(2, 4))) for _ in range(count)]


def _person(rng):
    return rng.choice(words.FIRST_NAMES), rng.choice(words.LAST_NAMES)


def content_for(kind, number, department, today):
    """Title, specific fields and tags for generated page ``number``."""
    rng = random.Random(f"{kind}-{number}")  # noqa: S311 - reproducible demo text, not security.
    hood, street = rng.choice(words.NEIGHBORHOODS), rng.choice(words.STREETS)
    tags = rng.sample(words.TOPICS, 2)
    dept = department.title
    if kind == "news":
        project = rng.choice(words.PROJECTS)
        title = f"Work on {project} along {street} {rng.choice(words.NEWS_VERBS)}"
        fields = {
            "date": today - datetime.timedelta(days=rng.randint(0, 364)),
            "summary": f"{dept} update on {project} in {hood}. {_sentences(rng, 1)}",
            "body": _paragraphs(rng),
        }
    elif kind == "event":
        event_kind = rng.choice(words.EVENT_KINDS)
        title = f"{hood} {event_kind}"
        day = today + datetime.timedelta(days=rng.randint(-60, 120))
        start = city_datetime(day, f"{rng.choice([9, 10, 13, 17, 18])}:{rng.choice(['00', '30'])}")
        fields = {
            "start": start,
            "end": start + datetime.timedelta(hours=rng.choice([1, 2, 3])),
            "all_day": False,
            "summary": f"A {event_kind} hosted by {dept} for residents of {hood}.",
            "venue_name": rng.choice(words.VENUES),
            "venue_address": f"{rng.randint(100, 4999)} {street}, Jackson, MS 39201",
            "cost": rng.choice(["Free", "Free", "$5", "$10 per family"]),
            "canceled": rng.random() < 0.03,
            "body": _paragraphs(rng, 2),
        }
        fields["last_end"] = fields["end"]
    elif kind == "faq":
        _, verb, things = rng.choice(words.SERVICE_ACTIONS)
        thing = rng.choice(things)
        title = f"How do I {verb.lower()} {thing} in {hood}?"
        fields = {"answer": "".join(block["value"] for block in _paragraphs(rng, 2))}
    elif kind == "contact":
        if rng.random() < 0.25:
            title = f"{dept} {rng.choice(words.OFFICES)} ({hood})"
            fields = {"kind": "office", "role": f"{dept} services for {hood}", "email": email(f"office{number}")}
        else:
            first, last = _person(rng)
            title = f"{first} {last}"
            fields = {
                "kind": "person",
                "role": f"{rng.choice(words.ROLES)}, {dept}",
                "email": email(f"{first[0]}{last}{number}".lower()),
            }
        fields.update(
            phone=f"601-555-01{rng.randint(0, 99):02d}",
            street_address=department.street_address,
            office_hours=department.office_hours,
            body=[],
        )
    elif kind == "service":
        action, verb, things = rng.choice(words.SERVICE_ACTIONS)
        subject = rng.choice(words.SUBJECTS)
        thing = rng.choice(things)
        title = f"{verb} {thing} ({subject})"
        fields = {
            "intro": f"{verb} {thing} with {dept}. {_sentences(rng, 1)}",
            "audience": f"Residents, property owners and businesses in {hood} and across Jackson.",
            "steps": stream_steps(
                [
                    ("Check what you need", _sentences(rng, 1)),
                    ("Send your request", _sentences(rng, 1)),
                    ("Hear back from us", _sentences(rng, 1)),
                ]
            ),
            "cost": rng.choice(["Free", "$25", "$50 per application", "Varies; see the fee schedule"]),
            "documents_needed": rich_list(["Photo ID", "Proof of address"]),
            "action_type": action,
            "action_label": "",
            "action_url": f"{SERVICES_DOMAIN}/generated/{number}",
            "body": [],
        }
    else:
        project = rng.choice(words.PROJECTS)
        title = f"{hood} {project}: project overview"
        fields = {"intro": f"What {dept} is doing about {project} in {hood}, and when.", "body": _paragraphs(rng, 4)}
    return title[:255], fields, (tags if kind in ("news", "event", "faq") else [])


# -- writing ---------------------------------------------------------------


class _TreeCursor:
    """Hands out the next free child path under each department, as treebeard would."""

    def __init__(self):
        self.next_step = {}

    def take(self, department):
        if department.pk not in self.next_step:
            last = department.get_last_child()
            self.next_step[department.pk] = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        step = self.next_step[department.pk]
        self.next_step[department.pk] += 1
        return Page._get_path(department.path, department.depth + 1, step)


def _write_batch(batch, models, cursor, today, progress):
    now = timezone.now()
    content_types = {kind: ContentType.objects.get_for_model(model) for kind, model in models.items()}
    bases, specifics, tag_names = [], [], []
    added = {}
    for number, kind, department in batch:
        title, fields, tags = content_for(kind, number, department, today)
        slug = slug_for(kind, number)
        bases.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_types[kind],
                path=cursor.take(department),
                depth=department.depth + 1,
                numchild=0,
                url_path=f"{department.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                locale_id=department.locale_id,
            )
        )
        specifics.append((models[kind], fields))
        tag_names.append(tags)
        added[department.pk] = added.get(department.pk, 0) + 1

    Page.objects.bulk_create(bases)
    by_model = {}
    for base, (model, fields) in zip(bases, specifics, strict=True):
        by_model.setdefault(model, []).append(model(page_ptr_id=base.pk, **fields))
    written = 0
    for model, rows in by_model.items():
        columns = model._meta.local_concrete_fields
        step = max(1, connection.ops.bulk_batch_size(columns, rows))
        for start in range(0, len(rows), step):
            chunk = rows[start : start + step]
            model._base_manager._insert(chunk, fields=columns, using=connection.alias)
            written += len(chunk)
            progress(written)

    # Each event's one date (EventPage.save writes it for a page saved the usual way).
    event_model = models.get("event")
    if event_model is not None:
        occurrence_model = event_model._meta.get_field("occurrences").related_model
        occurrence_model.objects.bulk_create(
            [
                occurrence_model(page_id=base.pk, scheduled=fields["start"], start=fields["start"], end=fields["end"])
                for base, (model, fields) in zip(bases, specifics, strict=True)
                if model is event_model
            ],
            batch_size=500,
        )

    # Tags are matched by name or slug (both are unique), so an editor's "Parks" is reused for "parks".
    wanted = {name for names in tag_names for name in names}
    known = Tag.objects.filter(Q(name__in=wanted) | Q(slug__in=[slugify(name) for name in wanted]))
    by_name = {tag.name: tag for tag in known}
    by_slug = {tag.slug: tag for tag in known}

    def resolve(name):
        return by_name.get(name) or by_slug.get(slugify(name))

    missing = [Tag(name=name, slug=slugify(name)) for name in sorted(wanted) if resolve(name) is None]
    for tag in Tag.objects.bulk_create(missing):
        by_name[tag.name] = tag
    through_rows = {}
    for base, (model, _), names in zip(bases, specifics, tag_names, strict=True):
        if names:
            through = model._meta.get_field("tags").through
            through_rows.setdefault(through, []).extend(
                through(content_object_id=base.pk, tag_id=resolve(name).pk) for name in names
            )
    for through, rows in through_rows.items():
        through.objects.bulk_create(rows)

    for department_pk, count in added.items():
        Page.objects.filter(pk=department_pk).update(numchild=F("numchild") + count)


class ProgressBar:
    """A plain text bar, redrawn at most once per percent."""

    def __init__(self, stdout, total, enabled=True, width=40):
        self.stdout, self.total, self.enabled, self.width = stdout, total, enabled, width
        self.shown = -1

    def update(self, done):
        if not self.enabled or not self.total:
            return
        percent = done * 100 // self.total
        if percent == self.shown:
            return
        self.shown = percent
        filled = self.width * done // self.total
        bar = "#" * filled + "-" * (self.width - filled)
        self.stdout.write(f"\r  [{bar}] {percent:3d}% ({done:,}/{self.total:,})", ending="")
        self.stdout.flush()

    def finish(self):
        if self.enabled and self.total:
            self.stdout.write("")


def scale_up(seeder, n, stdout=None, verbosity=1):
    """Add generated pages 0..n-1 that do not exist yet. Returns how many were created."""
    stdout = stdout or sys.stdout
    department_model, models = _models()
    departments = list(department_model.objects.child_of(seeder.indexes["departments"]).order_by("path"))
    if not departments:
        return 0
    existing = set(
        Page.objects.descendant_of(seeder.indexes["departments"])
        .filter(slug__startswith="generated-")
        .values_list("slug", flat=True)
    )
    todo = [item for item in plan(n, departments) if slug_for(item[1], item[0]) not in existing]
    if verbosity > 0:
        stdout.write(f"Generated pages: {n - len(todo):,} of {n:,} already there, adding {len(todo):,}.")
    started = time.monotonic()
    cursor = _TreeCursor()
    today = city_today()
    bar = ProgressBar(stdout, len(todo), enabled=verbosity > 0)
    done = 0
    bar.update(0)
    for start in range(0, len(todo), BATCH_SIZE):
        batch = todo[start : start + BATCH_SIZE]
        with transaction.atomic():
            _write_batch(batch, models, cursor, today, lambda written, offset=done: bar.update(offset + written))
        done += len(batch)
        bar.update(done)
    bar.finish()
    elapsed = time.monotonic() - started
    if verbosity > 0 and todo:
        stdout.write(f"Generated pages: {len(todo):,} created in {elapsed:.1f} s ({len(todo) / elapsed:,.0f} pages/s).")
    return len(todo)
