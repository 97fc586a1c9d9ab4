"""Resident feedback on pages, and the staff triage trail behind it.

A submission is stored as a ``Feedback`` row the moment it arrives. It keeps
the page's URL and title as text so it still makes sense after the page is
moved or deleted, and it is routed to the department that owns the page (the
nearest ``DepartmentPage`` ancestor, via ``core.pages.department_of``); pages
outside any department land in the city-wide queue (``department`` is null).

Every status change, assignment or move is a ``FeedbackEvent``, so the item
shows who did what and when. No IP address is ever stored: the rate limiter
(core/protection.py) keeps only an HMAC of it, and only in the cache.

Who sees what is decided by Wagtail *page* permissions, not by a second
permission system: see ``FeedbackQuerySet.visible_to``.
"""

import logging
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from core import freshness

logger = logging.getLogger(__name__)

#: Query-string parameters kept in a stored URL. Everything else (search
#: terms, tracking ids, email links with addresses in them…) is dropped,
#: because a resident may have typed personal data into it. These only page
#: or filter public listings.
SAFE_QUERY_PARAMS = frozenset({"page", "department", "type", "category", "year", "month"})

# Card numbers: 13–19 digits, optionally grouped by single spaces or dashes.
_CARD_RE = re.compile(r"(?<![\d])(?:\d[ -]?){12,18}\d(?![\d])")
# US social security numbers: 123-45-6789, 123 45 6789 or nine digits in a row.
_SSN_RE = re.compile(r"(?<![\d-])(?:\d{3}[- ]\d{2}[- ]\d{4}|\d{9})(?![\d-])")
# Control characters other than tab and newline (PostgreSQL also rejects NUL).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

MASK = "[number removed]"


def mask_personal_numbers(text):
    """Mask digit runs that look like card or social security numbers.

    Phone numbers (10 digits) and street numbers survive, because "the phone
    number on this page is wrong" is exactly the feedback we want.
    """
    if not text:
        return text
    text = _CARD_RE.sub(MASK, text)
    return _SSN_RE.sub(MASK, text)


