"""Forget what residents wrote in closed feedback after a retention period.

Resolved, spam and duplicate items older than ``--older-than DAYS`` lose their
free text and email address; the rows stay, so counts, helpful ratios and the
triage history still add up. Run it from cron (e.g. nightly) with the period
in the city's retention schedule. Open items are never touched.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from feedback.models import Feedback


class Command(BaseCommand):
    help = "Remove emails and free text from closed feedback older than DAYS, keeping the counts."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, required=True, metavar="DAYS")
        parser.add_argument("--dry-run", action="store_true", help="Only say how many items would be purged.")

    def handle(self, *args, older_than, dry_run=False, **options):
        if older_than < 0:
            raise CommandError("--older-than must be zero or more days.")
        cutoff = timezone.now() - timezone.timedelta(days=older_than)
        items = Feedback.objects.filter(
            status__in=Feedback.CLOSED_STATUSES, created_at__lt=cutoff, personal_data_purged_at__isnull=True
        ).filter(~Q(trying_to_do="") | ~Q(what_went_wrong="") | ~Q(email=""))
        count = items.count()
        if not dry_run:
            count = items.update(trying_to_do="", what_went_wrong="", email="", personal_data_purged_at=timezone.now())
        verb = "Would purge" if dry_run else "Purged"
        self.stdout.write(f"{verb} personal data from {count} feedback item{'s' if count != 1 else ''}.")
