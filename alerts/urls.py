"""Alert feeds and the "Current alerts" page: stable addresses partners configure once.

Mounted at /alerts/ (jackson/urls.py, before Wagtail's page catch-all).
"""

from django.urls import path

from alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.index, name="index"),
    path("feed.rss", views.rss, name="rss"),
    path("feed.atom", views.atom, name="atom"),
    path("feed.json", views.json_feed, name="json"),
    path("cap.atom", views.cap_index, name="cap_index"),
    path("<int:alert_id>/cap.xml", views.cap_document, name="cap"),
]
