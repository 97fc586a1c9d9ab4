"""The test database is migrated once per set of migrations (tests/migrated_databases.py).

A copy kept from an earlier run must be exactly what migrating now would give, so these check
that the database the tests got has every migration applied, and that the key changes whenever
anything that decides the migrated database changes.
"""

from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import migrated_databases

pytestmark = pytest.mark.django_db


def test_the_test_database_has_every_migration_applied():
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert plan == [], f"unapplied: {[str(migration) for migration, _backwards in plan]}"


def test_the_key_is_stable():
    assert migrated_databases.fingerprint(connection) == migrated_databases.fingerprint(connection)


def test_a_changed_migration_changes_the_key(monkeypatch):
    before = migrated_databases.fingerprint(connection)
    read_bytes = Path.read_bytes

    def edited(path):
        content = read_bytes(path)
        return (
            content + b"\n# edited\n"
            if path.name == "0001_initial.py" and path.parent.parent.name == "feedback"
            else content
        )

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert migrated_databases.fingerprint(connection) != before


def test_a_changed_module_that_a_migration_imports_changes_the_key(monkeypatch):
    """Data migrations fill the synonyms table from search/starter_synonyms.py: its text counts."""
    migrations = Path(migrated_databases.ROOT, "search", "migrations")
    imported = {
        name for path in migrations.glob("*.py") for name in migrated_databases._project_modules_imported_by(path)
    }
    assert "search.starter_synonyms" in imported
    before = migrated_databases.fingerprint(connection)
    read_bytes = Path.read_bytes
    monkeypatch.setattr(
        Path, "read_bytes", lambda path: read_bytes(path) + (b"#" if path.name == "starter_synonyms.py" else b"")
    )
    assert migrated_databases.fingerprint(connection) != before


def test_another_django_or_sqlite_version_changes_the_key(monkeypatch):
    import sqlite3

    import django

    before = migrated_databases.fingerprint(connection)
    monkeypatch.setattr(django, "__version__", django.__version__ + ".post1")
    assert migrated_databases.fingerprint(connection) != before
    monkeypatch.undo()
    monkeypatch.setattr(sqlite3, "sqlite_version", "0.0.0")
    assert migrated_databases.fingerprint(connection) != before


def test_off_migrates_as_django_does(monkeypatch):
    monkeypatch.setenv("JACKSON_TEST_DB_CACHE", "off")
    assert migrated_databases.cache_setting() == "off"
    monkeypatch.setenv("JACKSON_TEST_DB_CACHE", "/somewhere/else")
    assert migrated_databases.cache_directory() == Path("/somewhere/else")
