"""``create_department`` on a site with only a home page: it makes the department index too.

Apart from tests/test_departments.py because that module's city (with its index) is built once
for the module, and this test needs a site without one.
"""

import pytest
from django.core.management import call_command
from wagtail.models import Collection, GroupApprovalTask, WorkflowPage

from departments.models import DepartmentIndexPage, DepartmentPage, DepartmentRoles
from tests.test_departments import collection_codenames, page_codenames


@pytest.mark.django_db
def test_create_department_sets_up_everything(home, capsys):
    call_command(
        "create_department",
        "Parks & Recreation",
        "--feedback-emails",
        "web@parks.example.gov",
        "--form-emails",
        "forms@parks.example.gov, director@parks.example.gov",
    )
    index = DepartmentIndexPage.objects.get()  # created because it was missing
    department = DepartmentPage.objects.get(title="Parks & Recreation")
    assert department.get_parent().specific == index
    assert department.slug == "parks-recreation"
    assert department.live
    assert department.feedback_recipients == ["web@parks.example.gov"]
    assert department.form_recipients == ["forms@parks.example.gov", "director@parks.example.gov"]

    roles = DepartmentRoles.objects.get(department=department)
    assert roles.editors.name == "Parks & Recreation editors"
    assert roles.publishers.name == "Parks & Recreation publishers"
    assert page_codenames(roles.editors, department) == {"add_page", "change_page"}
    assert {"add_page", "change_page", "publish_page"} <= page_codenames(roles.publishers, department)
    for group in (roles.editors, roles.publishers):
        assert group.permissions.filter(codename="access_admin").exists()
        assert collection_codenames(group, roles.collection) == {
            "add_image",
            "change_image",
            "choose_image",
            "add_document",
            "change_document",
            "choose_document",
        }
    assert roles.collection.get_parent() == Collection.get_first_root_node()
    assert WorkflowPage.objects.get(page=department).workflow == roles.workflow
    task = roles.workflow.tasks.specific().get()
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.all()) == [roles.publishers]
    assert department.get_workflow() == roles.workflow
    assert "Created department" in capsys.readouterr().out
