"""The staff side of resident feedback: the triage queue, its bulk actions, the
dashboard panel and the "pages with most No answers" report.

Registered in feedback/wagtail_hooks.py. Everything a user sees is scoped through
``Feedback.objects.visible_to(user)``, which follows Wagtail page permissions:
department editors see their department's queue, city-wide administrators see
everything. The listing, every per-item view and every bulk action go through
that one scope (``FeedbackPermissionPolicy`` plus ``ScopedObjectMixin``).

Free text is shown through Django's autoescaping everywhere (the listing uses
plain columns, the edit view read-only panels, the history panel a template),
and spreadsheet exports neutralise cells that a spreadsheet would run as
formulas.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.timesince import timesince
from django_filters import (
    BooleanFilter,
    CharFilter,
    ChoiceFilter,
    DateFromToRangeFilter,
    ModelChoiceFilter,
    MultipleChoiceFilter,
)
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.models import Page
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import EditView, HistoryView, IndexView, InspectView, SnippetViewSet, UsageView

from core.exports import FormulaSafeExportMixin
from feedback.models import Feedback, FeedbackEvent, editable_page_paths

# --------------------------------------------------------------------------------------------
# Who may do what


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, widened by page permissions and narrowed per item.

    Anyone who can edit some part of the page tree may open the queue (they
    then see only their part of it); nobody creates feedback in the admin; only
    holders of ``feedback.delete_feedback`` delete it (spam is marked, not deleted).
    """

    def user_has_permission(self, user, action):
        if not user.is_active:
            return False
        if action == "add":
            return False
        if user.is_superuser or super().user_has_permission(user, action):
            return True
        if action in ("view", "change"):
            return user.has_perm("wagtailadmin.access_admin") and bool(editable_page_paths(user))
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action) and Feedback.objects.visible_to(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if self.user_has_any_permission(user, actions):
            return Feedback.objects.visible_to(user)
        return Feedback.objects.none()


FEEDBACK_POLICY = FeedbackPermissionPolicy(Feedback)


class ScopedObjectMixin:
    """Per-item views refuse items outside the user's part of the queue."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset) if queryset is not None else super().get_object()
        if not Feedback.objects.visible_to(self.request.user).filter(pk=obj.pk).exists():
            raise PermissionDenied
        return obj


class FeedbackEditView(ScopedObjectMixin, EditView):
    pass


class FeedbackInspectView(ScopedObjectMixin, InspectView):
    pass


class FeedbackHistoryView(ScopedObjectMixin, HistoryView):
    pass


class FeedbackUsageView(ScopedObjectMixin, UsageView):
    pass


def staff_users():
    return get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name", "username")


def department_choices():
    from departments.models import DepartmentPage

    return DepartmentPage.objects.order_by("title")


# --------------------------------------------------------------------------------------------
# The item's edit view: triage fields, read-only submission, history


class FeedbackTriageForm(WagtailAdminModelForm):
    """Saves triage changes as recorded ``FeedbackEvent`` rows rather than silent edits."""

    note = forms.CharField(
        label="Internal note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen by staff only; saved in the item's history with your change.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            self.fields["status"].choices = Feedback.TRIAGE_STATUSES
        if "assignee" in self.fields:
            self.fields["assignee"].queryset = staff_users()
        if "department" in self.fields:
            self.fields["department"].queryset = department_choices()
            self.fields["department"].empty_label = "City-wide queue"

    def save(self, commit=True):
        instance = self.instance
        user = getattr(self, "for_user", None)
        note = self.cleaned_data.get("note", "")
        original = Feedback.objects.get(pk=instance.pk)
        new_status = instance.status
        new_assignee = instance.assignee
        new_department = instance.department
        # Apply each change through the model so it is recorded; put the note on the first.
        instance.status, instance.assignee, instance.department = (
            original.status,
            original.assignee,
            original.department,
        )
        recorded = False
        if new_status != original.status:
            recorded = instance.set_status(new_status, user, note) or recorded
            note = ""
        if new_assignee != original.assignee:
            recorded = instance.assign(new_assignee, user, note) or recorded
            note = ""
        if new_department != original.department:
            recorded = instance.move_to(new_department, user, note) or recorded
            note = ""
        if note:
            instance.record(user, FeedbackEvent.Action.NOTE, "", "", note)
        return instance

    def save_m2m(self):
        pass


class FeedbackHistoryPanel(Panel):
    """The item's trail: who changed what, when, and why."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtailadmin/feedback/history_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["events"] = self.instance.history if self.instance and self.instance.pk else []
            return context


class FeedbackSubmissionPanel(Panel):
    """What the resident sent, escaped; the page link goes to the live URL and the page editor."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtailadmin/feedback/submission_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            item = self.instance
            context["item"] = item
            context["page_edit_url"] = (
                reverse("wagtailadmin_pages:edit", args=[item.page_id]) if item and item.page_id else ""
            )
            return context


# --------------------------------------------------------------------------------------------
# The listing


class NullableDepartmentFilter(ChoiceFilter):
    """Department filter with the city-wide queue (no department) as a choice."""

    CITY_WIDE = "city-wide"

    def filter(self, qs, value):
        if value == self.CITY_WIDE:
            return qs.filter(department__isnull=True)
        if value:
            return qs.filter(department_id=value)
        return qs


def _department_filter_choices():
    return [(NullableDepartmentFilter.CITY_WIDE, "City-wide queue")] + [
        (str(department.pk), department.title) for department in department_choices()
    ]


def _page_filter_queryset(request):
    """Only pages with feedback this user may see, so the choice list leaks nothing."""
    visible = Feedback.objects.visible_to(request.user if request else None).values("page_id")
    return Page.objects.filter(pk__in=visible).order_by("title")


class FeedbackFilterSet(WagtailFilterSet):
    status = MultipleChoiceFilter(
        choices=Feedback.TRIAGE_STATUSES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Spam is hidden unless you choose it here.",
    )
    department = NullableDepartmentFilter(
        choices=_department_filter_choices, empty_label="All", label="Department", widget=forms.Select
    )
    helpful = BooleanFilter(label="Helpful?", widget=BooleanRadioSelect)
    created_at = DateFromToRangeFilter(label="Received", widget=DateRangePickerWidget)
    page = ModelChoiceFilter(queryset=_page_filter_queryset, label="Page")
    page_url = CharFilter(lookup_expr="icontains", label="Page address contains")
    assignee = ModelChoiceFilter(queryset=lambda request: staff_users(), label="Assigned to")

    class Meta:
        model = Feedback
        fields = ["status", "department", "helpful", "created_at", "page", "page_url", "assignee"]


class SummaryColumn(Column):
    """First words of the report, escaped by the cell template."""

    def get_value(self, instance):
        text = instance.what_went_wrong or instance.trying_to_do
        if instance.personal_data_purged_at and not text:
            return "(removed after retention period)"
        return Truncator(text).chars(90) if text else ""


class FeedbackIndexView(FormulaSafeExportMixin, IndexView):
    """The queue's listing; its CSV/XLSX export cannot run resident text as formulas.

    Its first column is a title column, as in every Wagtail listing: each row's title links to
    the item, carries its actions menu, and has the id (``snippet_<pk>_title``) that the row's
    bulk-action checkbox names in ``aria-describedby``.
    """


class FeedbackViewSet(SnippetViewSet):
    model = Feedback
    icon = "comment"
    menu_label = "Feedback"
    menu_name = "feedback"
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    edit_view_class = FeedbackEditView
    inspect_view_class = FeedbackInspectView
    history_view_class = FeedbackHistoryView
    usage_view_class = FeedbackUsageView
    index_view_class = FeedbackIndexView
    index_template_name = "feedback/admin/queue_index.html"
    filterset_class = FeedbackFilterSet
    search_fields = ["page_title", "page_url", "trying_to_do", "what_went_wrong"]
    search_backend_name = None
    ordering = ["-created_at", "-pk"]
    list_per_page = 50
    list_display = [
        # A field name, not a Column: Wagtail makes the first entry the linked title column.
        "queue_title",
        SummaryColumn("summary", label="Report"),
        Column("helpful_label", label="Helpful?", sort_key="helpful"),
        Column("status", accessor="get_status_display", label="Status", sort_key="status"),
        Column("department_label", label="Department", sort_key="department__title"),
        Column("assignee_label", label="Assigned to", sort_key="assignee__username"),
        DateColumn("created_at", label="Received", sort_key="created_at"),
    ]
    list_export = [
        "pk",
        "created_at",
        "status_label",
        "kind_label",
        "helpful_label",
        "page_title",
        "page_url",
        "department_label",
        "assignee_label",
        "trying_to_do",
        "what_went_wrong",
        "email",
    ]
    export_headings = {
        "pk": "ID",
        "created_at": "Received",
        "status_label": "Status",
        "kind_label": "Type",
        "helpful_label": "Helpful?",
        "page_title": "Page title",
        "page_url": "Page address",
        "department_label": "Department",
        "assignee_label": "Assigned to",
        "trying_to_do": "Trying to do",
        "what_went_wrong": "What went wrong",
        "email": "Resident email",
    }
    export_filename = "feedback"
    inspect_view_fields = [
        "created_at",
        "status",
        "kind",
        "helpful",
        "page_title",
        "page_url",
        "department",
        "assignee",
        "trying_to_do",
        "what_went_wrong",
        "email",
    ]

    edit_handler = ObjectList(
        [
            FeedbackSubmissionPanel(heading="What the resident sent"),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("assignee"), FieldPanel("department"), FieldPanel("note")],
                heading="Triage",
            ),
            FeedbackHistoryPanel(heading="History"),
        ],
        base_form_class=FeedbackTriageForm,
    )

    def get_queryset(self, request):
        # Only reports are triage work; Yes/No votes are counted in the report and the dashboard.
        queryset = (
            Feedback.objects.visible_to(request.user).problem_reports().select_related("department", "assignee", "page")
        )
        if not request.GET.getlist("status"):
            # Spam can be plentiful and is never worth a look by default; choose the status to see it.
            queryset = queryset.exclude(status=Feedback.Status.SPAM)
        return queryset


# --------------------------------------------------------------------------------------------
# Bulk actions: each change recorded per item, like the edit view


class FeedbackBulkActionForm(forms.Form):
    note = forms.CharField(
        label="Internal note (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Saved in each item's history.",
    )


class FeedbackBulkAction(SnippetBulkAction):
    """Base for the queue's bulk actions: only Feedback, only items the user may triage."""

    template_name = "wagtailadmin/feedback/bulk_confirm.html"
    form_class = FeedbackBulkActionForm
    confirm_text = ""
    action_button_text = "Yes, apply"
    success_verb = "Updated"
    models = [Feedback]

    def check_perm(self, obj):
        return self.permission_policy.user_has_permission_for_instance(self.request.user, "change", obj)

    def get_actionable_objects(self):
        """Only items in the user's own queue, so the confirmation never names another department's.

        Wagtail lists the items a user may not change as "no access" with their titles; for
        feedback the title itself ("Problem report on Police Department") is not theirs to see.
        Ids outside the user's scope are dropped as if they had not been sent.
        """
        objects, extra = super().get_actionable_objects()
        visible = set(
            Feedback.objects.visible_to(self.request.user)
            .filter(pk__in=[item.pk for item in objects + extra["items_with_no_access"]])
            .values_list("pk", flat=True)
        )
        extra["items_with_no_access"] = [item for item in extra["items_with_no_access"] if item.pk in visible]
        return [item for item in objects if item.pk in visible], extra

    def get_all_objects_in_listing_query(self, parent_id):
        return Feedback.objects.visible_to(self.request.user).problem_reports().values_list("pk", flat=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["confirm_text"] = self.confirm_text
        context["action_button_text"] = self.action_button_text
        context["display_name"] = self.display_name
        return context

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "user": self.request.user,
            "cleaned_data": self.cleaned_form.cleaned_data if self.cleaned_form else {},
        }

    @classmethod
    def apply(cls, item, user, cleaned_data):
        raise NotImplementedError

    @classmethod
    def execute_action(cls, objects, user=None, cleaned_data=None, **kwargs):
        changed = 0
        for item in objects:
            if cls.apply(item, user, cleaned_data or {}):
                changed += 1
        return changed, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return f"{self.success_verb} {num_parent_objects} report{'s' if num_parent_objects != 1 else ''}."


class MarkSpamBulkAction(FeedbackBulkAction):
    display_name = "Mark as spam"
    action_type = "feedback_spam"
    aria_label = "Mark selected reports as spam"
    action_priority = 10
    confirm_text = "Mark these items as spam? They leave the open queue and no one is emailed about them."
    action_button_text = "Yes, mark as spam"
    success_verb = "Marked as spam:"

    @classmethod
    def apply(cls, item, user, cleaned_data):
        return item.set_status(Feedback.Status.SPAM, user, cleaned_data.get("note", ""))


class ResolveBulkAction(FeedbackBulkAction):
    display_name = "Resolve"
    action_type = "feedback_resolve"
    aria_label = "Resolve selected reports"
    action_priority = 20
    confirm_text = "Mark these items as resolved?"
    action_button_text = "Yes, resolve"
    success_verb = "Resolved"

    @classmethod
    def apply(cls, item, user, cleaned_data):
        return item.set_status(Feedback.Status.RESOLVED, user, cleaned_data.get("note", ""))


class AssignForm(FeedbackBulkActionForm):
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), required=False, empty_label="Nobody (unassign)", label="Assign to"
    )

    field_order = ["assignee", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_users()
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


class AssignBulkAction(FeedbackBulkAction):
    display_name = "Assign"
    action_type = "feedback_assign"
    aria_label = "Assign selected reports to a person"
    action_priority = 30
    form_class = AssignForm
    confirm_text = "Assign these items to:"
    action_button_text = "Assign"
    success_verb = "Assigned"

    @classmethod
    def apply(cls, item, user, cleaned_data):
        return item.assign(cleaned_data.get("assignee"), user, cleaned_data.get("note", ""))


class MoveForm(FeedbackBulkActionForm):
    department = forms.ModelChoiceField(
        queryset=Page.objects.none(), required=False, empty_label="City-wide queue", label="Move to"
    )

    field_order = ["department", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = department_choices()


class MoveBulkAction(FeedbackBulkAction):
    display_name = "Move to department"
    action_type = "feedback_move"
    aria_label = "Move selected reports to another department"
    action_priority = 40
    form_class = MoveForm
    confirm_text = "Move these items to another department's queue:"
    action_button_text = "Move"
    success_verb = "Moved"

    @classmethod
    def apply(cls, item, user, cleaned_data):
        return item.move_to(cleaned_data.get("department"), user, cleaned_data.get("note", ""))


class DeleteReportsBulkAction(DeleteBulkAction):
    """Wagtail's snippet delete, named for what it deletes (shown only to holders of delete_feedback)."""

    models = [Feedback]
    aria_label = "Delete selected reports"


BULK_ACTIONS = [MarkSpamBulkAction, ResolveBulkAction, AssignBulkAction, MoveBulkAction]


# --------------------------------------------------------------------------------------------
# Admin home: what is waiting, per department


class FeedbackDashboardPanel(Component):
    name = "feedback_queue"
    template_name = "wagtailadmin/feedback/dashboard_panel.html"
    order = 120

    def __init__(self, user):
        self.user = user

    #: How far back the panel counts Yes/No votes.
    VOTE_DAYS = 30

    @cached_property
    def rows(self):
        """One row per queue with new reports or recent votes: two grouped queries, whatever the size."""
        now = timezone.now()
        visible = Feedback.objects.visible_to(self.user)
        reports = (
            visible.problem_reports()
            .filter(status=Feedback.Status.NEW)
            .values("department_id", "department__title")
            .annotate(count=Count("pk"), oldest=Min("created_at"))
            .order_by()
        )
        votes = (
            visible.votes()
            .filter(created_at__gte=now - timezone.timedelta(days=self.VOTE_DAYS))
            .values("department_id", "department__title")
            .annotate(yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False)))
            .order_by()
        )
        index_url = reverse("wagtailsnippets_feedback_feedback:list")
        by_queue = {}

        def row_for(row):
            department = row["department_id"]
            return by_queue.setdefault(
                department,
                {
                    "department": row["department__title"] or "City-wide queue",
                    "count": 0,
                    "oldest": None,
                    "oldest_age": "",
                    "yes": 0,
                    "no": 0,
                    "url": f"{index_url}?status=new&department={department or NullableDepartmentFilter.CITY_WIDE}",
                },
            )

        for row in reports:
            entry = row_for(row)
            entry.update(count=row["count"], oldest=row["oldest"], oldest_age=timesince(row["oldest"], now))
        for row in votes:
            row_for(row).update(yes=row["yes"], no=row["no"])
        # City-wide last, departments by name.
        return sorted(
            by_queue.values(), key=lambda entry: (entry["department"] == "City-wide queue", entry["department"])
        )

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["rows"] = self.rows
        context["total"] = sum(row["count"] for row in self.rows)
        context["vote_days"] = self.VOTE_DAYS
        context["index_url"] = reverse("wagtailsnippets_feedback_feedback:list")
        return context


