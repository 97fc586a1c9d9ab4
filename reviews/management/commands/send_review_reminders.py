"""``manage.py send_review_reminders`` — weekly email to each department's publishers.

Suggested cron line (Mondays at 07:00)::

    0 7 * * 1  cd /srv/jackson && .venv/bin/python manage.py send_review_reminders

Each department's publishers get one email listing their pages that are
overdue or due within ``--days`` (default 14); pages outside any department
go to the Communications group. Nobody is emailed when nothing is due.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Page

from departments.models import DepartmentRoles
from departments.roles import COMMUNICATIONS
from reviews.views import due_pages


def admin_url(path):
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + path


def recipients_in(group):
    if group is None:
        return []
    users = get_user_model().objects.filter(groups=group, is_active=True).exclude(email="").order_by("email")
    return list(users.values_list("email", flat=True).distinct())


def reminder_body(owner, pages, today):
    lines = [f"These {owner} pages are due for review. Please check they are still correct and current.", ""]
    for page in pages:
        due = page.review.next_review
        state = "OVERDUE since" if due < today else "due"
        lines.append(f"- {page.title} ({state} {date_format(due, 'DATE_FORMAT')})")
        lines.append(f"  {admin_url(reverse('department_page_review', args=[page.pk]))}")
    lines += [
        "",
        "All pages due for review:",
        admin_url(reverse("department_review_report")),
        "",
        "Open a page, update anything out of date, then choose “I have reviewed this page”.",
    ]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Email each department's publishers the pages that are overdue or due for review soon."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14, help="Include pages due within this many days.")
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; send nothing.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        days = max(0, min(options["days"], 366))
        sent = 0
        batches = []
        department_paths = []
        for roles in DepartmentRoles.objects.select_related("department", "publishers").order_by("department__title"):
            department = roles.department
            department_paths.append(department.path)
            pages = list(due_pages(Page.objects.descendant_of(department, inclusive=True), days, today))
            batches.append((department.title, pages, recipients_in(roles.publishers)))
        # Pages in departments that were never set up, and city-wide pages, go to Communications.
        others = due_pages(Page.objects.all(), days, today)
        for path in department_paths:
            others = others.exclude(path__startswith=path)
        communications = Group.objects.filter(name=COMMUNICATIONS).first()
        batches.append(("city-wide", list(others), recipients_in(communications)))

        for owner, pages, recipients in batches:
            if not pages:
                continue
            if not recipients:
                self.stderr.write(f"{owner}: {len(pages)} page(s) due but nobody to remind (no publishers with email).")
                continue
            subject = f"{len(pages)} page{'s' if len(pages) != 1 else ''} due for review: {owner}"[:150]
            if options["dry_run"]:
                self.stdout.write(f"Would email {', '.join(recipients)}: {subject}")
                continue
            EmailMessage(subject, reminder_body(owner, pages, today), settings.DEFAULT_FROM_EMAIL, recipients).send()
            sent += 1
            self.stdout.write(f"Reminded {len(recipients)} publisher(s) of {owner} about {len(pages)} page(s).")
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} reminder email(s)."))
