"""The API's addresses, included by jackson/urls.py at ``/api/``."""

from django.urls import path, re_path
from ninja.openapi.views import openapi_json

from api.errors import unknown_endpoint
from api.main import api

urlpatterns = [
    path("v1/", api.urls),
    # A stable alias for the current version's schema.
    path("openapi.json", openapi_json, {"api": api}, name="api-openapi"),
    re_path(r"^v1/(?P<rest>.*)$", unknown_endpoint),
]
