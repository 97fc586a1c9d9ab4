"""Admin hooks for departments: automatic setup of new departments, and content review.

* Creating a DepartmentPage in the admin runs the same setup as
  ``manage.py create_department`` (groups, collection, workflow).
* Reports → "Pages due for review" lists pages due or overdue for review,
  per department; each page's editor header gets a "Review date" action.
"""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from departments.models import (
    ContactPage,
    DepartmentIndexPage,
    DepartmentPage,
    DirectoryPage,
    FAQIndexPage,
    FAQPage,
    ServiceIndexPage,
    ServicePage,
)
from departments.reviews import PageReviewView, ReviewReportView
from departments.roles import setup_department

PAGE_POLICY = policy_registry.get_by_type(Page)


@hooks.register("after_create_page")
def set_up_new_department(request, page):
    """Creating a DepartmentPage in the admin gives it the same setup as ``create_department``."""
    if not isinstance(page.specific, DepartmentPage):
        return
    roles = setup_department(page.specific)
    messages.success(
        request,
        f"Set up “{roles.editors.name}” and “{roles.publishers.name}” groups, "
        f"the “{roles.collection.name}” media collection and the “{roles.workflow.name}” workflow.",
    )


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


#: The city-wide index that lists each department content type wherever it lives in the tree.
CITY_WIDE_INDEXES = {ServicePage: ServiceIndexPage, FAQPage: FAQIndexPage, ContactPage: DirectoryPage}


@hooks.register("frontend_cache_related")
def department_listings(page):
    """A service, FAQ or contact shows on its city-wide index (see home/frontend_cache.py); a
    department on the department list and in every index's department filter."""
    if isinstance(page, DepartmentPage):
        return [
            *DepartmentIndexPage.objects.live(),
            *ServiceIndexPage.objects.live(),
            *FAQIndexPage.objects.live(),
            *DirectoryPage.objects.live(),
        ]
    for page_type, index_type in CITY_WIDE_INDEXES.items():
        if isinstance(page, page_type):
            return index_type.objects.live()
    return ()
