"""The public feedback endpoint: one POST from the component on every page.

The endpoint is ``csrf_exempt`` on purpose. A CSRF token would put a
per-visitor cookie and field into every page and make pages uncacheable;
instead ``FEEDBACK_GUARD`` (core/protection.py) checks same origin, a
honeypot, the fill time, the client's rate and the request size.

Two ways in, one behaviour:

* Without JavaScript the browser posts the form and gets a 303 back to the
  page it came from with ``?feedback=thanks#feedback`` (or ``?feedback=no``
  after a "No", which opens the "tell us more" form). The thank-you lives in
  the URL, not in a session or cookie, so the page stays cacheable. Invalid
  input gets a 400 page that shows the form again with the resident's text.
* With JavaScript (``Accept: application/json``) the same endpoint answers
  JSON and the page updates in place.

The item is saved (and routed) before the response is sent; emailing the
department happens in a background task after the transaction commits.

Votes are counted, reports are triaged. A "No" is stored as a counted vote;
a report that follows it from the same client on the same page (within
``VOTE_JOIN_SECONDS``) turns that vote into the report instead of adding a
second row, so the queue holds one item and the page still counts one "No".
The client is recognised by the same HMAC of its address the rate limiter
uses, kept only in the cache.
"""

import logging
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django import forms
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.protection import SubmissionGuard, hashed_client
from feedback.models import Feedback, clean_text, mask_personal_numbers, page_routing, strip_personal_query

logger = logging.getLogger(__name__)

#: Ten submissions a minute per client is far above what a person sends and
#: well below what a script needs to flood a department's queue.
FEEDBACK_GUARD = SubmissionGuard(scope="feedback", rate=10, per=60, min_seconds=2, max_body_bytes=64 * 1024)

#: How long after a "No" a report from the same client on the same page joins that vote.
#: "No" opens the report form at once, so a report that follows it comes within minutes.
VOTE_JOIN_SECONDS = 30 * 60

THANKS_MESSAGE = "Thank you for your feedback."
TELL_US_MORE_MESSAGE = "Thank you. Tell us what was wrong with this page so we can fix it (optional)."


def _too_long(limit):
    return f"Keep this to {limit:,} characters or fewer."


class FeedbackForm(forms.Form):
    """Both public forms: the Yes/No vote and the problem report."""

    helpful = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")], required=False)
    report = forms.CharField(required=False, max_length=10)
    trying_to_do = forms.CharField(
        label="What were you trying to do?",
        required=False,
        max_length=Feedback.TRYING_MAX,
        error_messages={"max_length": _too_long(Feedback.TRYING_MAX)},
    )
    what_went_wrong = forms.CharField(
        label="What went wrong?",
        required=False,
        max_length=Feedback.WRONG_MAX,
        error_messages={"max_length": _too_long(Feedback.WRONG_MAX)},
    )
    email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        max_length=254,
        error_messages={"invalid": "Enter an email address like name@example.com, or leave it empty."},
    )
    page_id = forms.CharField(required=False, max_length=20)
    url = forms.CharField(required=False, max_length=2000)
    title = forms.CharField(required=False, max_length=255)

    def clean_trying_to_do(self):
        return clean_text(self.cleaned_data["trying_to_do"])

    def clean_what_went_wrong(self):
        return clean_text(self.cleaned_data["what_went_wrong"])

    @property
    def is_report(self):
        return bool(self.data.get("report"))

    def clean(self):
        data = super().clean()
        has_text = bool(data.get("trying_to_do") or data.get("what_went_wrong"))
        if self.is_report and not has_text and "what_went_wrong" not in self.errors:
            self.add_error("what_went_wrong", "Tell us what went wrong with this page.")
        elif not self.is_report and not data.get("helpful") and not has_text and not self.errors:
            raise forms.ValidationError("Choose Yes or No, or tell us what went wrong.")
        return data


