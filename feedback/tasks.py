"""Background work for resident feedback: telling the right staff about new problem reports.

Runs through django-tasks (inline in development and tests, ``db_worker`` in
production), enqueued only after the submission's transaction commits so the
worker always finds the row. The email names the page and links to the item in
the admin; it never contains the resident's email address or free text, so a
forwarded notification cannot leak what the resident wrote.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task


def feedback_admin_url(feedback):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("wagtailsnippets_feedback_feedback:edit", args=[feedback.pk])


def recipients_for(feedback):
    """The department's feedback contacts, or the city-wide list for pages outside departments."""
    if feedback.department_id:
        return feedback.department.feedback_recipients
    return list(getattr(settings, "FEEDBACK_CITY_WIDE_RECIPIENTS", []))


@task()
def notify_feedback_recipients(feedback_id):
    from feedback.models import Feedback

    feedback = Feedback.objects.select_related("department").filter(pk=feedback_id).first()
    if feedback is None or feedback.status == Feedback.Status.SPAM or feedback.kind != Feedback.Kind.REPORT:
        return 0
    recipients = recipients_for(feedback)
    if not recipients:
        return 0
    page = feedback.page_title or feedback.page_url
    subject = f"New problem reported on “{page}”"[:180].replace("\n", " ")
    body = "\n".join(
        [
            f"A resident reported a problem with a page in the {feedback.department_label} feedback queue.",
            "",
            f"Page: {feedback.page_title or '(untitled)'}",
            f"Address: {getattr(settings, 'WAGTAILADMIN_BASE_URL', '').rstrip('/')}{feedback.page_url}",
            f"Reply requested: {'yes' if feedback.email else 'no'}",
            "",
            "Read and triage it in the admin (sign-in needed):",
            feedback_admin_url(feedback),
            "",
            "The report itself, and any contact details, are only shown in the admin.",
        ]
    )
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
