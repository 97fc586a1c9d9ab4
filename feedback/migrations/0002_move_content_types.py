"""Relabel the feedback models' content types from ``forms`` to ``feedback``.

Permissions hang off a content type, and groups hold permissions by id. Renaming
the content type's app label in place keeps every permission row, and with it
every group's and user's grant (the Communications role's "triage all feedback",
for example), and every admin log entry that points at a feedback item.

If both labels already exist (``migrate`` ran its post-migrate step between the
two moves), the grants are moved onto the new permissions instead and the old
content type is left for ``remove_stale_contenttypes``.
"""

from django.db import migrations

MODELS = ("feedback", "feedbackevent")


def relabel(apps, from_label, to_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=from_label, model=model).first()
        if old is None:
            continue  # a new database: content types are created after migrating
        new = ContentType.objects.filter(app_label=to_label, model=model).first()
        if new is None:
            old.app_label = to_label
            old.save(update_fields=["app_label"])
            continue
        for permission in Permission.objects.filter(content_type=old):
            target = Permission.objects.filter(content_type=new, codename=permission.codename).first()
            if target is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
                continue
            for group in permission.group_set.all():
                group.permissions.add(target)
            for user in permission.user_set.all():
                user.user_permissions.add(target)
            permission.delete()


def forwards(apps, schema_editor):
    relabel(apps, "forms", "feedback")


def backwards(apps, schema_editor):
    relabel(apps, "feedback", "forms")


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
