"""Expiring an alert: unpublish it now and log "Expired" (``alerts.expire``).

Shared by the admin's "Expire now" and ``manage.py expire_alert`` so both leave the same
history entry; the log action itself is registered in alerts/wagtail_hooks.py.
"""

from wagtail.actions.unpublish import UnpublishAction

EXPIRE_ACTION = "alerts.expire"


def expire(alert, user=None):
    """Unpublish ``alert`` (it stops showing at once) and record who expired it."""
    UnpublishAction(alert, user=user, log_action=EXPIRE_ACTION).execute(skip_permission_checks=True)
