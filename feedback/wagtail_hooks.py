"""Admin hooks for the feedback app: the triage queue, where staff see it, and its old addresses.

The classes live in feedback/admin_views.py; this module only registers them.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import path, re_path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from feedback.admin_views import (
    BULK_ACTIONS,
    FEEDBACK_POLICY,
    DeleteReportsBulkAction,
    FeedbackDashboardPanel,
    FeedbackViewSet,
    PageFeedbackReportView,
    page_feedback_summary,
)

register_permission_policy(FEEDBACK_POLICY.model, FEEDBACK_POLICY)
register_snippet(FeedbackViewSet)

for action_class in BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class)
# After Wagtail's own snippet delete (order), so this one, worded for reports, replaces it for Feedback.
hooks.register("register_bulk_action", DeleteReportsBulkAction, order=100)


@hooks.register("construct_homepage_panels")
def add_feedback_dashboard_panel(request, panels):
    if FEEDBACK_POLICY.user_has_permission(request.user, "view"):
        panels.append(FeedbackDashboardPanel(request.user))


def old_queue_address(request, rest=""):
    """The queue's addresses from when feedback lived in ``forms``: bookmarks and emailed links still work.

    ``/admin/snippets/forms/feedback/edit/12/?x=1`` becomes ``/admin/snippets/feedback/feedback/edit/12/?x=1``.
    Only the prefix changes; permission checks happen at the new address.
    """
    target = reverse("wagtailsnippets_feedback_feedback:list") + rest
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)


@hooks.register("register_admin_urls")
def register_feedback_report_urls():
    return [
        re_path(r"^snippets/forms/feedback/(?P<rest>.*)$", old_queue_address, name="feedback_old_queue_address"),
        path("reports/page-feedback/", PageFeedbackReportView.as_view(), name="feedback_page_report"),
        path(
            "reports/page-feedback/results/",
            PageFeedbackReportView.as_view(results_only=True),
            name="feedback_page_report_results",
        ),
    ]


class PageFeedbackReportMenuItem(MenuItem):
    def is_shown(self, request):
        return FEEDBACK_POLICY.user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_page_feedback_report_menu_item():
    return PageFeedbackReportMenuItem(
        "Page feedback", reverse("feedback_page_report"), name="page-feedback", icon_name="comment", order=1300
    )


@hooks.register("register_page_header_buttons")
def page_feedback_header_button(page, user, view_name, next_url=None):
    """In the page editor's header menu: this page's open reports and helpful ratio, linking to them."""
    if not page.pk or not FEEDBACK_POLICY.user_has_permission(user, "view"):
        return
    summary = page_feedback_summary(page)
    ratio = f", {summary['ratio']}% helpful" if summary["ratio"] is not None else ""
    label = f"Feedback: {summary['open']} open{ratio}"
    url = reverse("wagtailsnippets_feedback_feedback:list") + f"?page={page.pk}"
    yield Button(label, url, icon_name="comment", priority=80)
