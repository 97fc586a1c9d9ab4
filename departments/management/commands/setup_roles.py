"""``manage.py setup_roles`` — the site-wide groups: Communications, Emergency publisher, Administrator.

Idempotent; run after every deploy (the permissions it grants are created
by migrations, so it cannot itself be a migration on a fresh database).
"""

from django.core.management.base import BaseCommand

from departments.models import DepartmentPage
from departments.roles import setup_department, setup_site_roles


class Command(BaseCommand):
    help = "Create or repair the site-wide roles and every department's groups."

    def handle(self, *args, **options):
        groups = setup_site_roles()
        for name in groups:
            self.stdout.write(f"Role ready: {name}")
        for department in DepartmentPage.objects.order_by("title"):
            setup_department(department)
            self.stdout.write(f"Department roles ready: {department.title}")
