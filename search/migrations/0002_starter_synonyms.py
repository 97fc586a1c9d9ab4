from django.db import migrations


def add_starter_synonyms(apps, schema_editor):
    from search.starter_synonyms import load_starter_synonyms

    load_starter_synonyms(apps.get_model("search", "SynonymGroup"))


class Migration(migrations.Migration):
    dependencies = [("search", "0001_synonyms_and_query_stats")]

    operations = [migrations.RunPython(add_starter_synonyms, migrations.RunPython.noop)]
