"""The test suite's own isolation: the migration-time snapshot loads whatever came before it.

Browser and migration tests are transactional: each ends with a flush and the next one loads the
migration-time snapshot again. Building a Wagtail task or page looks up its content type in
``__init__``; with ContentType's cache cold (a migration test clears it) and the table flushed,
that lookup created the content type under a new id, and the snapshot's own row then failed with
a duplicate key on (app_label, model). On PostgreSQL in CI this broke the browser tests that a
worker ran after the migration tests (tests/conftest.py).
"""

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from tests.conftest import restore_migration_snapshot, snapshot_content_types


def content_types():
    return {(ct.app_label, ct.model): ct.pk for ct in ContentType.objects.all()}


def test_the_snapshot_loads_into_a_flushed_database_with_a_cold_cache(
    django_db_serialized_rollback, transactional_db, _serialized_db_contents
):
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    ContentType.objects.clear_cache()

    connection.creation.deserialize_db_from_string(_serialized_db_contents)

    assert content_types() == snapshot_content_types(_serialized_db_contents)
    assert Page.objects.filter(depth=1).exists()


def test_the_snapshot_loads_over_a_content_type_under_a_new_id(
    django_db_serialized_rollback, transactional_db, _serialized_db_contents
):
    stray = ContentType.objects.get(app_label="wagtailcore", model="groupapprovaltask")
    old_id = stray.pk
    stray.delete()
    ContentType.objects.clear_cache()
    assert ContentType.objects.create(app_label="wagtailcore", model="groupapprovaltask").pk != old_id

    connection.creation.deserialize_db_from_string(_serialized_db_contents)

    assert content_types() == snapshot_content_types(_serialized_db_contents)
    assert ContentType.objects.get_by_natural_key("wagtailcore", "groupapprovaltask").pk == old_id


def test_drifted_content_types_are_put_back_before_a_test(
    django_db_serialized_rollback, transactional_db, _serialized_db_contents
):
    ContentType.objects.filter(app_label="wagtailcore", model="groupapprovaltask").delete()
    ContentType.objects.create(app_label="wagtailcore", model="groupapprovaltask")

    restore_migration_snapshot(_serialized_db_contents)

    assert content_types() == snapshot_content_types(_serialized_db_contents)
