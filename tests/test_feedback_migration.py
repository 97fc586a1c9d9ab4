"""Feedback moved from ``forms`` to its own app: a database from before the move keeps every row.

The database is migrated back to where main stood before the move (``forms`` at
0004, no ``feedback`` app), filled the way that code filled it (items, their
history, an assignee, a group holding the triage permission), then migrated
forward. Everything must be found, unchanged, under the new app label.
"""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from feedback.models import Feedback, FeedbackEvent

BEFORE_MOVE = [("forms", "0004_form_field_web_address"), ("feedback", None)]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([target for target in targets if target[1]]).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_feedback_rows_and_group_permissions_survive_the_move(
    _restore_serialized_db_contents, django_db_serialized_rollback, transactional_db
):
    old = migrate(BEFORE_MOVE)
    try:
        tables = connection.introspection.table_names()
        assert "forms_feedback" in tables and "feedback_feedback" not in tables

        OldFeedback = old.get_model("forms", "Feedback")
        OldEvent = old.get_model("forms", "FeedbackEvent")
        OldUser = old.get_model("auth", "User")
        OldGroup = old.get_model("auth", "Group")
        OldPermission = old.get_model("auth", "Permission")

        staff = OldUser.objects.create(username="triager", email="triager@example.gov", is_active=True)
        report = OldFeedback.objects.create(
            kind="report",
            helpful=False,
            trying_to_do="Find pool hours",
            what_went_wrong="The hours say <b>closed</b> — but it's open ✓",
            email="resident@example.com",
            page_url="/parks/pool/",
            page_title="Pool hours",
            status="in_progress",
            assignee=staff,
        )
        vote = OldFeedback.objects.create(kind="vote", helpful=True, page_url="/parks/", page_title="Parks")
        # Main queued every "No" as a "New" item; the move's later migration counts them instead.
        no_votes = [
            OldFeedback.objects.create(
                kind="vote", helpful=False, page_url="/parks/", page_title="Parks", status=status
            )
            for status in ("new", "triaged", "spam")
        ]
        OldEvent.objects.create(feedback=report, user=staff, action="status", from_value="New", to_value="In progress")

        triage_all = OldPermission.objects.get(content_type__app_label="forms", codename="triage_all_feedback")
        group = OldGroup.objects.create(name="Feedback triage (old)")
        group.permissions.add(
            triage_all, OldPermission.objects.get(content_type__app_label="forms", codename="view_feedback")
        )
        staff.groups.add(group)
        permission_ids = set(group.permissions.values_list("pk", flat=True))
    finally:
        migrate(latest())
    ContentType.objects.clear_cache()

    tables = connection.introspection.table_names()
    assert "feedback_feedback" in tables and "feedback_feedbackevent" in tables
    assert "forms_feedback" not in tables and "forms_feedbackevent" not in tables

    moved = Feedback.objects.get(pk=report.pk)
    assert (moved.kind, moved.helpful, moved.status, moved.assignee.username) == (
        "report",
        False,
        "in_progress",
        "triager",
    )
    assert moved.what_went_wrong == "The hours say <b>closed</b> — but it's open ✓"
    assert (moved.trying_to_do, moved.email, moved.page_url, moved.page_title) == (
        "Find pool hours",
        "resident@example.com",
        "/parks/pool/",
        "Pool hours",
    )
    assert [(e.action, e.from_value, e.to_value, e.user.username) for e in moved.history] == [
        ("status", "New", "In progress", "triager")
    ]
    assert Feedback.objects.filter(pk=vote.pk, helpful=True, page_title="Parks", status="counted").exists()
    # Votes left the queue without losing a count: the rows stay, marked as counted (spam stays spam).
    assert [Feedback.objects.get(pk=item.pk).status for item in no_votes] == ["counted", "counted", "spam"]
    assert Feedback.objects.filter(page_url="/parks/").votes().count() == 3
    assert not Feedback.objects.filter(kind="vote", status__in=Feedback.OPEN_STATUSES).exists()
    assert FeedbackEvent.objects.count() == 1

    # The group kept the very same permission rows, now under the feedback app's content type.
    group = Group.objects.get(name="Feedback triage (old)")
    assert set(group.permissions.values_list("pk", flat=True)) == permission_ids
    assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
        ("feedback", "triage_all_feedback"),
        ("feedback", "view_feedback"),
    }
    assert not ContentType.objects.filter(app_label="forms", model__in=["feedback", "feedbackevent"]).exists()
    user = group.user_set.get(username="triager")
    assert user.has_perm("feedback.triage_all_feedback")
    assert Feedback.objects.visible_to(user).filter(pk=report.pk).exists()

    # New rows follow on from the old ids.
    assert Feedback.objects.create(kind="report", what_went_wrong="New after the move").pk > vote.pk
