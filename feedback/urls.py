"""Public endpoints of the feedback app: the component on every page posts here."""

from django.urls import path

from feedback.views import submit_feedback

app_name = "feedback"

urlpatterns = [
    path("", submit_feedback, name="submit"),
]
