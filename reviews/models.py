"""The review date of every page (``PageReview``).

Moved here from departments (issue #13): reviews cover every page, whatever its type or place
in the tree. The table and its rows came along (migrations/0001_initial.py renames
``departments_pagereview`` to ``reviews_pagereview``).
"""

from django.conf import settings
from django.db import models


class PageReview(models.Model):
    """When a page's content should next be checked by its owners.

    A separate table (rather than a field on every page type) so every page,
    whatever its type, gets one without a migration per app. A row is created
    the first time a page is published, 12 months out; editors can move the
    date or mark the page reviewed from the admin.
    """

    REVIEW_INTERVAL_DAYS = 365

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="review")
    next_review = models.DateField("Next review", db_index=True)
    last_reviewed_at = models.DateTimeField(null=True, blank=True)
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "page review"
        verbose_name_plural = "page reviews"
        ordering = ["next_review"]

    def __str__(self):
        return f"{self.page.title}: review by {self.next_review:%Y-%m-%d}"

    @classmethod
    def default_date(cls, start=None):
        import datetime

        from django.utils import timezone

        start = start or timezone.localdate()
        return start + datetime.timedelta(days=cls.REVIEW_INTERVAL_DAYS)

    def mark_reviewed(self, user=None):
        from django.utils import timezone

        self.last_reviewed_at = timezone.now()
        self.last_reviewed_by = user if user is not None and user.is_authenticated else None
        self.next_review = self.default_date()
        self.save()