class SharedFields(dict):
    """A form's field definitions that its instances share instead of deep-copying.

    Django deep-copies every field and widget into each form instance so that one
    instance may alter its own fields. ``FeedbackForm`` never does (nor do its
    templates), and the copy was about a tenth of the CPU a submission costs on the
    endpoint every page posts to.
    """

    def __deepcopy__(self, memo):
        return self


FeedbackForm.base_fields = SharedFields(FeedbackForm.base_fields)


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _page_id(raw_id):
    raw_id = (raw_id or "").strip()
    if not (raw_id.isascii() and raw_id.isdigit()) or len(raw_id) > 18:  # "²" is a digit to isdigit()
        return None
    return int(raw_id)


def _return_url(request, raw_url, state):
    """Where to send a no-JS visitor back to: the page they were on, with the feedback state."""
    raw_url = clean_text(raw_url)[:2000]
    if not raw_url.startswith("/") or not url_has_allowed_host_and_scheme(
        raw_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        raw_url = "/"
    parts = urlsplit(raw_url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "feedback"]
    query.append(("feedback", state))
    fragment = "feedback-report" if state == "no" else "feedback"
    return urlunsplit(("", "", parts.path, urlencode(query), fragment))


def _vote_key(request, page_id, url):
    """Cache key for this client's latest "No" on this page: an HMAC of the address, never the address."""
    where = f"id:{page_id}" if page_id else f"url:{url}"
    return f"feedback:no-vote:{hashed_client(request, 'feedback-vote')}:{where}"


def _remember_no_vote(request, feedback):
    try:
        cache.set(_vote_key(request, feedback.page_id, feedback.page_url), feedback.pk, VOTE_JOIN_SECONDS)
    except Exception:  # noqa: BLE001 - a cache outage costs only the join, never the vote
        logger.warning("Feedback: cache unavailable, a later report will not join this vote", exc_info=True)


def _join_no_vote(request, report):
    """Turn this client's recent "No" on the same page into ``report``; returns the joined item or None.

    "No" then "Tell us more" is one resident saying one thing: one item in the queue, still
    counted once as a "No". The vote row is updated in place (it keeps its id and its answer)
    rather than a second row being added; only a row that is still an unjoined "No" is taken.
    """
    try:
        key = _vote_key(request, report.page_id, report.page_url)
        vote_id = cache.get(key)
    except Exception:  # noqa: BLE001
        return None
    if not vote_id:
        return None
    changes = {
        "kind": Feedback.Kind.REPORT,
        "status": Feedback.Status.NEW,
        "trying_to_do": report.trying_to_do,
        "what_went_wrong": report.what_went_wrong,
        "email": report.email,
        "updated_at": timezone.now(),
    }
    joined = Feedback.objects.filter(
        pk=vote_id, kind=Feedback.Kind.VOTE, helpful=False, status=Feedback.Status.COUNTED
    ).update(**changes)
    try:
        cache.delete(key)
    except Exception:  # noqa: BLE001 - the join above only takes an unjoined "No", so a stale key is harmless
        logger.warning("Feedback: cache unavailable, joined vote's key left to expire", exc_info=True)
    if not joined:
        return None
    report.pk, report.helpful = vote_id, False
    report._state.adding = False
    _notify(report)
    return report


def save_feedback(form, verdict, request=None):
    """Store one submission; returns the new (or joined) Feedback. Routing happens here, at arrival."""
    data = form.cleaned_data
    page_id = _page_id(data.get("page_id"))
    helpful = {"yes": True, "no": False}.get(data.get("helpful"))
    is_report = form.is_report or bool(data.get("trying_to_do") or data.get("what_went_wrong"))

    def build(page):
        feedback = Feedback(
            kind=Feedback.Kind.REPORT if is_report else Feedback.Kind.VOTE,
            helpful=helpful,
            trying_to_do=mask_personal_numbers(data.get("trying_to_do", "")),
            what_went_wrong=mask_personal_numbers(data.get("what_went_wrong", "")),
            email=data.get("email", "") if is_report else "",
            page_id=page["id"] if page else None,
            page_revision_id=page["revision"] if page else None,
            page_url=strip_personal_query(data.get("url") or (page["url"] if page else "") or "/")[:500],
            page_title=(page["title"] if page else clean_text(data.get("title", "")))[:255],
            department_id=page["department"] if page else None,
        )
        if verdict.spam:
            feedback.status = Feedback.Status.SPAM
            feedback.spam_reason = verdict.reason
        elif not is_report:
            feedback.status = Feedback.Status.COUNTED  # votes are counted, not triaged
        return feedback

    page = page_routing(page_id) if page_id else None
    feedback = build(page)
    if request is not None and not verdict.spam:
        if is_report and helpful is None:
            joined = _join_no_vote(request, feedback)
            if joined is not None:
                return joined
    try:
        feedback = _store(feedback)
    except IntegrityError:
        # The page (or its department) was deleted after its routing was cached: look again.
        feedback = _store(build(page_routing(page_id, refresh=True) if page_id else None))
    if request is not None and feedback.kind == Feedback.Kind.VOTE and feedback.status == Feedback.Status.COUNTED:
        if feedback.helpful is False:
            _remember_no_vote(request, feedback)
    return feedback


def _store(feedback):
    """One INSERT (``Feedback.insert``), committed at once (autocommit), so no BEGIN/COMMIT round trips.

    The department's email is queued only after the row is committed: ``on_commit`` runs at
    once outside a transaction, and after the outer commit when a caller wraps this in one.
    """
    feedback.insert()
    _notify(feedback)
    return feedback


def _notify(feedback):
    if feedback.kind == Feedback.Kind.REPORT and feedback.status != Feedback.Status.SPAM:
        from feedback.tasks import notify_feedback_recipients

        pk = feedback.pk
        transaction.on_commit(lambda: notify_feedback_recipients.enqueue(pk))


def _without_nul(data):
    """NUL bytes are junk from a form and PostgreSQL refuses them: drop them rather than fail."""
    if not any("\x00" in value for _key, values in data.lists() for value in values):
        return data  # the usual case: no copy of the whole form
    data = data.copy()
    for key in list(data.keys()):
        data.setlist(key, [value.replace("\x00", "") for value in data.getlist(key)])
    return data


def _refuse(request, verdict):
    if _wants_json(request):
        return JsonResponse({"ok": False, "message": verdict.message, "errors": {}}, status=verdict.status)
    return render(
        request,
        "feedback/public/refused.html",
        {"message": verdict.message, "hide_feedback": True},
        status=verdict.status,
    )


@csrf_exempt
@never_cache
@require_POST
def submit_feedback(request):
    verdict = FEEDBACK_GUARD.check(request)
    if not verdict.ok:
        return _refuse(request, verdict)

    form = FeedbackForm(_without_nul(request.POST))
    if not form.is_valid():
        if _wants_json(request):
            errors = {field: [str(message) for message in messages] for field, messages in form.errors.items()}
            message = "There is a problem with what you sent."
            return JsonResponse({"ok": False, "message": message, "errors": errors}, status=400)
        back = _return_url(request, request.POST.get("url", "/"), "report").split("?")[0]
        return render(
            request,
            "feedback/public/error.html",
            {"feedback_form": form, "back_url": back, "feedback_title": "Feedback not sent"},
            status=400,
        )

    feedback = save_feedback(form, verdict, request)
    state = "no" if feedback.kind == Feedback.Kind.VOTE and feedback.helpful is False else "thanks"
    if _wants_json(request):
        message = TELL_US_MORE_MESSAGE if state == "no" else THANKS_MESSAGE
        return JsonResponse({"ok": True, "state": state, "message": message})
    response = HttpResponse(status=303)
    response["Location"] = _return_url(request, form.cleaned_data.get("url") or "/", state)
    return response
