"""``PageReview``, taken over from departments with its rows (issue #13).

The model is created in Django's state on the table departments made
(``departments_pagereview``, departments/migrations/0002), which is then renamed to this app's
``reviews_pagereview``: a rename keeps every row, index and foreign key, on SQLite and
PostgreSQL alike. On a new database the same steps run on an empty table.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("departments", "0004_pagereview_moves_to_reviews"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PageReview",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"),
                        ),
                        ("next_review", models.DateField(db_index=True, verbose_name="Next review")),
                        ("last_reviewed_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "last_reviewed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "page",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="review",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "page review",
                        "verbose_name_plural": "page reviews",
                        "ordering": ["next_review"],
                        "db_table": "departments_pagereview",
                    },
                ),
            ]
        ),
        migrations.AlterModelTable(name="pagereview", table=None),
    ]
