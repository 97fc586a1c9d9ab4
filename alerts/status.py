"""An alert's status in words staff use: Draft, Scheduled, Showing or Ended.

Computed from ``live`` and the alert's own start and end (see alerts/models.py for why
those, not Wagtail's scheduled publishing, decide when an alert shows). The listing's
column and its filter share these definitions so they can never disagree.
"""

from django.db.models import Q
from django.utils import timezone

DRAFT = "draft"
SCHEDULED = "scheduled"
SHOWING = "showing"
ENDED = "ended"

CHOICES = [(DRAFT, "Draft"), (SCHEDULED, "Scheduled"), (SHOWING, "Showing"), (ENDED, "Ended")]
LABELS = dict(CHOICES)


def status_of(alert, now=None):
    now = now or timezone.now()
    if not alert.live:
        # Published once and since unpublished: it was expired, not a draft.
        return ENDED if alert.first_published_at else DRAFT
    if alert.starts_at > now:
        return SCHEDULED
    if alert.ends_at is not None and alert.ends_at <= now:
        return ENDED
    return SHOWING


def label_of(alert, now=None):
    return LABELS[status_of(alert, now)]


def condition(status, now=None):
    """A ``Q`` selecting alerts with ``status`` at ``now``."""
    now = now or timezone.now()
    not_ended_yet = Q(ends_at__isnull=True) | Q(ends_at__gt=now)
    return {
        DRAFT: Q(live=False, first_published_at__isnull=True),
        SCHEDULED: Q(live=True, starts_at__gt=now),
        SHOWING: Q(live=True, starts_at__lte=now) & not_ended_yet,
        ENDED: Q(live=False, first_published_at__isnull=False) | Q(live=True, ends_at__lte=now),
    }[status]
