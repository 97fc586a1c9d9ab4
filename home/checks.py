"""Deployment checks for what Django's own ``check --deploy`` cannot know about Jackson.

Notification email (problem reports, form submissions, review reminders, residents'
confirmations) is how departments learn that a resident is waiting. The console backend,
Django's default, prints it to a log nobody reads: in production that loses it silently.
"""

from django.conf import settings
from django.core import checks

#: Backends that deliver nothing to anyone.
UNDELIVERED_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@checks.register("email", deploy=True)
def check_email_is_delivered(app_configs=None, **kwargs):
    if settings.EMAIL_BACKEND in UNDELIVERED_EMAIL_BACKENDS:
        return [
            checks.Warning(
                f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: staff notifications will not be delivered.",
                hint="Set EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS), "
                "or EMAIL_BACKEND to a delivering backend.",
                id="jackson.W001",
            )
        ]
    return []
