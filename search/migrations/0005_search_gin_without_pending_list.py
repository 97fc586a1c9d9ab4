"""Turn off the pending list of the GIN indexes on Wagtail's search index table (PostgreSQL only).

With ``fastupdate`` on (PostgreSQL's default), new index entries go to a
"pending list" that every search then reads in full, until autovacuum or a
4 MB overflow merges it into the index. After seeding 10,000 pages the lists
held 160 to 500 pages each, and "Whitfield" took 6.3 ms in SQL instead of
0.1 ms. A city site is read far more than it is written, and its writes (a
page published now and then) are few, so entries go straight into the index.
Existing pending entries are merged here too.
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"

GIN_INDEXES = f"""
    SELECT c.relname FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am a ON a.oid = c.relam
    WHERE i.indrelid = '{TABLE}'::regclass AND a.amname = 'gin'
"""


def set_fastupdate(on):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(GIN_INDEXES)
            names = [name for (name,) in cursor.fetchall()]
            for name in names:
                quoted = schema_editor.quote_name(name)
                cursor.execute(f"ALTER INDEX {quoted} SET (fastupdate = {'on' if on else 'off'})")
                if not on:
                    cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_page_id_text_index"),
    ]

    operations = [migrations.RunPython(set_fastupdate(False), set_fastupdate(True))]
