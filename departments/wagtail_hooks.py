"""Admin hooks for departments: automatic setup of new departments.

(The review report and page-review listing are registered further down.)
"""

from wagtail import hooks
from wagtail.admin import messages

from departments.models import DepartmentPage
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
