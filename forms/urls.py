"""Public endpoints of the forms app: the feedback component posts here."""

from django.urls import path

from forms.feedback_views import submit_feedback

app_name = "feedback"

urlpatterns = [
    path("", submit_feedback, name="submit"),
]
