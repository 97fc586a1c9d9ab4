"""Feedback moves out of ``forms`` into an app of its own, rows and all.

Until now ``forms`` owned the models (its migration 0002 created the tables
``forms_feedback`` and ``forms_feedbackevent``). This migration takes them over
without copying a row: first it declares the models in this app's state under
their old table names (no SQL), then renames the tables to this app's names.
``forms`` 0005 drops the models from its own state only, and 0002 here
relabels their content types, so permissions and group grants keep their ids.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        # The tables this migration takes over.
        ('forms', '0004_form_field_web_address'),
        ('departments', '0002_department_roles_and_page_reviews'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Feedback',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='received')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('kind', models.CharField(choices=[('vote', 'Helpful vote'), ('report', 'Problem report')], default='vote', max_length=10)),
                        ('helpful', models.BooleanField(blank=True, help_text="The resident's answer to “Was this page helpful?”, if they gave one.", null=True)),
                        ('trying_to_do', models.TextField(blank=True, max_length=1000, verbose_name='what they were trying to do')),
                        ('what_went_wrong', models.TextField(blank=True, max_length=2000, verbose_name='what went wrong')),
                        ('email', models.EmailField(blank=True, help_text='Given only if they want a reply.', max_length=254, verbose_name="resident's email")),
                        ('page_url', models.CharField(blank=True, max_length=500, verbose_name='page URL')),
                        ('page_title', models.CharField(blank=True, max_length=255)),
                        ('status', models.CharField(choices=[('new', 'New'), ('triaged', 'Triaged'), ('in_progress', 'In progress'), ('resolved', 'Resolved'), ('spam', 'Spam'), ('duplicate', 'Duplicate')], db_index=True, default='new', max_length=20)),
                        ('spam_reason', models.CharField(blank=True, editable=False, max_length=40)),
                        ('personal_data_purged_at', models.DateTimeField(blank=True, editable=False, null=True)),
                        ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assigned_feedback', to=settings.AUTH_USER_MODEL)),
                        ('department', models.ForeignKey(blank=True, help_text='Empty means the city-wide queue.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='department_feedback', to='departments.departmentpage')),
                        ('page', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='feedback', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('page_revision', models.ForeignKey(blank=True, help_text="The page's live revision when the feedback was sent.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision')),
                    ],
                    options={
                        'db_table': 'forms_feedback',
                        'verbose_name': 'feedback item',
                        'verbose_name_plural': 'feedback',
                        'ordering': ['-created_at', '-pk'],
                        'permissions': [('triage_all_feedback', 'Can triage feedback for every department and the city-wide queue')],
                    },
                ),
                migrations.CreateModel(
                    name='FeedbackEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('action', models.CharField(choices=[('status', 'Status'), ('assigned', 'Assignee'), ('moved', 'Department'), ('note', 'Note')], max_length=20)),
                        ('from_value', models.CharField(blank=True, max_length=255)),
                        ('to_value', models.CharField(blank=True, max_length=255)),
                        ('note', models.TextField(blank=True, max_length=2000, verbose_name='internal note')),
                        ('feedback', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='feedback.feedback')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'forms_feedbackevent',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='feedback',
                    index=models.Index(fields=['department', 'status', 'created_at'], name='forms_feedb_departm_7aea0c_idx'),
                ),
            ],
            database_operations=[],
        ),
        # Now rename the tables (and nothing else) to what this app would call them.
        migrations.AlterModelTable(name='feedback', table=None),
        migrations.AlterModelTable(name='feedbackevent', table=None),
    ]
