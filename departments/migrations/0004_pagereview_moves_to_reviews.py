"""``PageReview`` moves to the reviews app (issue #13); its table and rows stay.

Only Django's idea of which app owns the model changes here; reviews/migrations/0001_initial.py
takes the model over and renames the table. Reversible: going back hands the model to
departments again, with its rows.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("departments", "0003_menu_title"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="PageReview")]),
    ]
