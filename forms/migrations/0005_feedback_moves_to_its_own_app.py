"""Feedback now belongs to the ``feedback`` app: forget its models here, keep the tables.

State only: ``feedback`` 0001 has taken the tables over (and renamed them), so
nothing is dropped. Reversing it gives the models back to this app's state.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0004_form_field_web_address"),
        ("feedback", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="FeedbackEvent"),
                migrations.DeleteModel(name="Feedback"),
            ],
            database_operations=[],
        ),
    ]
