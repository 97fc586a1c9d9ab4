"""Admin hooks for departments: automatic setup of new departments, and front-end cache purges.

* Creating a DepartmentPage in the admin runs the same setup as
  ``manage.py create_department`` (groups, collection, workflow).
* Content review (the report and the "Review date" action) lives in the reviews app.
"""

from wagtail import hooks
from wagtail.admin import messages

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
from departments.roles import setup_department


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


#: The city-wide index that lists each department content type wherever it lives in the tree.
CITY_WIDE_INDEXES = {ServicePage: ServiceIndexPage, FAQPage: FAQIndexPage, ContactPage: DirectoryPage}


@hooks.register("frontend_cache_related")
def department_listings(page):
    """A service, FAQ or contact shows on its city-wide index (see core/frontend_cache.py); a
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
