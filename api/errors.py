"""The API's error bodies: ``{"error": "...", "parameter": "..."}``, and never an HTML page.

ninja answers a failed parameter check with 422 and pydantic's error list; clients of a
read-only API expect 400 naming the parameter, so that is what they get. A missing page is a
JSON 404, and an unexpected failure a JSON 500 (logged) rather than the site's HTML error page.
"""

import logging

from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from ninja.errors import HttpError, ValidationError

logger = logging.getLogger(__name__)

#: Parts of a pydantic error location that name where a parameter came from, not the parameter.
SOURCES = {"query", "path", "body", "header", "cookie", "form", "file"}


def bad_parameter(errors):
    """(message, parameter name) for the first of pydantic's errors."""
    first = errors[0] if errors else {}
    location = [str(part) for part in first.get("loc", ())]
    if location and location[0] in SOURCES:
        location = location[1:]  # ("query", "limit"): the parameter is what follows its source
    parameter = location[0] if location else None
    message = str(first.get("msg", "invalid value"))
    return message, parameter


def install(api):
    @api.exception_handler(ValidationError)
    def validation_error(request, exc):
        message, parameter = bad_parameter(exc.errors)
        text = f"{parameter}: {message}" if parameter else message
        return api.create_response(request, {"error": text, "parameter": parameter}, status=400)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"error": str(exc) or "Not found", "parameter": None}, status=404)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return api.create_response(request, {"error": str(exc), "parameter": None}, status=exc.status_code)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("API error on %s", request.path)
        return api.create_response(request, {"error": "Server error", "parameter": None}, status=500)


def unknown_endpoint(request, rest=""):
    """Any other address under /api/v1/: a JSON 404, not the site's HTML page.

    An endpoint asked for without its trailing slash is redirected to it (this pattern would
    otherwise stop Django's ``APPEND_SLASH`` from doing so).
    """
    if not request.path.endswith("/"):
        try:
            match = resolve(f"{request.path}/")
        except Resolver404:
            match = None
        if match is not None and match.func is not unknown_endpoint:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{request.path}/" + (f"?{query}" if query else ""))
    return JsonResponse({"error": "No such endpoint; see /api/v1/docs", "parameter": None}, status=404)
