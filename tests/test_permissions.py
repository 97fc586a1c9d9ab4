"""The permission matrix, exercised through the real Wagtail admin URLs.

Two departments (Parks, Police), their editors and publishers, and a
Communications user. Each test signs in as one of them and uses the same
URLs a person would.
"""

import copy

import pytest
from django.urls import reverse
from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from departments.provisioning import create_department
from departments.roles import COMMUNICATIONS, setup_site_roles
from home.models import StandardPage
from tests.conftest import add_child, staff_account

pytestmark = pytest.mark.shared_tree

NO_COMMENTS = {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000}


@pytest.fixture(scope="module")
def matrix_once(city_once, django_db_blocker):
    """The two departments, a page in each, and their people, built once per module.

    Creating the departments' groups and workflows and the site roles was most of each test's time.
    """
    with django_db_blocker.unblock():
        site_roles = setup_site_roles()
        parks, parks_roles, _ = create_department("Parks & Recreation")
        police, police_roles, _ = create_department("Police Department")

        return {
            "parks": parks,
            "police": police,
            "parks_page": add_child(parks, StandardPage(title="Pool hours", slug="pool-hours", intro="Summer hours.")),
            "police_page": add_child(police, StandardPage(title="Records", slug="records", intro="Police records.")),
            "parks_editor": staff_account("parks-editor", parks_roles.editors),
            "parks_publisher": staff_account("parks-publisher", parks_roles.publishers),
            "police_editor": staff_account("police-editor", police_roles.editors),
            "comms": staff_account("comms", site_roles[COMMUNICATIONS]),
            "city": city_once,
        }


@pytest.fixture
def matrix(matrix_once, db):
    """This test's copy of the matrix: tests add pages to the departments, which changes them in memory."""
    return copy.deepcopy(matrix_once)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("home", "standardpage", parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def new_page_data(title, action):
    return nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "intro": "Text.",
            "body": streamfield([]),
            "comments": NO_COMMENTS,
            action: "1",
        }
    )


def edit_data(page, action=None):
    data = {"title": page.title + " (updated)", "slug": page.slug, "intro": "Updated.", "body": streamfield([])}
    data["comments"] = NO_COMMENTS
    if action:
        data[action] = "1"
    return nested_form_data(data)


