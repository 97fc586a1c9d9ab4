"""``manage.py create_demo_users`` — one sign-in per role for trying the admin locally.

Idempotent: re-running resets the demo passwords and group memberships.
The password is printed on purpose; these accounts are for a local demo and
must never exist on a real site, so the command refuses to run with
DEBUG off unless told otherwise.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from demo.guard import refuse_in_production
from departments.models import DepartmentPage
from departments.provisioning import create_department
from departments.roles import ADMINISTRATOR, COMMUNICATIONS, EMERGENCY_PUBLISHER, setup_department, setup_site_roles

DEFAULT_PASSWORD = "jackson-demo"  # noqa: S105  (a published local-demo password by design)

#: (department name, words that identify an existing demo department)
DEMO_DEPARTMENTS = {
    "parks": ("Parks & Recreation", "parks"),
    "police": ("Police Department", "police"),
}


def demo_department(key):
    """The demo city's department for ``key``, created if the demo has none."""
    title, word = DEMO_DEPARTMENTS[key]
    existing = DepartmentPage.objects.filter(title__icontains=word).order_by("depth", "path").first()
    department, roles, _ = create_department(existing.title if existing else title)
    return department, roles


class Command(BaseCommand):
    help = "Create demo users, one per role, with a shared demo password (local demo only)."

    def add_arguments(self, parser):
        parser.add_argument("--password", default=DEFAULT_PASSWORD)
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run even though DEBUG is off (for a throwaway demo server only).",
        )

    def handle(self, *args, **options):
        refuse_in_production(
            "create demo users", allow=options["allow_without_debug"], override="--allow-without-debug"
        )
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError("Refusing to create demo users with DEBUG off; pass --allow-without-debug if intended.")
        site_roles = setup_site_roles()
        # Every department in the demo city gets its groups and workflow, not only the two with demo users.
        for department in DepartmentPage.objects.all():
            setup_department(department)
        _, parks = demo_department("parks")
        _, police = demo_department("police")

        accounts = [
            ("comms", "Casey", "Communications", [site_roles[COMMUNICATIONS]]),
            ("parks-editor", "Pat", "Parks editor", [parks.editors]),
            ("parks-publisher", "Robin", "Parks publisher", [parks.publishers]),
            ("police-editor", "Jordan", "Police editor", [police.editors]),
            ("police-publisher", "Morgan", "Police publisher", [police.publishers]),
            ("emergency", "Avery", "Emergency publisher", [site_roles[EMERGENCY_PUBLISHER]]),
            ("administrator", "Alex", "Administrator", [site_roles[ADMINISTRATOR]]),
        ]
        User = get_user_model()
        rows = []
        for username, first_name, role, groups in accounts:
            user, _ = User.objects.get_or_create(username=username)
            user.first_name = first_name
            user.last_name = f"({role})"
            user.email = f"{username}@demo.jackson.invalid"
            user.is_active = True
            user.is_staff = False
            user.is_superuser = False
            user.set_password(options["password"])
            user.save()
            user.groups.set(groups)
            rows.append((username, role, ", ".join(group.name for group in groups)))

        self.stdout.write(self.style.WARNING("LOCAL DEMO ONLY: these accounts share a published password."))
        self.stdout.write(f"Sign in at /admin/ with password: {options['password']}")
        width = max(len(row[0]) for row in rows)
        for username, role, groups in rows:
            self.stdout.write(f"  {username.ljust(width)}  {role} — groups: {groups}")
