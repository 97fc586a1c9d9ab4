"""The feedback app's configuration; what the app owns is in ``feedback/__init__.py``."""

from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = "Feedback"