def denied(response):
    """Wagtail answers a forbidden admin page with a redirect to the dashboard (or a 403)."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.mark.django_db
class TestDepartmentEditor:
    def test_can_create_and_edit_pages_in_own_department(self, client, matrix):
        client.force_login(matrix["parks_editor"])
        assert client.get(add_url(matrix["parks"])).status_code == 200
        response = client.post(add_url(matrix["parks"]), new_page_data("Splash pads", "action-save"))
        assert response.status_code == 302
        created = StandardPage.objects.get(slug="splash-pads")
        assert created.get_parent().pk == matrix["parks"].pk
        assert client.get(edit_url(matrix["parks_page"])).status_code == 200
        response = client.post(edit_url(matrix["parks_page"]), edit_data(matrix["parks_page"]))
        assert response.status_code == 302
        assert StandardPage.objects.get(pk=matrix["parks_page"].pk).get_latest_revision_as_object().intro == "Updated."

    def test_cannot_publish_directly(self, client, matrix):
        client.force_login(matrix["parks_editor"])
        client.post(add_url(matrix["parks"]), new_page_data("Dog park", "action-publish"))
        page = StandardPage.objects.get(slug="dog-park")
        assert not page.live  # the publish action is not theirs: saved as a draft

        client.post(edit_url(matrix["parks_page"]), edit_data(matrix["parks_page"], "action-publish"))
        page = StandardPage.objects.get(pk=matrix["parks_page"].pk)
        assert page.title == "Pool hours"  # live version untouched
        assert page.has_unpublished_changes

    def test_submitting_goes_to_the_departments_publishers(self, client, matrix):
        client.force_login(matrix["parks_editor"])
        response = client.post(edit_url(matrix["parks_page"]), edit_data(matrix["parks_page"], "action-submit"))
        assert response.status_code == 302
        page = StandardPage.objects.get(pk=matrix["parks_page"].pk)
        state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
        assert state.workflow.name == "Parks & Recreation approval"
        task_state = state.current_task_state
        approve_url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))

        # A Police editor cannot approve it; the editor cannot approve their own submission either.
        for outsider in (matrix["police_editor"], matrix["parks_editor"]):
            client.force_login(outsider)
            client.post(approve_url, {"comment": ""})
            assert not StandardPage.objects.get(pk=page.pk).title.endswith("(updated)")

        client.force_login(matrix["parks_publisher"])
        response = client.post(approve_url, {"comment": ""})
        assert response.status_code in (200, 302)
        page = StandardPage.objects.get(pk=page.pk)
        assert page.title == "Pool hours (updated)"
        assert page.live and not page.has_unpublished_changes

    def test_cannot_touch_another_departments_pages(self, client, matrix):
        client.force_login(matrix["parks_editor"])
        police_page = matrix["police_page"]
        assert denied(client.get(edit_url(police_page)))
        assert denied(client.post(edit_url(police_page), edit_data(police_page)))
        assert StandardPage.objects.get(pk=police_page.pk).title == "Records"
        assert denied(client.get(add_url(matrix["police"])))
        assert denied(client.get(reverse("wagtailadmin_pages:delete", args=(police_page.pk,))))
        assert denied(client.get(reverse("wagtailadmin_pages:unpublish", args=(police_page.pk,))))

    def test_explorer_hides_other_departments(self, client, matrix):
        client.force_login(matrix["parks_editor"])
        # The explorer starts at the editor's own corner: asking for a higher page redirects there.
        response = client.get(reverse("wagtailadmin_explore", args=(matrix["city"]["departments"].pk,)), follow=True)
        assert response.redirect_chain[-1][0] == reverse("wagtailadmin_explore", args=(matrix["parks"].pk,))
        html = response.content.decode()
        assert "Pool hours" in html
        assert "Police Department" not in html
        assert edit_url(matrix["police"]) not in html
        response = client.get(reverse("wagtailadmin_explore", args=(matrix["police"].pk,)), follow=True)
        assert "Records" not in response.content.decode()
        assert edit_url(matrix["police_page"]) not in response.content.decode()

    def test_admin_search_hides_other_departments(self, client, matrix):
        client.force_login(matrix["parks_editor"])
        response = client.get(reverse("wagtailadmin_pages:search"), {"q": "Records"})
        assert edit_url(matrix["police_page"]) not in response.content.decode()

    def test_publisher_can_publish_in_own_department_only(self, client, matrix):
        client.force_login(matrix["parks_publisher"])
        client.post(add_url(matrix["parks"]), new_page_data("Trail map", "action-publish"))
        assert StandardPage.objects.get(slug="trail-map").live
        assert denied(client.post(add_url(matrix["police"]), new_page_data("Fake notice", "action-publish")))
        assert not StandardPage.objects.filter(slug="fake-notice").exists()


@pytest.mark.django_db
class TestCommunications:
    def test_can_edit_and_publish_everywhere(self, client, matrix):
        client.force_login(matrix["comms"])
        for key in ("parks_page", "police_page"):
            page = matrix[key]
            response = client.post(edit_url(page), edit_data(page, "action-publish"))
            assert response.status_code == 302
            assert StandardPage.objects.get(pk=page.pk).title.endswith("(updated)")
        for parent in (matrix["parks"], matrix["police"], matrix["city"]["home"]):
            slug = f"notice-{parent.pk}"
            data = new_page_data(f"Notice {parent.pk}", "action-publish")
            client.post(add_url(parent), data)
            assert StandardPage.objects.get(slug=slug).live

    def test_can_approve_any_departments_submission(self, client, matrix):
        client.force_login(matrix["police_editor"])
        police_page = matrix["police_page"]
        client.post(edit_url(police_page), edit_data(police_page, "action-submit"))
        state = WorkflowState.objects.get(object_id=str(police_page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
        client.force_login(matrix["comms"])
        approve = reverse(
            "wagtailadmin_pages:workflow_action", args=(police_page.pk, "approve", state.current_task_state.pk)
        )
        client.post(approve, {"comment": ""})
        assert StandardPage.objects.get(pk=police_page.pk).title == "Records (updated)"

    def test_sees_every_department_in_the_explorer(self, client, matrix):
        client.force_login(matrix["comms"])
        html = client.get(reverse("wagtailadmin_explore", args=(matrix["city"]["departments"].pk,))).content.decode()
        assert "Parks &amp; Recreation" in html and "Police Department" in html

    def test_home_page_is_not_editable_by_departments(self, client, matrix):
        client.force_login(matrix["parks_editor"])
        assert denied(client.get(edit_url(matrix["city"]["home"])))
        assert denied(client.get(edit_url(Page.objects.get(pk=matrix["city"]["about"].pk))))


@pytest.mark.django_db
class TestFeedbackAndSubmissionsScope:
    """Residents' feedback and form submissions follow the same department boundaries."""

    @pytest.fixture
    def items(self, matrix):
        from feedback.models import Feedback

        return {
            "parks": Feedback.objects.create(
                kind="report",
                what_went_wrong="Pool hours are wrong",
                page=matrix["parks_page"],
                department=matrix["parks"],
            ),
            "police": Feedback.objects.create(
                kind="report",
                what_went_wrong="Records link broken",
                page=matrix["police_page"],
                department=matrix["police"],
            ),
            "city": Feedback.objects.create(kind="report", what_went_wrong="Footer typo"),
        }

    def test_department_editor_sees_only_own_feedback(self, client, matrix, items):
        client.force_login(matrix["parks_editor"])
        html = client.get("/admin/snippets/feedback/feedback/").content.decode()
        assert "Pool hours are wrong" in html
        assert "Records link broken" not in html and "Footer typo" not in html
        assert denied(client.get(f"/admin/snippets/feedback/feedback/edit/{items['police'].pk}/"))

    def test_communications_sees_all_feedback(self, client, matrix, items):
        client.force_login(matrix["comms"])
        html = client.get("/admin/snippets/feedback/feedback/").content.decode()
        for text in ("Pool hours are wrong", "Records link broken", "Footer typo"):
            assert text in html
        assert client.get(f"/admin/snippets/feedback/feedback/edit/{items['police'].pk}/").status_code == 200

    def test_department_editor_cannot_see_other_departments_submissions(self, client, matrix):
        from forms.models import FormPage, FormPageSubmission

        police_form = add_child(matrix["police"], FormPage(title="Tip line", slug="tip-line"))
        parks_form = add_child(matrix["parks"], FormPage(title="Pavilion booking", slug="pavilion"))
        submission = FormPageSubmission.objects.create(page=police_form, form_data={"tip": "secret"})
        client.force_login(matrix["parks_editor"])
        html = client.get(reverse("wagtailforms:index")).content.decode()
        assert "Pavilion booking" in html and "Tip line" not in html
        assert denied(client.get(reverse("wagtailforms:list_submissions", args=[police_form.pk])))
        assert denied(client.get(reverse("form_submission_detail", args=[submission.pk])))
        assert client.get(reverse("wagtailforms:list_submissions", args=[parks_form.pk])).status_code == 200
        client.force_login(matrix["comms"])
        assert client.get(reverse("wagtailforms:list_submissions", args=[police_form.pk])).status_code == 200
        assert client.get(reverse("form_submission_detail", args=[submission.pk])).status_code == 200
