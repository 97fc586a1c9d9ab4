"""``manage.py create_department "Parks & Recreation"`` — page, groups, collection, workflow.

Safe to run again: it finds the existing department (by slug, then by
name) and repairs or updates it instead of making a second one.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from departments.provisioning import create_department


class Command(BaseCommand):
    help = "Create a department with its editors and publishers groups, media collection and approval workflow."

    def add_arguments(self, parser):
        parser.add_argument("name", help='The department\'s name, e.g. "Parks & Recreation".')
        parser.add_argument("--slug", help="URL slug; defaults to one made from the name.")
        parser.add_argument("--intro", default="", help="Short description shown on the department page.")
        parser.add_argument("--feedback-emails", help="Comma-separated addresses told about page problem reports.")
        parser.add_argument("--form-emails", help="Comma-separated addresses told about new form submissions.")
        parser.add_argument("--draft", action="store_true", help="Create the page as a draft instead of publishing.")

    def handle(self, *args, **options):
        try:
            department, roles, created = create_department(
                options["name"],
                slug=options["slug"],
                intro=options["intro"],
                feedback_emails=options["feedback_emails"],
                form_emails=options["form_emails"],
                publish=not options["draft"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        verb = "Created" if created else "Updated"
        self.stdout.write(self.style.SUCCESS(f"{verb} department “{department.title}” ({department.url_path})"))
        self.stdout.write(f"  Editors group:    {roles.editors.name}")
        self.stdout.write(f"  Publishers group: {roles.publishers.name}")
        self.stdout.write(f"  Media collection: {roles.collection.name}")
        self.stdout.write(f"  Workflow:         {roles.workflow.name}")
