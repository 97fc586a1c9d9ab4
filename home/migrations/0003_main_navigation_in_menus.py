"""The main navigation moves from a list in code to Wagtail's "Show in menus".

Until now the header listed six index pages named in home/templatetags/jackson_tags.py, with
short labels of their own. So that an existing site keeps its menu, those pages (live or not,
among each site root's children) get "Show in menus" ticked and, where blank, the short label
the code used. Their order is now the page tree's, which editors change in the admin.
Reversing leaves the pages as they are: the ticks do no harm without the new navigation.
"""

from django.db import migrations

#: (app label, model, the label the hard-coded navigation gave it).
SECTIONS = [
    ("departments", "ServiceIndexPage", "Services"),
    ("departments", "DepartmentIndexPage", "Departments"),
    ("news", "NewsIndexPage", "News"),
    ("events", "EventIndexPage", "Events"),
    ("departments", "FAQIndexPage", "FAQ"),
    ("departments", "DirectoryPage", "Directory"),
]


def put_sections_in_menus(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    roots = list(Page.objects.filter(pk__in=Site.objects.values("root_page_id")).values_list("path", "depth"))
    for app_label, model_name, label in SECTIONS:
        model = apps.get_model(app_label, model_name)
        for path, depth in roots:
            sections = model.objects.filter(path__startswith=path, depth=depth + 1)
            sections.update(show_in_menus=True)
            sections.filter(menu_title="").update(menu_title=label)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("departments", "0003_menu_title"),
        ("news", "0002_menu_title"),
        ("events", "0002_menu_title"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(put_sections_in_menus, migrations.RunPython.noop)]