def clean_text(text):
    """Normalise free text from the public: no control characters, Unix newlines, trimmed."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", text).strip()


def strip_personal_query(url):
    """A site-relative URL with only ``SAFE_QUERY_PARAMS`` kept and no fragment.

    Anything that is not a plain path on this site (a full URL, ``//host``,
    ``javascript:``) becomes ``"/"``: the stored URL is shown to staff as a link.
    """
    # Browsers read a backslash in a URL as a slash: "/\\evil.example/" opens "//evil.example/".
    url = clean_text(url)[:2000].replace("\\", "/")
    if not url.startswith("/") or url.startswith("//"):
        return "/"
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return "/"
    kept = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=False) if key in SAFE_QUERY_PARAMS]
    path = parts.path
    return f"{path}?{urlencode(kept)}" if kept else path


# -- where a submission goes: the page's title, live revision and department, cached ---------------

#: Routing facts change when pages are published, unpublished, moved or deleted, each of which
#: bumps the site's content version (core/freshness.py) that keys them. The TTL bounds anything
#: the signals miss.
PAGE_ROUTING_TTL = 300

#: Routing facts this process has already read, by (version, page id).
_local_routing = {}
LOCAL_ROUTING_MAX = 4096

#: How stale this process's copy of the content version may be when routing. A publish, move or
#: delete in another worker is seen within this long; one in this worker at once. Under load it
#: saves a cache round trip on nearly every submission.
ROUTING_VERSION_SECONDS = 1.0


def page_routing(page_id, refresh=False):
    """{"id", "title", "url", "revision", "department"} for a page id, or None if there is no such page.

    The submission endpoint asks this for every post; without the cache it would be three
    queries (the page, its URL's site, its nearest department) on every submission.
    """
    from wagtail.models import Page

    from core.pages import department_of

    try:
        version = freshness.version(within=ROUTING_VERSION_SECONDS)
        key = f"feedback:page-routing:{version}:{page_id}"
    except Exception:  # noqa: BLE001 - a cache outage must not lose a submission
        version, key = None, None
    info = None
    if key and not refresh:
        # This process's own copy first: one cache round trip (the version) instead of two.
        info = _local_routing.get((version, page_id))
        if info is None:
            try:
                info = cache.get(key)
            except Exception:  # noqa: BLE001
                key = None
    if info is None:
        page = Page.objects.filter(pk=page_id).only("pk", "title", "path", "depth", "url_path", "live_revision").first()
        if page is None:
            info = {}
        else:
            department = department_of(page)
            try:
                url = page.url or ""
            except Exception:  # noqa: BLE001 - Wagtail reads site roots from the cache
                url = ""
            info = {
                "id": page.pk,
                "title": page.title,
                "url": url,
                "revision": page.live_revision_id,
                "department": department.pk if department else None,
            }
        if key:
            try:
                cache.set(key, info, PAGE_ROUTING_TTL)
            except Exception:  # noqa: BLE001
                logger.warning("Feedback page routing: cache unavailable, not stored", exc_info=True)
    if version is not None:
        if len(_local_routing) >= LOCAL_ROUTING_MAX:
            _local_routing.clear()
        _local_routing[(version, page_id)] = info
    return info or None


class FeedbackQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Feedback.OPEN_STATUSES)

    def problem_reports(self):
        return self.filter(kind=Feedback.Kind.REPORT)

    def votes(self):
        """Yes/No answers not marked spam, including those a report absorbed (they keep ``helpful``)."""
        return self.filter(helpful__isnull=False).exclude(status=Feedback.Status.SPAM)

    def visible_to(self, user):
        """The items ``user`` may triage.

        Superusers and holders of ``feedback.triage_all_feedback`` see everything,
        including the city-wide queue. Anyone else sees feedback about the parts
        of the tree they can edit: a ``change_page`` grant on a department (or
        above it) shows that department's items; a grant on any page shows
        feedback about pages beneath it.
        """
        if not user or not user.is_active or not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.has_perm("feedback.triage_all_feedback"):
            return self
        paths = editable_page_paths(user)
        if not paths:
            return self.none()
        condition = Q()
        for path in paths:
            condition |= Q(department__path__startswith=path) | Q(page__path__startswith=path)
        return self.filter(condition)


def editable_page_paths(user):
    """Tree paths of the pages where ``user``'s groups hold ``change_page``."""
    from wagtail.models import GroupPagePermission

    cache_attr = "_jackson_editable_page_paths"
    if not hasattr(user, cache_attr):
        paths = GroupPagePermission.objects.filter(
            group__user=user, permission__codename="change_page", permission__content_type__app_label="wagtailcore"
        ).values_list("page__path", flat=True)
        setattr(user, cache_attr, sorted(set(paths)))
    return getattr(user, cache_attr)


class Feedback(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "New"
        TRIAGED = "triaged", "Triaged"
        IN_PROGRESS = "in_progress", "In progress"
        RESOLVED = "resolved", "Resolved"
        SPAM = "spam", "Spam"
        DUPLICATE = "duplicate", "Duplicate"
        #: A Yes/No vote: counted per page and department, never triage work.
        COUNTED = "counted", "Counted vote"

    class Kind(models.TextChoices):
        VOTE = "vote", "Helpful vote"
        REPORT = "report", "Problem report"

    OPEN_STATUSES = (Status.NEW, Status.TRIAGED, Status.IN_PROGRESS)
    CLOSED_STATUSES = (Status.RESOLVED, Status.SPAM, Status.DUPLICATE)
    #: The statuses a report can be given in the queue (``COUNTED`` is for votes only).
    TRIAGE_STATUSES = [choice for choice in Status.choices if choice[0] != "counted"]

    # Field sizes the public form enforces, kept here so the model and form agree.
    TRYING_MAX = 1000
    WRONG_MAX = 2000

    created_at = models.DateTimeField("received", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.VOTE)
    helpful = models.BooleanField(
        null=True, blank=True, help_text="The resident's answer to “Was this page helpful?”, if they gave one."
    )
    trying_to_do = models.TextField("what they were trying to do", blank=True, max_length=TRYING_MAX)
    what_went_wrong = models.TextField("what went wrong", blank=True, max_length=WRONG_MAX)
    email = models.EmailField("resident's email", blank=True, help_text="Given only if they want a reply.")

    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    page_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page's live revision when the feedback was sent.",
    )
    page_url = models.CharField("page URL", max_length=500, blank=True)
    page_title = models.CharField(max_length=255, blank=True)
    department = models.ForeignKey(
        "departments.DepartmentPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="department_feedback",
        help_text="Empty means the city-wide queue.",
    )

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_feedback"
    )
    spam_reason = models.CharField(max_length=40, blank=True, editable=False)
    personal_data_purged_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = FeedbackQuerySet.as_manager()

    #: Feedback points at pages but is not content: keep it out of Wagtail's
    #: reference index ("usage" counts), which would also queue a task per save.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-pk"]
        # What staff call them in the queue: "3 feedback reports", never "3 feedback".
        verbose_name = "feedback report"
        verbose_name_plural = "feedback reports"
        permissions = [("triage_all_feedback", "Can triage feedback for every department and the city-wide queue")]
        # Named as when the model lived in ``forms``: the index moved with the table, unrenamed.
        indexes = [models.Index(fields=["department", "status", "created_at"], name="forms_feedb_departm_7aea0c_idx")]

    @property
    def page_href(self):
        """The stored page URL as a link that can only stay on this site (older rows were stored unchecked)."""
        return strip_personal_query(self.page_url or "/")

    def __str__(self):
        what = self.get_kind_display() if self.kind == self.Kind.REPORT else f"“{self.helpful_label}”"
        return f"{what} on {self.page_title or self.page_url or 'unknown page'} (#{self.pk})"

    def insert(self):
        """Store this new item with one INSERT whose SQL is built once per process.

        The feedback endpoint is the hottest write path on the site (every page posts to it),
        and ``save()`` compiles its INSERT afresh every time: about a fifth of the CPU a
        submission cost. The values are prepared exactly as ``save()`` prepares them
        (``pre_save`` fills ``updated_at``, each field converts its own value). No model
        signals are sent; nothing listens for Feedback saves (tests/test_feedback.py checks
        the stored row matches one saved by the ORM).
        """
        from django.db import connections, router

        alias = router.db_for_write(type(self), instance=self)
        connection = connections[alias]
        sql, fields = _insert_statement(connection)
        params = [field.get_db_prep_save(field.pre_save(self, True), connection) for field in fields]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            if connection.features.can_return_columns_from_insert:
                self.pk = cursor.fetchone()[0]
            else:
                self.pk = connection.ops.last_insert_id(cursor, self._meta.db_table, self._meta.pk.column)
        self._state.adding = False
        self._state.db = alias
        return self

    def queue_title(self):
        """The item's name in the queue: its page and number, so rows about one page stay apart."""
        return f"{self.page_title or self.page_url or 'Unknown page'} (#{self.pk})"

    queue_title.short_description = "Page"
    queue_title.admin_order_field = "page_title"

    @property
    def status_label(self):
        return self.get_status_display()

    @property
    def kind_label(self):
        return self.get_kind_display()

    @property
    def helpful_label(self):
        return {True: "Yes", False: "No", None: "—"}[self.helpful]

    @property
    def department_label(self):
        return self.department.title if self.department_id else "City-wide"

    @property
    def assignee_label(self):
        if not self.assignee_id:
            return ""
        return self.assignee.get_full_name() or self.assignee.get_username()

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    @cached_property
    def history(self):
        return list(self.events.select_related("user").order_by("created_at", "pk"))

    # -- changes, each recorded ------------------------------------------------------------

    def record(self, user, action, from_value, to_value, note=""):
        return FeedbackEvent.objects.create(
            feedback=self, user=user, action=action, from_value=from_value, to_value=to_value, note=note
        )

    def set_status(self, status, user=None, note=""):
        if status == self.status and not note:
            return False
        old = self.get_status_display()
        self.status = status
        self.save(update_fields=["status", "updated_at"])
        self.record(user, FeedbackEvent.Action.STATUS, old, self.get_status_display(), note)
        return True

    def assign(self, assignee, user=None, note=""):
        if assignee == self.assignee and not note:
            return False
        old = self.assignee_label or "nobody"
        self.assignee = assignee
        self.save(update_fields=["assignee", "updated_at"])
        self.record(user, FeedbackEvent.Action.ASSIGNED, old, self.assignee_label or "nobody", note)
        return True

    def move_to(self, department, user=None, note=""):
        if department == self.department and not note:
            return False
        old = self.department_label
        self.department = department
        self.save(update_fields=["department", "updated_at"])
        self.record(user, FeedbackEvent.Action.MOVED, old, self.department_label, note)
        return True

    def purge_personal_data(self):
        """Forget what the resident wrote and who they are; keep the counts."""
        self.trying_to_do = ""
        self.what_went_wrong = ""
        self.email = ""
        self.personal_data_purged_at = timezone.now()
        self.save(update_fields=["trying_to_do", "what_went_wrong", "email", "personal_data_purged_at", "updated_at"])


