"""Keeping content fresh: which pages are due for review, per department.

Every published page has a ``PageReview`` (see ``reviews.signals``).
The report lists pages whose next review is overdue or coming up, limited to
pages the signed-in user can edit, so a department sees its own corner and
Communications sees everything. ``send_review_reminders`` uses the same
query to email each department's publishers once a week.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports.base import PageReportView
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Page

from departments.models import DepartmentPage
from reviews.models import PageReview

DUE_SOON_DAYS = 30
DUE_CHOICES = [
    ("overdue", "Overdue"),
    ("30", "Overdue or due within 30 days"),
    ("90", "Overdue or due within 90 days"),
    ("all", "Any review date"),
]


def due_pages(pages=None, within_days=DUE_SOON_DAYS, today=None):
    """Live pages from ``pages`` whose next review falls on or before today + ``within_days``."""
    today = today or timezone.localdate()
    pages = Page.objects.all() if pages is None else pages
    return (
        pages.live()
        .filter(review__next_review__lte=today + datetime.timedelta(days=within_days))
        .select_related("review", "content_type")
        .order_by("review__next_review", "title")
    )


def department_for_path(path, departments):
    """The department (from a pre-fetched list) whose subtree holds ``path``, or None."""
    best = None
    for department in departments:
        if path.startswith(department.path) and (best is None or department.depth > best.depth):
            best = department
    return best


class ReviewReportFilterSet(WagtailFilterSet):
    due = django_filters.ChoiceFilter(
        label="Review", choices=DUE_CHOICES, method="filter_due", empty_label="Overdue or due within 30 days"
    )
    department = django_filters.ModelChoiceFilter(
        label="Department",
        queryset=DepartmentPage.objects.order_by("title"),
        method="filter_department",
        empty_label="All departments",
    )

    class Meta:
        model = Page
        fields = []

    def filter_due(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(review__next_review__lt=today)
        if value == "all":
            return queryset
        return queryset.filter(review__next_review__lte=today + datetime.timedelta(days=int(value)))

    def filter_department(self, queryset, name, value):
        return queryset.descendant_of(value, inclusive=True) if value else queryset


class ReviewReportView(PageReportView):
    """Pages due or overdue for review, per department, with CSV/XLSX export."""

    page_title = "Pages due for review"
    header_icon = "time"
    results_template_name = "reviews/admin/review_report_results.html"
    filterset_class = ReviewReportFilterSet
    index_url_name = "department_review_report"
    index_results_url_name = "department_review_report_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "department_name", "next_review", "last_reviewed_at", "public_url"]
    export_headings = {
        "title": "Title",
        "department_name": "Department",
        "next_review": "Next review",
        "last_reviewed_at": "Last reviewed",
        "public_url": "URL",
    }

    def get_queryset(self):
        pages = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        self.queryset = pages.live().filter(review__isnull=False).select_related("review", "content_type")
        self.queryset = self.queryset.order_by("review__next_review", "title")
        return super().get_queryset()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.request.GET.get("due"):
            today = timezone.localdate()
            queryset = queryset.filter(review__next_review__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
        return queryset

    def decorate_paginated_queryset(self, object_list):
        departments = list(DepartmentPage.objects.only("id", "path", "depth", "title"))
        today = timezone.localdate()
        for page in object_list:
            department = department_for_path(page.path, departments)
            page.department_name = department.title if department else "City-wide"
            page.next_review = page.review.next_review
            page.last_reviewed_at = page.review.last_reviewed_at
            page.is_overdue = page.next_review < today
            page.public_url = page.full_url or ""
        return object_list


class ReviewForm(forms.Form):
    next_review = forms.DateField(label="Next review", widget=AdminDateInput)

    def clean_next_review(self):
        value = self.cleaned_data["next_review"]
        if value < timezone.localdate():
            raise forms.ValidationError("Choose today or a later date.")
        if value > timezone.localdate() + datetime.timedelta(days=3 * 365):
            raise forms.ValidationError("Reviews should be at most three years apart.")
        return value


class PageReviewView(WagtailAdminTemplateMixin, FormView):
    """Set a page's next review date, or mark it reviewed (next review in 12 months)."""

    template_name = "reviews/admin/page_review.html"
    form_class = ReviewForm
    page_title = "Review date"
    header_icon = "time"

    def dispatch(self, request, page_id):
        self.page = get_object_or_404(Page, pk=page_id).specific
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        self.review = PageReview.objects.filter(page=self.page).first()
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_initial(self):
        return {"next_review": self.review.next_review if self.review else PageReview.default_date()}

    def post(self, request, *args, **kwargs):
        if "mark_reviewed" in request.POST:
            review = self.review or PageReview(page=self.page, next_review=PageReview.default_date())
            review.mark_reviewed(request.user)
            when = date_format(review.next_review, "DATE_FORMAT")
            messages.success(request, f"Marked “{self.page.title}” reviewed; next review {when}.")
            return redirect(self.get_success_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        PageReview.objects.update_or_create(page=self.page, defaults={"next_review": form.cleaned_data["next_review"]})
        messages.success(self.request, f"Next review of “{self.page.title}” set.")
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("department_review_report")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(page=self.page, review=self.review)
        return context
