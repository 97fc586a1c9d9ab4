"""A GIN index on ``title || body`` of Wagtail's search index table (PostgreSQL only).

modelsearch's PostgreSQL backend matches ``(title || body) @@ query``; the
separate GIN indexes on ``title`` and ``body`` cannot serve that expression,
so every search scanned the whole table (about 30 ms at 10,000 pages, see
BENCHMARKS.md). With this expression index the match is an index lookup.
SQLite uses its own FTS5 table and needs nothing.
"""

from django.db import migrations

INDEX_NAME = "jackson_search_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_starter_synonyms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