# --------------------------------------------------------------------------------------------
# Report: where editors see how their pages are doing


class PagesPaginator(WagtailPaginator):
    """The page feedback report lists pages (one row per page), so it counts pages."""

    verbose_name = "page"
    verbose_name_plural = "pages"


class PageFeedbackReportView(FormulaSafeExportMixin, ReportView):
    """Pages by "No" answers: open items and helpful ratio per page, scoped like the queue."""

    page_title = "Page feedback"
    header_icon = "comment"
    template_name = "wagtailadmin/feedback/page_report.html"
    results_template_name = "wagtailadmin/feedback/page_report_results.html"
    index_url_name = "feedback_page_report"
    index_results_url_name = "feedback_page_report_results"
    paginate_by = 50
    paginator_class = PagesPaginator
    list_export = ["page_title", "page_url", "department", "no_count", "yes_count", "helpful_ratio", "open_count"]
    export_headings = {
        "page_title": "Page",
        "page_url": "Address",
        "department": "Department",
        "no_count": "No answers",
        "yes_count": "Yes answers",
        "helpful_ratio": "Helpful (%)",
        "open_count": "Open reports",
    }

    def dispatch(self, request, *args, **kwargs):
        if not FEEDBACK_POLICY.user_has_permission(request.user, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Feedback.objects.visible_to(self.request.user)
            .exclude(status=Feedback.Status.SPAM)
            .values("page_id", "page_url", "page_title", "department__title")
            .annotate(
                no_count=Count("pk", filter=Q(helpful=False)),
                yes_count=Count("pk", filter=Q(helpful=True)),
                open_count=Count("pk", filter=Q(kind=Feedback.Kind.REPORT, status__in=Feedback.OPEN_STATUSES)),
            )
            .order_by("-no_count", "-open_count", "page_title")
        )

    def decorate_paginated_queryset(self, object_list):
        queue_url = reverse("wagtailsnippets_feedback_feedback:list")
        rows = []
        for row in object_list:
            votes = row["yes_count"] + row["no_count"]
            row = dict(row)
            row["department"] = row.pop("department__title") or "City-wide"
            row["helpful_ratio"] = round(100 * row["yes_count"] / votes) if votes else None
            row["queue_url"] = (
                f"{queue_url}?{urlencode({'page': row['page_id']})}"
                if row["page_id"]
                else f"{queue_url}?{urlencode({'page_url': row['page_url']})}"
            )
            rows.append(row)
        return rows

    def to_row_dict(self, item):
        votes = item["yes_count"] + item["no_count"]
        return {
            "page_title": item["page_title"],
            "page_url": item["page_url"],
            "department": item.get("department__title") or item.get("department") or "City-wide",
            "no_count": item["no_count"],
            "yes_count": item["yes_count"],
            "helpful_ratio": round(100 * item["yes_count"] / votes) if votes else "",
            "open_count": item["open_count"],
        }


def page_feedback_summary(page):
    """Open report count and helpful ratio for one page: shown to editors on the page."""
    qs = Feedback.objects.filter(page=page).exclude(status=Feedback.Status.SPAM)
    counts = qs.aggregate(
        yes=Count("pk", filter=Q(helpful=True)),
        no=Count("pk", filter=Q(helpful=False)),
        open=Count("pk", filter=Q(kind=Feedback.Kind.REPORT, status__in=Feedback.OPEN_STATUSES)),
    )
    votes = counts["yes"] + counts["no"]
    counts["ratio"] = round(100 * counts["yes"] / votes) if votes else None
    return counts
