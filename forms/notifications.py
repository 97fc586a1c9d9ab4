"""Background tasks: tell a department that a resident submitted one of its forms, and the resident.

Runs through django-tasks after the submission and its files are stored, so
a mail outage never loses a submission. Like the feedback notification, the
email carries no answers and no attachments: only which form, when, the
reference number and a link to the submission in the admin (sign-in
needed). Personal information stays in the admin, behind permissions,
instead of spreading through mailboxes and forwards.

The resident's confirmation goes to the address they typed, which nobody has
verified: it carries the reference, what happens next (the form page's own
text) and how to reach the department, never their answers or files, so a
mistyped address leaks nothing, and the form cannot be used to send anyone
text of the sender's choosing.
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
    # The reference goes last and is never cut off: staff find, sort and reply to these by it, and a
    # resident who calls quotes it. The editor's own subject (or the default) is shortened instead.
    subject = f"{single_line(page.subject or f'New submission: {page.title}', limit=120)} ({submission.reference})"
    lines = [
        f"A resident submitted the form “{single_line(page.title)}”"
        + (f" ({single_line(department.title)})." if department else "."),
        "",
        f"Reference number: {submission.reference}",
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


@task()
def send_resident_confirmation(submission_id):
    """Email the resident their reference; returns 1 if sent, 0 when there is no usable address."""
    from django.core.validators import validate_email

    from forms.models import FormPageSubmission

    submission = FormPageSubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:
        return 0
    page = submission.page.specific
    field_name = page.resident_email_field_name()
    address = str(submission.form_data.get(field_name) or "").strip() if field_name else ""
    try:
        validate_email(address)
    except Exception:  # noqa: BLE001 - nothing to send to
        return 0
    department = page.department
    when = date_format(timezone.localtime(submission.submit_time), "DATETIME_FORMAT")
    lines = [
        f"We have received your submission to “{single_line(page.title)}”.",
        "",
        f"Your reference number: {submission.reference}",
        f"Received: {when}",
        "",
        "What happens next",
        page.next_steps_text(),
    ]
    if department:
        lines += ["", f"Questions? Contact {single_line(department.title)}:"]
        phone = getattr(department, "phone", "")
        if phone:
            lines.append(f"Phone: {single_line(phone)}")
        email = getattr(department, "email", "")
        if email:
            lines.append(f"Email: {single_line(email)}")
        try:
            url = department.full_url
        except Exception:  # noqa: BLE001 - a page without a site has no public address
            url = ""
        if url:
            lines.append(url)
    lines += [
        "",
        "You are receiving this because this email address was given on the form. "
        "If it was not you, you can ignore this message.",
    ]
    message = EmailMessage(
        subject=single_line(f"We received your submission: {page.title} ({submission.reference})"),
        body="\n".join(lines),
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=[address],
    )
    return message.send()
