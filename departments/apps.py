from django.apps import AppConfig


class DepartmentsConfig(AppConfig):
    name = "departments"

    def ready(self):
        from departments import signals  # noqa: F401  (connects the review-date handler)
