"""Requests for testing the submission guard (core/protection.py) directly, without a view."""

from django.test import RequestFactory

from core.protection import HONEYPOT_FIELD, TIMESTAMP_FIELD


def post(data=None, origin="http://testserver", referer=None, addr="203.0.113.5", **extra):
    headers = {"REMOTE_ADDR": addr}
    if origin is not None:
        headers["HTTP_ORIGIN"] = origin
    if referer is not None:
        headers["HTTP_REFERER"] = referer
    headers.update(extra)
    return RequestFactory().post("/x/", data or {}, **headers)


def valid_data(guard, clock, wait=5):
    """A stamp rendered now and a human's wait before sending (moves the pinned ``clock``)."""
    data = {TIMESTAMP_FIELD: guard.fields_context()["timestamp_value"], HONEYPOT_FIELD: ""}
    clock[0] += wait
    return data
