"""``manage.py expire_alert ID`` — end an alert now, for on-call scripts.

Unpublishes the alert (as the admin's "Expire now" does) and logs "Expired"
(``alerts.expire``), attributed to ``--user`` or to nobody. Expiring an alert that has
already ended says so and succeeds, so a script may run it twice; an unknown id fails.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from alerts.expiry import expire
from alerts.management import inputs
from alerts.models import Alert
from alerts.permissions import ALERT_POLICY


class Command(BaseCommand):
    help = "Expire (unpublish) an alert now."

    def add_arguments(self, parser):
        parser.add_argument("alert_id", help="The id publish_alert printed (also in the admin's address bar).")
        parser.add_argument("--user", default="", help="Username to record in the history (default: none).")

    def handle(self, *args, **options):
        reference = inputs.text(options["alert_id"], "ID")
        if not reference.isdigit() or len(reference) > 18:
            raise CommandError(f"ID: “{reference[:40]}” is not an alert id (a whole number).")
        user = inputs.user(options["user"])
        with transaction.atomic():
            alert = Alert.objects.select_for_update().filter(pk=int(reference)).first()
            if alert is None:
                raise CommandError(f"No alert with id {reference}.")
            if user is not None and not ALERT_POLICY.user_has_permission_for_instance(user, "publish", alert):
                raise CommandError(f"--user: “{user.username}” may not expire this alert.")
            if not alert.live:
                self.stdout.write(f"Alert {alert.pk} “{alert.title}” has already ended (not published).")
                return
            if alert.ends_at is not None and alert.ends_at <= timezone.now():
                ended = timezone.localtime(alert.ends_at)
                self.stdout.write(f"Alert {alert.pk} “{alert.title}” has already ended at {ended:%Y-%m-%d %H:%M %Z}.")
                return
            expire(alert, user=user)
        self.stdout.write(f"Expired alert {alert.pk} “{alert.title}”.")
