"""``manage.py create_demo_admin``: a known superuser for the local demo.

``make run`` calls it so a newcomer can sign in to the Wagtail admin straight
away. The password is fixed and printed on purpose: this account is for a
demo on your own machine, never for a server anyone else can reach.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from demo.guard import refuse_in_production

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "jackson-demo-admin"  # noqa: S105 - a published demo credential, local use only.
DEMO_EMAIL = "admin@jackson.example.gov"


class Command(BaseCommand):
    help = "Create (or reset) the demo superuser 'admin' and print its password. For local demos only."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=DEMO_USERNAME)
        parser.add_argument("--password", default=DEMO_PASSWORD)
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even under production settings. Never do this on a server others can reach.",
        )

    def handle(self, *args, username, password, allow_production=False, **options):
        refuse_in_production("create a demo admin", allow=allow_production, override="--allow-production")
        if not username.strip() or not password:
            raise CommandError("Username and password must not be empty.")
        user_model = get_user_model()
        user, created = user_model.objects.get_or_create(
            username=username, defaults={"email": DEMO_EMAIL, "first_name": "Demo", "last_name": "Admin"}
        )
        user.is_staff = True
        user.is_superuser = True
        user.is_active = True
        user.set_password(password)
        user.save()

        action = "Created" if created else "Reset"
        self.stdout.write(f"{action} demo superuser. Sign in at /admin/ with:")
        self.stdout.write(f"  username: {username}")
        self.stdout.write(f"  password: {password}")
        self.stdout.write(
            self.style.WARNING("For local demo use only: never use this account on a server others can reach.")
        )
