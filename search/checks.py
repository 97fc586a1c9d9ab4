"""A system check: the search index table still has what ``search.one_statement`` reads.

Why: ``search/one_statement.py`` writes modelsearch's ranking SQL out by hand, against the
columns of modelsearch's index table and the GIN indexes that serve its match (modelsearch's
own, and search/0003's on ``title || body``). An upgrade of modelsearch that renamed a
column or dropped an index would otherwise show up as a 500 on every search, or as searches
quietly scanning the whole table. The version it was copied from is pinned in
requirements.txt; this check says plainly what is missing if the table changes anyway.

It reads the database, so it is a ``database`` check (Django runs those in ``migrate`` and in
``check --database default``), and only on PostgreSQL, the one vendor the statement runs on.
Before migrations have run (a new database, or search's own migrations pending) it says
nothing: ``migrate`` is what brings the table up to date.
"""

from django.core.checks import Error, Tags, register
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

#: The columns the statement reads, and the PostgreSQL type each must have.
EXPECTED_COLUMNS = {
    "content_type_id": "integer",
    "object_id": "character varying",
    "title": "tsvector",
    "body": "tsvector",
    "title_norm": "double precision",
}

#: GIN indexes the match needs: on each vector (a one-word match) and on both together.
EXPECTED_GIN_COLUMNS = (["title"], ["body"])
TITLE_BODY_EXPRESSION = "(title || body)"

HINT = (
    "search/one_statement.py copies the ranking SQL of the modelsearch version pinned in "
    "requirements.txt. Run `manage.py migrate`; if modelsearch was upgraded, compare its "
    "PostgreSQL backend with search/one_statement.py and update both together."
)


def index_table():
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")._meta.db_table


@register(Tags.database)
def check_search_index(app_configs=None, databases=None, **kwargs):
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql" or _migrations_pending(connection):
            continue
        errors += index_table_problems(connection, index_table())
    return errors


def _migrations_pending(connection):
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return bool(executor.migration_plan(targets))


def index_table_problems(connection, table):
    """Errors for each column or index of ``table`` that the statement expects and does not find."""
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return [Error(f"The search index table {table!r} does not exist.", hint=HINT, id="search.E001")]
        cursor.execute(
            "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
            [connection.ops.quote_name(table)],
        )
        types = {name: kind.split("(")[0] for name, kind in cursor.fetchall()}
        constraints = connection.introspection.get_constraints(cursor, table)
    errors = []
    for column, kind in EXPECTED_COLUMNS.items():
        if column not in types:
            errors.append(
                Error(
                    f"The search index table {table!r} has no column {column!r}, which search/one_statement.py reads.",
                    hint=HINT,
                    id="search.E001",
                )
            )
        elif types[column] != kind:
            errors.append(
                Error(
                    f"Column {column!r} of {table!r} is {types[column]}, not the {kind} search/one_statement.py "
                    "expects.",
                    hint=HINT,
                    id="search.E001",
                )
            )
    gin = [item for item in constraints.values() if item.get("index") and item.get("type") == "gin"]
    for columns in EXPECTED_GIN_COLUMNS:
        if not any(item["columns"] == columns for item in gin):
            errors.append(
                Error(
                    f"The search index table {table!r} has no GIN index on {columns[0]!r}: "
                    "one-word searches would scan the whole table.",
                    hint=HINT,
                    id="search.E002",
                )
            )
    if not any(TITLE_BODY_EXPRESSION in (item.get("definition") or "") for item in gin):
        errors.append(
            Error(
                f"The search index table {table!r} has no GIN index on {TITLE_BODY_EXPRESSION} "
                "(search/migrations/0003): searches of several words would scan the whole table.",
                hint=HINT,
                id="search.E002",
            )
        )
    return errors
