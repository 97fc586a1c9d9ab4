"""Background task: tell a department that a resident submitted one of its forms.

Runs through django-tasks after the submission and its files are stored, so
a mail outage never loses a submission. Like the feedback notification, the
email carries no answers and no attachments: only which form, when, the
reference number and a link to the submission in the admin (sign-in
needed). Personal information stays in the admin, behind permissions,
instead of spreading through mailboxes and forwards.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks import task


def submission_admin_url(submission):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("form_submission_detail", args=[submission.pk])


def single_line(text, limit=150):
    return " ".join(str(text).split())[:limit]


@task()
def notify_form_submission(submission_id):
    """Email the form's recipients; returns how many messages were sent (0 when nobody is set)."""
    from forms.models import FormPageSubmission

    submission = FormPageSubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:
        return 0
    page = submission.page.specific
    recipients = page.notification_recipients()
    if not recipients:
        return 0
    department = page.department
    upload_count = submission.uploads.count()
    when = date_format(timezone.localtime(submission.submit_time), "DATETIME_FORMAT")
    subject = single_line(page.subject or f"New submission: {page.title}")
    lines = [
        f"A resident submitted the form “{single_line(page.title)}”"
        + (f" ({single_line(department.title)})." if department else "."),
        "",
        f"Reference number: {submission.pk}",
        f"Received: {when}",
    ]
    if upload_count:
        lines.append(f"Files uploaded: {upload_count} (not attached; download them in the admin)")
    lines += [
        "",
        "Read the submission in the admin (sign-in needed):",
        submission_admin_url(submission),
        "",
        "The resident's answers are only shown in the admin, to staff who can see this form's submissions.",
    ]
    message = EmailMessage(
        subject=subject,
        body="\n".join(lines),
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    return message.send()
