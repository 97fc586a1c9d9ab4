"""Give every existing submission a readable reference (see forms.references).

Kept apart from the schema changes before and after it, so PostgreSQL never
alters a table with row updates pending in the same transaction.
"""

from django.db import migrations

from forms import references


def department_title(DepartmentPage, page):
    """The nearest department above the form (Wagtail's tree paths use 4 characters a level)."""
    steplen = 4
    paths = [page["path"][:end] for end in range(steplen, len(page["path"]), steplen)]
    title = DepartmentPage.objects.filter(path__in=paths).order_by("-depth").values_list("title", flat=True).first()
    return title or page["title"]


def add_references(apps, schema_editor):
    FormPage = apps.get_model("forms", "FormPage")
    Submission = apps.get_model("forms", "FormPageSubmission")
    DepartmentPage = apps.get_model("departments", "DepartmentPage")
    prefixes = {}
    taken = set(Submission.objects.exclude(reference="").values_list("reference", flat=True))
    for submission in Submission.objects.filter(reference="").only("pk", "page_id").iterator():
        if submission.page_id not in prefixes:
            # Plain values: historical page models carry mixins whose __init__ expects the real class.
            page = FormPage.objects.filter(pk=submission.page_id).values("path", "title", "reference_prefix").first()
            if page is None:
                prefixes[submission.page_id] = references.FALLBACK_PREFIX
            else:
                prefixes[submission.page_id] = page["reference_prefix"] or references.initials(
                    department_title(DepartmentPage, page)
                )
        reference = references.new_reference(prefixes[submission.page_id], taken.__contains__)
        taken.add(reference)
        Submission.objects.filter(pk=submission.pk).update(reference=reference)


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0006_submission_reference_status"),
        ("departments", "0002_department_roles_and_page_reviews"),
    ]

    operations = [migrations.RunPython(add_references, migrations.RunPython.noop)]
