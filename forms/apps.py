from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "forms"

    def ready(self):
        # The department-form inbox registers its admin URLs (detail, private download) here
        # rather than in wagtail_hooks.py, which holds the feedback queue's hooks.
        from forms import submission_admin  # noqa: F401
