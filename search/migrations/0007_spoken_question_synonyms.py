"""Starter synonym groups for words residents say aloud (Ask Jackson): sewage, kids, sign up, book.

Only these four groups are created, and only where missing; the other starter groups,
whether editors changed or deleted them, are left as they are.
"""

from django.db import migrations


def add_starter_synonyms(apps, schema_editor):
    from search.starter_synonyms import SPOKEN_SYNONYMS, load_starter_synonyms

    load_starter_synonyms(apps.get_model("search", "SynonymGroup"), SPOKEN_SYNONYMS)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_search_vectors_inline")]

    operations = [migrations.RunPython(add_starter_synonyms, migrations.RunPython.noop)]
