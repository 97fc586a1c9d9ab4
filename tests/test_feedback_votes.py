"""Votes are counted, reports are triaged: what reaches the queue, and a "No" that becomes a report.

Issue #17, point 2: "Yes"/"No" answers are counts per page and per department (in the page
feedback report and on the dashboard); only reports enter the triage queue; a "No" followed by a
report from the same resident is one item, still counted once as a "No".
"""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from feedback.admin_views import FeedbackDashboardPanel
from feedback.models import Feedback
from tests.test_feedback import report_data, send, token

LIST_URL = "/admin/snippets/feedback/feedback/"

# The conftest tree is built once for the module; each test's votes and the feedback contacts
# ``service`` sets are rolled back with the test's savepoint.
pytestmark = pytest.mark.shared_tree


@pytest.fixture
def service(department):
    """A department page whose department has feedback contacts (emailed about reports)."""
    dept = department["department"]
    dept.feedback_emails = "streets@example.gov"
    dept.save_revision().publish()
    return department["service"]


def vote(client, stamp, page, answer, **extra):
    return send(client, {"rendered_at": stamp, "helpful": answer, "page_id": page.pk, "url": page.url}, **extra)


@pytest.mark.django_db
def test_no_then_report_is_one_item_counted_once(client, service, clock, django_capture_on_commit_callbacks):
    stamp = token(client, clock, service.url)
    assert vote(client, stamp, service, "no").status_code == 303
    the_vote = Feedback.objects.get()
    assert (the_vote.kind, the_vote.status) == ("vote", "counted")

    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, report_data(stamp, service))
    assert response.status_code == 303
    item = Feedback.objects.get()  # still one row: the report joined the vote
    assert item.pk == the_vote.pk
    assert (item.kind, item.status, item.helpful) == ("report", "new", False)
    assert item.what_went_wrong == "The number 601-555-0100 is disconnected"
    assert item.email == "resident@example.com"
    assert len(mail.outbox) == 1  # the department hears about the report once

    # A second report is its own item: the vote was joined once.
    send(client, report_data(stamp, service, what_went_wrong="Also the map is wrong"))
    assert Feedback.objects.count() == 2
    assert Feedback.objects.filter(helpful=False).count() == 1


@pytest.mark.django_db
def test_json_no_then_report_is_one_item(client, service, clock):
    stamp = token(client, clock, service.url)
    assert send(client, {"rendered_at": stamp, "helpful": "no", "page_id": service.pk}, json=True).json()["ok"]
    assert send(client, report_data(stamp, service), json=True).json()["ok"]
    item = Feedback.objects.get()
    assert (item.kind, item.helpful) == ("report", False)


@pytest.mark.django_db
def test_a_report_never_joins_someone_elses_vote(client, service, clock):
    stamp = token(client, clock, service.url)
    vote(client, stamp, service, "no", addr="203.0.113.9")
    vote(client, stamp, service, "yes", addr="203.0.113.10")
    send(client, report_data(stamp, service), addr="198.51.100.7")  # another resident
    send(client, report_data(stamp, service), addr="203.0.113.10")  # said "Yes", then reported
    assert sorted(Feedback.objects.values_list("kind", "helpful")) == [
        ("report", None),
        ("report", None),
        ("vote", False),
        ("vote", True),
    ]


@pytest.mark.django_db
def test_spam_report_does_not_join(client, service, clock):
    stamp = token(client, clock, service.url)
    vote(client, stamp, service, "no")
    send(client, report_data(stamp, service, website="http://spam.example"))
    assert sorted(Feedback.objects.values_list("kind", "status")) == [("report", "spam"), ("vote", "counted")]


@pytest.mark.django_db
def test_only_reports_enter_the_queue_and_votes_are_counted(admin_client, department, clock):
    works = department["department"]
    service = department["service"]

    def make(**fields):
        return Feedback.objects.create(page=service, page_url=service.url, page_title=service.title, **fields)

    report = make(kind="report", what_went_wrong="Broken link", department=works)
    make(kind="vote", helpful=False, status="counted", department=works)
    make(kind="vote", helpful=False, status="counted", department=works)
    make(kind="vote", helpful=True, status="counted", department=works)
    make(kind="vote", helpful=True, status="counted")  # city-wide
    make(kind="vote", helpful=False, status="spam", department=works)  # spam is never counted

    html = admin_client.get(LIST_URL).content.decode()
    assert f"{LIST_URL}edit/{report.pk}/" in html
    assert html.count("data-bulk-action-checkbox") == 1  # the one report
    assert "Counted vote" not in html  # not a status anyone triages to

    # "Select all in listing" acts on reports only.
    confirm = admin_client.get(f"/admin/bulk/feedback/feedback/feedback_resolve/?id=all&next={LIST_URL}")
    admin_client.post(confirm.request["PATH_INFO"] + f"?id=all&next={LIST_URL}", {})
    assert set(Feedback.objects.filter(kind="vote").values_list("status", flat=True)) == {"counted", "spam"}
    assert Feedback.objects.get(pk=report.pk).status == "resolved"

    # The page feedback report: 2 No, 1 Yes for the page (plus the city-wide Yes on its own row).
    rows = admin_client.get(reverse("feedback_page_report")).context["object_list"]
    (row,) = [row for row in rows if row["department"] == works.title]
    assert (row["no_count"], row["yes_count"], row["helpful_ratio"]) == (2, 1, 33)

    # The dashboard: votes per department, beside the (now empty) new-report counts.
    user = get_user_model().objects.get(username="admin")
    panel = FeedbackDashboardPanel(user)
    by_queue = {row["department"]: row for row in panel.rows}
    assert (by_queue[works.title]["yes"], by_queue[works.title]["no"], by_queue[works.title]["count"]) == (1, 2, 0)
    assert (by_queue["City-wide queue"]["yes"], by_queue["City-wide queue"]["no"]) == (1, 0)
    html = admin_client.get("/admin/").content.decode()
    assert "“No” votes" in html and "Votes from the last 30 days" in html


@pytest.mark.django_db
def test_hostile_report_after_a_no(client, service, clock):
    """Bad input after a "No" is refused with a clear error and leaves the counted vote as it was;
    markup and odd characters in a good report are stored as text on the joined item."""
    stamp = token(client, clock, service.url)
    vote(client, stamp, service, "no")
    too_long = send(client, report_data(stamp, service, what_went_wrong="x" * 5000), json=True)
    assert too_long.status_code == 400
    assert too_long.json()["errors"]["what_went_wrong"] == ["Keep this to 2,000 characters or fewer."]
    assert list(Feedback.objects.values_list("kind", "status", "helpful")) == [("vote", "counted", False)]

    payload = "<script>alert(1)</script>\x00 ✓ مرحبا 🚧"
    assert send(client, report_data(stamp, service, what_went_wrong=payload, email="")).status_code == 303
    item = Feedback.objects.get()
    assert item.kind == "report" and item.helpful is False
    assert item.what_went_wrong == "<script>alert(1)</script> ✓ مرحبا 🚧"
