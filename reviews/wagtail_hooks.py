"""Admin hooks for page reviews.

* Reports → "Pages due for review" lists pages due or overdue for review, per department.
* Each page's editor header gets a "Review date" action.

The URL names keep their ``department_`` prefix from when reviews lived in departments, so
links in reminder emails already sent, bookmarks and templates stay valid.
"""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from reviews.views import PageReviewView, ReviewReportView

PAGE_POLICY = policy_registry.get_by_type(Page)


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("reports/page-reviews/", ReviewReportView.as_view(), name="department_review_report"),
        path(
            "reports/page-reviews/results/",
            ReviewReportView.as_view(results_only=True),
            name="department_review_report_results",
        ),
        path("pages/<int:page_id>/review/", PageReviewView.as_view(), name="department_page_review"),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return PAGE_POLICY.user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        "Pages due for review", reverse("department_review_report"), name="page-reviews", icon_name="time", order=1250
    )


class ReviewDateButton(PageMenuItem):
    label = "Review date"
    icon_name = "time"

    def is_shown(self, user):
        return self.page.permissions_for_user(user).can_edit()

    @cached_property
    def url(self):
        return reverse("department_page_review", args=[self.page.id])


@hooks.register("register_page_header_buttons")
def review_date_button(page, user, view_name, next_url=None):
    yield ReviewDateButton(page=page, priority=66)
