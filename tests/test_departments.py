"""A department is one thing: ``create_department``, the admin hook, site roles and demo users."""

import copy

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    WorkflowPage,
)
from wagtail.test.utils.form_data import nested_form_data, streamfield

from departments.models import DepartmentPage, DepartmentRoles
from departments.roles import COMMUNICATIONS, EMERGENCY_PUBLISHER, setup_site_roles


def page_codenames(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list("permission__codename", flat=True)
    )


def collection_codenames(group, collection):
    return set(
        GroupCollectionPermission.objects.filter(group=group, collection=collection).values_list(
            "permission__codename", flat=True
        )
    )


@pytest.fixture
def city(db, city_once):
    """The conftest city, built once for the module (tests/conftest.py), without its department.

    Not the ``shared_tree`` marker: that adds Public Works, and these tests count departments.
    What a test creates (departments, groups, users) is rolled back with its savepoint.
    (The test of ``create_department`` on a site without a department index is in
    test_departments_bare_site.py: this module's index exists from its start.)
    """
    return copy.deepcopy(city_once)


@pytest.mark.django_db
def test_create_department_is_idempotent(city):
    call_command("create_department", "Parks & Recreation", "--form-emails", "a@example.gov")
    call_command("create_department", "Parks & Recreation")
    call_command("create_department", "parks & recreation", "--form-emails", "b@example.gov")
    assert DepartmentPage.objects.count() == 1
    assert DepartmentRoles.objects.count() == 1
    assert Group.objects.filter(name__startswith="Parks & Recreation").count() == 2
    assert Collection.objects.filter(name="Parks & Recreation").count() == 1
    assert GroupApprovalTask.objects.filter(name__startswith="Parks & Recreation").count() == 1
    department = DepartmentPage.objects.get()
    assert department.form_recipients == ["b@example.gov"]  # the newest value wins
    roles = department.roles
    assert GroupPagePermission.objects.filter(group=roles.editors).count() == 2


@pytest.mark.django_db
def test_renamed_department_keeps_its_groups(city):
    call_command("create_department", "Parks")
    department = DepartmentPage.objects.get()
    department.title = "Parks & Recreation"
    department.save_revision().publish()
    call_command("create_department", "Parks & Recreation", "--slug", "parks")
    assert DepartmentRoles.objects.get().editors.name == "Parks editors"
    assert Group.objects.filter(name__endswith="editors").exclude(name="Editors").count() == 1


@pytest.mark.django_db
def test_deleted_group_is_recreated(city):
    call_command("create_department", "Police Department")
    DepartmentRoles.objects.get().publishers.delete()
    call_command("create_department", "Police Department")
    roles = DepartmentRoles.objects.get()
    assert roles.publishers.name == "Police Department publishers"
    assert list(roles.workflow.tasks.specific().get().groups.all()) == [roles.publishers]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args, message",
    [
        (["   "], "needs a name"),
        (["x" * 300], "at most 255"),
        (["Parks", "--form-emails", "not-an-address"], "not a valid email"),
        (["Parks", "--feedback-emails", "<script>alert(1)</script>@x"], "not a valid email"),
        (["Parks", "--form-emails", ",".join(f"person{i}@example.gov" for i in range(40))], "500 characters"),
    ],
)
def test_create_department_rejects_bad_input(city, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("create_department", *args)
    assert not DepartmentPage.objects.exists()


@pytest.mark.django_db
def test_unicode_and_html_names_are_kept_as_text(city):
    call_command("create_department", "Bibliothèque & <b>Archives</b> 📚")
    department = DepartmentPage.objects.get()
    assert department.title == "Bibliothèque & <b>Archives</b> 📚"
    assert department.slug  # slugify gives something usable
    assert department.roles.editors.name == "Bibliothèque & <b>Archives</b> 📚 editors"


@pytest.mark.django_db
def test_creating_a_department_in_the_admin_runs_the_same_setup(client, city, django_user_model):
    admin = django_user_model.objects.create_superuser("root", "root@example.gov", "pw")
    client.force_login(admin)
    index = city["departments"]
    url = reverse("wagtailadmin_pages:add", args=("departments", "departmentpage", index.pk))
    data = nested_form_data(
        {
            "title": "Fire Department",
            "slug": "fire",
            "intro": "Fire and rescue.",
            "body": streamfield([]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
            "form_notification_emails": "fire-forms@example.gov",
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    department = DepartmentPage.objects.get(slug="fire")
    roles = department.roles
    assert roles.editors.name == "Fire Department editors"
    assert WorkflowPage.objects.get(page=department).workflow == roles.workflow
    assert department.form_recipients == ["fire-forms@example.gov"]


@pytest.mark.django_db
def test_setup_roles_is_idempotent(city, capsys):
    call_command("create_department", "Police Department")
    call_command("setup_roles")
    call_command("setup_roles")
    communications = Group.objects.get(name=COMMUNICATIONS)
    root = city["home"].get_parent()
    assert {"add_page", "change_page", "publish_page"} <= page_codenames(communications, root)
    assert GroupPagePermission.objects.filter(group=communications).count() == 6
    emergency = Group.objects.get(name=EMERGENCY_PUBLISHER)
    assert not GroupPagePermission.objects.filter(group=emergency).exists()
    assert set(emergency.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "add_alert",
        "change_alert",
        "publish_alert",
        "view_alert",
        "alert_anywhere",
    }
    assert Group.objects.get(name="Administrator").permissions.count() > 100
    assert "Department roles ready: Police Department" in capsys.readouterr().out
    task = DepartmentRoles.objects.get().workflow.tasks.specific().get()
    assert set(task.groups.values_list("name", flat=True)) == {"Police Department publishers", COMMUNICATIONS}


@pytest.mark.django_db
def test_create_demo_users_prints_credentials(city, capsys, settings, django_user_model):
    settings.DEBUG = True
    call_command("create_demo_users")
    call_command("create_demo_users")  # again: no duplicates, passwords reset
    out = capsys.readouterr().out
    assert "LOCAL DEMO ONLY" in out
    assert "jackson-demo" in out
    usernames = ["comms", "parks-editor", "parks-publisher", "police-editor", "police-publisher", "emergency"]
    for username in usernames:
        assert username in out
        user = django_user_model.objects.get(username=username)
        assert user.check_password("jackson-demo")
        assert not user.is_superuser
    assert django_user_model.objects.get(username="parks-editor").groups.get().name == "Parks & Recreation editors"
    assert DepartmentPage.objects.filter(title__icontains="police").count() == 1


@pytest.mark.django_db
def test_create_demo_users_refuses_without_debug(city, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_demo_users")
    setup_site_roles()  # unaffected
