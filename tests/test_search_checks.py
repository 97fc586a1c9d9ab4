"""The system check on the search index table (search/checks.py), passing and failing.

The failing cases change the table inside the test's transaction (PostgreSQL's DDL is
transactional, so the rollback puts it back). PostgreSQL only, apart from the first test;
``make test`` on SQLite runs them on the local PostgreSQL (tests/test_search_on_postgres.py).
"""

import pytest
from django.core import checks
from django.db import connection

from search.checks import check_search_index, index_table, index_table_problems

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")


def ids(errors):
    return sorted(error.id for error in errors)


def test_the_check_is_registered_as_a_database_check():
    assert check_search_index in checks.registry.registry.get_checks(include_deployment_checks=False)
    assert "database" in check_search_index.tags


def test_says_nothing_without_a_database_or_on_another_vendor():
    assert check_search_index(databases=None) == []
    if connection.vendor != "postgresql":
        assert check_search_index(databases=["default"]) == []


@postgres_only
def test_passes_on_the_migrated_table():
    assert check_search_index(databases=["default"]) == []
    assert checks.run_checks(databases=["default"], tags=[checks.Tags.database]) == []


@postgres_only
def test_a_missing_column_fails_with_search_e001():
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {index_table()} DROP COLUMN title_norm")
    errors = check_search_index(databases=["default"])
    assert ids(errors) == ["search.E001"]
    assert "title_norm" in errors[0].msg and "requirements.txt" in errors[0].hint
    assert errors[0].is_serious()


@postgres_only
def test_a_column_of_another_type_fails_with_search_e001():
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {index_table()} ALTER COLUMN title_norm TYPE numeric")
    errors = index_table_problems(connection, index_table())
    assert ids(errors) == ["search.E001"]
    assert "'title_norm'" in errors[0].msg and "double precision" in errors[0].msg


@postgres_only
def test_missing_indexes_fail_with_search_e002():
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX jackson_search_title_body_gin")
        constraints = connection.introspection.get_constraints(cursor, index_table())
        title_gin = next(name for name, item in constraints.items() if item["columns"] == ["title"] and item["index"])
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(title_gin)}")
    errors = check_search_index(databases=["default"])
    assert ids(errors) == ["search.E002", "search.E002"]
    assert any("(title || body)" in error.msg for error in errors)
    assert any("'title'" in error.msg for error in errors)


@postgres_only
def test_a_missing_table_fails_with_search_e001():
    assert ids(index_table_problems(connection, "no_such_search_table")) == ["search.E001"]


@postgres_only
def test_says_nothing_while_migrations_are_pending(monkeypatch):
    """Before ``migrate`` has run, the table is whatever it was: migrate must not be blocked."""
    from search import checks as search_checks

    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {index_table()} DROP COLUMN title_norm")
    monkeypatch.setattr(search_checks, "_migrations_pending", lambda connection: True)
    assert check_search_index(databases=["default"]) == []
