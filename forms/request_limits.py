"""Refuse oversized or flooding public POSTs before anything reads their body.

Why a middleware
----------------
Django reads a request body the first time something touches
``request.POST`` or ``request.FILES``, and ``CsrfViewMiddleware`` does that
for every POST to a page (a department form) before the page's ``serve()``
runs. A check in the view therefore comes after a 60 MB upload has been
received, parsed and written to a temporary file. This middleware sits before
the session and CSRF middleware and decides from the headers alone:

* a ``Content-Length`` that is not a number: 400;
* a body with no ``Content-Length`` (chunked): 411, since we cannot size it
  (Django would read nothing of it anyway);
* a ``Content-Length`` above the largest body any public form can need
  (``forms.uploads.PUBLIC_BODY_LIMIT``: a form with the most file fields): 413;
* more than ``PUBLIC_POST_RATE`` posts a minute from one client (sign-in forms included), counted in the
  shared cache like the form guards (``core.protection``): 429.

Each page then applies its own, tighter limits (``FormPage.guard()``,
``FEEDBACK_GUARD``) before it reads the body. The Wagtail and Django admins are
exempt: staff upload images and documents there, behind a sign-in, and the
page editor posts thousands of fields.
"""

from django.conf import settings
from django.shortcuts import render

from core.protection import SubmissionGuard, Verdict
from forms.uploads import PUBLIC_BODY_LIMIT

BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
#: Sign-in forms are public: the per-client budget applies to them too (guessing across accounts).
SIGN_IN_PATHS = ("/admin/login/", "/django-admin/login/")

TOO_LARGE = Verdict(
    False,
    reason="too_large",
    status=413,
    message="What you sent is too large. Files can be up to 10 MB each; please send smaller files.",
)
BAD_LENGTH = Verdict(False, reason="bad_length", status=400, message="Your browser sent a request we could not read.")
NO_LENGTH = Verdict(
    False, reason="no_length", status=411, message="Your browser sent a request without saying how large it was."
)


def public_post_guard():
    """The site-wide budget of public posts per client (only its rate check is used)."""
    return SubmissionGuard(scope="public-post", rate=int(getattr(settings, "PUBLIC_POST_RATE", 30)), per=60)


def header_verdict(request, limit=PUBLIC_BODY_LIMIT):
    """Refusal for a body we cannot or will not read, judged from the headers only (None: fine)."""
    raw = request.META.get("CONTENT_LENGTH")
    if raw in (None, ""):
        if request.META.get("HTTP_TRANSFER_ENCODING"):
            return NO_LENGTH
        return None  # no body: Django reads nothing
    if not (raw.isascii() and raw.strip().isdigit()):  # "²" passes isdigit() alone
        return BAD_LENGTH
    if int(raw) > limit:
        return TOO_LARGE
    return None


def refusal(request, verdict):
    """A page in the site's style saying why; the body is never read."""
    response = render(
        request,
        "forms/request_refused.html",
        {"message": verdict.message, "hide_feedback": True},
        status=verdict.status,
    )
    # No "Connection: close" here: it is a hop-by-hop header a WSGI app may not set (runserver
    # refuses it). gunicorn's sync workers close every connection after its response anyway.
    response["Cache-Control"] = "no-store"
    return response


class PublicRequestLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in BODY_METHODS and (
            request.path in SIGN_IN_PATHS or not request.path.startswith(ADMIN_PREFIXES)
        ):
            verdict = header_verdict(request) or public_post_guard().check_rate(request)
            if verdict is not None:
                return refusal(request, verdict)
        return self.get_response(request)
