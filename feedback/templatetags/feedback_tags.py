"""The feedback component's template tag, used once in base.html.

It works out everything the component needs from the request and the page in
the context, so base.html can include it on every page — Wagtail pages,
search results and the 404 page alike (non-page views use the request path).
Nothing it renders depends on who is asking: only on the URL.
"""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from wagtail.models import Page

from feedback.views import FEEDBACK_GUARD, TELL_US_MORE_MESSAGE, THANKS_MESSAGE

register = template.Library()

STATES = {"thanks", "no", "report"}


def _url_without_feedback(request):
    query = [(key, value) for key, value in request.GET.lists() if key != "feedback"]
    flat = [(key, value) for key, values in query for value in values]
    return request.path + (f"?{urlencode(flat)}" if flat else "")


@register.inclusion_tag("feedback/includes/feedback_component.html", takes_context=True)
def feedback_component(context):
    if context.get("hide_feedback"):  # e.g. the page that says a feedback post was refused
        return {"hidden": True}
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = None
    form = context.get("feedback_form")

    if form is not None:  # the no-JS error page: show the report form again, with what they wrote
        state = "error"
        values = form.data
        page_id = values.get("page_id", "")
        url = values.get("url", "/")
        title = values.get("title", "")
    else:
        state = request.GET.get("feedback", "") if request is not None else ""
        state = state if state in STATES else ""
        values = {}
        page_id = page.pk if page else ""
        url = _url_without_feedback(request) if request is not None else "/"
        title = page.title if page else context.get("feedback_title", "")

    separator = "&" if "?" in url else "?"
    return {
        "report_href": f"{url}{separator}feedback=report#feedback-report",
        "action": reverse("feedback:submit"),
        "guard_fields": FEEDBACK_GUARD.fields_context(),
        "page_id": page_id,
        "url": url,
        "title": title,
        "state": state,
        "report_open": state in {"no", "report", "error"},
        "values": values,
        "form": form,
        "errors": form.errors if form is not None else {},
        "thanks_message": THANKS_MESSAGE,
        "tell_us_more_message": TELL_US_MORE_MESSAGE,
    }
