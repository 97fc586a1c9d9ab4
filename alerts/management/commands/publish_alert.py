"""``manage.py publish_alert`` — raise and publish an alert at once, for on-call scripts.

Example::

    manage.py publish_alert --title "Boil-water notice" \\
        --message "Boil tap water for one minute before drinking." --severity warning \\
        --department water-and-sewer --hotline "Water line=601-555-0100" --ends-in 2d

It does what the admin's "Publish" does (a revision, published, logged as created and
published, attributed to ``--user`` or to nobody) and prints only the new alert's id on
stdout, so a script can keep it for ``expire_alert``. Every bad argument stops it with a
message before anything is saved.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.actions.create import CreateAction

from alerts.management import inputs
from alerts.models import Alert, AlertHotline, AlertPage, Scope, Severity
from alerts.permissions import ALERT_POLICY, reach_of

MAX_HOTLINES = 5


class Command(BaseCommand):
    help = "Publish an alert now (or scheduled with --starts-in) and print its id."

    def add_arguments(self, parser):
        parser.add_argument("--title", required=True, help="A few words, at most 120 characters.")
        parser.add_argument("--message", required=True, help="What is happening and what to do (600 characters).")
        parser.add_argument("--severity", required=True, help="emergency, warning or information.")
        parser.add_argument("--link", default="", help="Optional https:// address to read more.")
        parser.add_argument("--link-text", default="", help="The link's words (default 'More information').")
        parser.add_argument(
            "--hotline", action="append", default=[], help='"Label=601-555-0100"; repeat for more (up to 5).'
        )
        parser.add_argument("--department", action="append", default=[], help="A department's slug; repeat for more.")
        parser.add_argument(
            "--page", action="append", default=[], help="A page id or URL path, e.g. /departments/water/; repeat."
        )
        parser.add_argument("--starts-in", default="", help="Start later, e.g. 10m, 6h, 1h30m (default: now).")
        parser.add_argument("--ends-in", default="", help="End this long from now, e.g. 6h, 2d (default: never).")
        dismiss = parser.add_mutually_exclusive_group()
        dismiss.add_argument("--dismissible", dest="dismissible", action="store_true", default=None)
        dismiss.add_argument("--not-dismissible", dest="dismissible", action="store_false")
        parser.add_argument("--user", default="", help="Username to record in the history (default: none).")

    def handle(self, *args, **options):
        alert = self.build(options)
        user = inputs.user(options["user"])
        if user is not None:
            self.check_user_may(user, alert)
        with transaction.atomic():
            CreateAction(alert, user=user, publish=True).execute(skip_permission_checks=True)
        self.stdout.write(str(alert.pk))

    def build(self, options):
        """An unsaved, validated Alert with its children; raises CommandError on any bad input."""
        severity = inputs.text(options["severity"], "--severity").lower()
        if severity not in Severity.values:
            raise CommandError(f"--severity: must be one of {', '.join(Severity.values)}.")
        title = inputs.text(options["title"], "--title")
        message = inputs.text(options["message"], "--message", multiline=True)
        if not title or not message:
            raise CommandError("--title and --message must not be empty.")
        for option, value in (("--title", title), ("--message", message)):
            limit = Alert._meta.get_field(option[2:]).max_length
            if len(value) > limit:
                raise CommandError(f"{option}: at most {limit} characters (this one has {len(value)}).")
        dismissible = options["dismissible"]
        if severity == Severity.EMERGENCY and dismissible:
            raise CommandError("--dismissible: emergencies can never be dismissed.")

        departments = inputs.departments(options["department"])
        pages = inputs.pages(options["page"])
        if departments and pages:
            raise CommandError("Give --department or --page, not both.")
        hotlines = [inputs.hotline(value) for value in options["hotline"]]
        if len(hotlines) > MAX_HOTLINES:
            raise CommandError(f"--hotline: at most {MAX_HOTLINES}.")

        now = timezone.now()
        starts_at = now + inputs.duration(options["starts_in"], "--starts-in") if options["starts_in"] else now
        ends_at = now + inputs.duration(options["ends_in"], "--ends-in") if options["ends_in"] else None
        if ends_at is not None and ends_at <= starts_at:
            raise CommandError("--ends-in: the end must come after the start.")

        alert = Alert(
            title=title,
            message=message,
            severity=severity,
            link_url=inputs.link(options["link"]),
            link_text=inputs.text(options["link_text"], "--link-text"),
            scope=Scope.DEPARTMENTS if departments else Scope.PAGES if pages else Scope.SITE,
            starts_at=starts_at,
            ends_at=ends_at,
            dismissible=severity != Severity.EMERGENCY and dismissible is not False,
        )
        alert.departments = departments
        alert.scope_pages = [AlertPage(page=page, sort_order=order) for order, page in enumerate(pages)]
        alert.hotlines = [
            AlertHotline(label=label, phone=phone, sort_order=order) for order, (label, phone) in enumerate(hotlines)
        ]
        try:
            alert.full_clean(exclude=["departments"])
            for row in alert.hotlines.all():
                row.full_clean(exclude=["alert"])
        except ValidationError as error:
            raise CommandError(inputs.validation_message(error)) from None
        return alert

    def check_user_may(self, user, alert):
        """A named user must be someone who could have published this alert in the admin."""
        if not (ALERT_POLICY.user_has_permission(user, "add") and ALERT_POLICY.user_has_permission(user, "publish")):
            raise CommandError(f"--user: “{user.username}” may not publish alerts.")
        reach = reach_of(user)
        if reach.anywhere:
            return
        departments = list(alert.departments.all())
        pages = [row.page for row in alert.scope_pages.all()]
        inside = (
            alert.scope != Scope.SITE
            and all(department.pk in reach.department_ids for department in departments)
            and all(reach.covers_page(page) for page in pages)
        )
        if not inside:
            raise CommandError(f"--user: “{user.username}” may only alert their own department's pages.")