class FeedbackEvent(models.Model):
    """One change to a feedback item: who, when, from → to, and an optional internal note."""

    class Action(models.TextChoices):
        STATUS = "status", "Status"
        ASSIGNED = "assigned", "Assignee"
        MOVED = "moved", "Department"
        NOTE = "note", "Note"

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    from_value = models.CharField(max_length=255, blank=True)
    to_value = models.CharField(max_length=255, blank=True)
    note = models.TextField("internal note", blank=True, max_length=2000)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.from_value} → {self.to_value}"

    @property
    def user_label(self):
        if not self.user_id:
            return "System"
        return self.user.get_full_name() or self.user.get_username()


_insert_statements = {}


def _insert_statement(connection):
    """``(sql, fields)`` of Feedback's INSERT for this kind of database, built on first use."""
    statement = _insert_statements.get(connection.vendor)
    if statement is None:
        meta = Feedback._meta
        fields = [field for field in meta.local_concrete_fields if field is not meta.pk and not field.generated]
        quote = connection.ops.quote_name
        sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model, values as parameters
            quote(meta.db_table),
            ", ".join(quote(field.column) for field in fields),
            ", ".join(["%s"] * len(fields)),
        )
        if connection.features.can_return_columns_from_insert:
            sql += f" RETURNING {quote(meta.pk.column)}"
        statement = _insert_statements[connection.vendor] = (sql, fields)
    return statement
