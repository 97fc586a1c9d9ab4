"""The form submission inbox in real Chromium, as a department editor: local dates, the reference
column and search, and changing a submission's status and assignee, with axe (WCAG 2.2 AA) on the
admin's main content in the listing and the submission.
"""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from departments.provisioning import create_department
from forms.models import FormPageSubmission
from tests.browser.axe import axe_violations, format_violations
from tests.form_helpers import build_form

pytestmark = pytest.mark.browser

#: Wagtail's own flash messages and count badges are Wagtail's markup and colours, not this project's.
WAGTAIL_CHROME = [["button[data-controller~='w-count']"], [".messages"]]


def assert_no_violations(page, state):
    violations = axe_violations(page, context={"include": [["main"]], "exclude": WAGTAIL_CHROME})
    assert not violations, f"{state}:\n{format_violations(violations)}"


def test_inbox_triage(
    browser,
    _restore_serialized_db_contents,
    django_db_serialized_rollback,
    transactional_db,
    live_server,
    city,
    open_page,
    django_user_model,
):
    parks, roles, _ = create_department("Parks & Recreation", form_emails="parks@example.gov")
    form_page = build_form(parks)
    submission = FormPageSubmission.objects.create(
        page=form_page, form_data={"your_name": "Ana Núñez", "pavilion": "Lakeside shelter"}, reference="PR-7K3Q-2M"
    )
    FormPageSubmission.objects.filter(pk=submission.pk).update(
        submit_time=datetime.datetime(2026, 12, 2, 11, 21, 29, tzinfo=datetime.UTC)
    )
    FormPageSubmission.objects.create(page=form_page, form_data={"your_name": "Bo"}, reference="PR-ZZZZ-ZZ")
    editor = django_user_model.objects.create_user("robin", "robin@example.gov", "a long demo password")
    editor.groups.add(roles.editors)
    colleague = django_user_model.objects.create_user("sam", "sam@example.gov", "pw", first_name="Sam", last_name="Lee")
    colleague.groups.add(roles.publishers)

    page = open_page(live_server.url + reverse("wagtailadmin_login"))
    page.fill("#id_username", "robin")
    page.fill("#id_password", "a long demo password")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")

    listing = live_server.url + reverse("wagtailforms:list_submissions", args=[form_page.pk])
    page.goto(listing)
    main = page.locator("main")
    assert "Dec. 2, 2026, 5:21 a.m." in main.inner_text() and "+00:00" not in main.inner_text()
    assert main.get_by_role("link", name="PR-7K3Q-2M").is_visible()
    assert_no_violations(page, "inbox")

    page.goto(listing + "?q=pr 7k3q 2m")
    assert "PR-7K3Q-2M" in main.inner_text() and "PR-ZZZZ-ZZ" not in main.inner_text()

    page.goto(listing)
    main.get_by_role("link", name="PR-7K3Q-2M").click()
    page.wait_for_load_state()
    assert "Lakeside shelter" in main.inner_text()
    assert_no_violations(page, "submission")
    page.get_by_label("Status").select_option("In progress")
    page.get_by_label("Assigned to").select_option(label="Sam Lee")
    page.get_by_role("button", name="Save status and assignee").click()
    page.wait_for_load_state()
    assert "Status changed from New to In progress" in main.inner_text()
    assert "Assigned to Sam Lee" in main.inner_text()
    submission.refresh_from_db()
    assert submission.status == "in_progress" and submission.assignee == colleague
    assert ModelLogEntry.objects.for_instance(submission).count() == 2
    page.reload()
    assert_no_violations(page, "submission after triage")

    page.goto(listing + "?status=in_progress")
    assert "PR-7K3Q-2M" in main.inner_text() and "PR-ZZZZ-ZZ" not in main.inner_text()
