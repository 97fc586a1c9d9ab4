"""The alert: a short, urgent message at the top of every page in its scope.

Why its own start and end fields rather than Wagtail's scheduled publishing: a scheduled
revision goes live only when ``publish_scheduled`` runs from cron (every few minutes), and
an emergency notice must start and stop on the second. An alert is *published* (live) when
staff approve its wording; it is *shown* while ``starts_at <= now < ends_at``. Both facts are
read on every request from a cached list (``alerts.active``), never from cron.

Revisions and publishing come from Wagtail's snippet mixins
(https://docs.wagtail.org/en/stable/topics/snippets/features.html). The scope's departments
are a ``ParentalManyToManyField`` (checkboxes in the admin) and its pages an orderable
inline (``AlertPage``, one page chooser per row) so each revision keeps both: a many-to-many
to ``Page`` would only get a plain multiple select listing every page of the site.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin

from departments.telephone import tel_href


class Severity(models.TextChoices):
    # Listed most urgent first; ``rank`` orders banners the same way.
    EMERGENCY = "emergency", "Emergency"
    WARNING = "warning", "Warning"
    INFORMATION = "information", "Information"


SEVERITY_RANK = {Severity.EMERGENCY: 0, Severity.WARNING: 1, Severity.INFORMATION: 2}


class Scope(models.TextChoices):
    SITE = "site", "The whole site"
    DEPARTMENTS = "departments", "Chosen departments' sections"
    PAGES = "pages", "Chosen pages"


phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ().\-]{2,30}$",
    "Enter a phone number using digits, spaces, brackets, dots or dashes, e.g. 601-555-0100.",
)


class Alert(DraftStateMixin, RevisionMixin, ClusterableModel):
    title = models.CharField(max_length=120, help_text="A few words, e.g. 'Boil-water notice for South Jackson'.")
    message = models.TextField(max_length=600, help_text="What is happening and what residents should do.")
    link_url = models.URLField("Link", blank=True, help_text="Optional: where to read more.")
    link_text = models.CharField(max_length=80, blank=True, help_text="Defaults to 'More information'.")
    severity = models.CharField(max_length=12, choices=Severity.choices, default=Severity.WARNING)
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.SITE)
    departments = ParentalManyToManyField(
        "departments.DepartmentPage",
        blank=True,
        related_name="+",
        help_text="With 'Chosen departments' sections': every page in these departments.",
    )
    starts_at = models.DateTimeField("Show from", default=timezone.now)
    ends_at = models.DateTimeField("Show until", null=True, blank=True, help_text="Leave empty to show until expired.")
    dismissible = models.BooleanField(
        default=True, help_text="Residents may hide it in their browser. Emergencies can never be dismissed."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        permissions = [
            # Without it, a user's alert permissions reach only their own departments' pages
            # (see alerts/permissions.py): a department never alerts the whole city.
            ("alert_anywhere", "Can raise alerts for the whole site or any department"),
        ]

    def __str__(self):
        return self.title

    @property
    def page_ids(self):
        """The chosen pages' ids (also for an unsaved revision, whose rows live in memory)."""
        return [row.page_id for row in self.scope_pages.all() if row.page_id]

    @property
    def rank(self):
        return SEVERITY_RANK.get(self.severity, len(SEVERITY_RANK))

    @property
    def can_dismiss(self):
        return self.dismissible and self.severity != Severity.EMERGENCY

    def is_showing(self, now=None):
        now = now or timezone.now()
        return self.live and self.starts_at <= now and (self.ends_at is None or now < self.ends_at)

    def clean(self):
        super().clean()
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})
        if self.severity == Severity.EMERGENCY:
            self.dismissible = False


class AlertPage(Orderable):
    """One page in a "Chosen pages" scope; a row per page gives staff Wagtail's page chooser."""

    alert = ParentalKey(Alert, on_delete=models.CASCADE, related_name="scope_pages")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    class Meta(Orderable.Meta):
        verbose_name = "page"
        verbose_name_plural = "pages"

    def __str__(self):
        return str(self.page)


class AlertHotline(Orderable):
    """A phone number shown with the alert as a tap-to-call link."""

    alert = ParentalKey(Alert, on_delete=models.CASCADE, related_name="hotlines")
    label = models.CharField(max_length=80, help_text="e.g. 'Water emergency line'.")
    phone = models.CharField(max_length=32, validators=[phone_validator])

    def __str__(self):
        return f"{self.label}: {self.phone}"

    @property
    def tel_href(self):
        """The same ``tel:`` link a number gets anywhere else on the site (RFC 3966, with +1)."""
        return tel_href(self.phone)
