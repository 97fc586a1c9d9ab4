"""Ask Jackson over HTTP: ``GET /ask?q=…`` gives one answer a voice assistant can say.

The answering is ``search.answers``; this module only checks the question, shapes the
answer as a typed schema (so it is in the OpenAPI document) and keeps every failure a
clear JSON error: 400 naming ``q`` for a missing, blank, oversized or malformed question,
503 if the answer cannot be computed, never a 500.
"""

import logging
import unicodedata
from typing import Literal

from ninja import Query, Router, Schema, Status
from pydantic import Field
from wagtail.models import Site

from search.answers import Answer, answer_question
from search.questions import MAX_QUESTION_LENGTH
from search.text import tokens

logger = logging.getLogger("search")

router = Router(tags=["Ask Jackson"])


class AnswerPage(Schema):
    """The page an answer comes from."""

    id: int
    title: str
    url: str
    type: str = Field(description='The page type, e.g. "FAQ", "Service", "Contact" or "Department".')


class AnswerAction(Schema):
    """The next step: a service's primary action (``link``) or a number to call (``phone``)."""

    kind: Literal["link", "phone"]
    label: str
    url: str | None = Field(None, description="For a link: where it goes.")
    number: str | None = Field(None, description="For a phone call: the number, as the city writes it.")


class AnswerOut(Schema):
    answered: bool = Field(description="False when Ask Jackson does not know; it then offers the city's number.")
    speech: str = Field(description="Plain text to read aloud: at most 300 characters, no markup or web addresses.")
    text: str = Field(description="A slightly longer plain-text answer, for a chat window.")
    page: AnswerPage | None = None
    action: AnswerAction | None = None
    confidence: float = Field(ge=0, le=1, description="How much of the question the answer covers (0 to 1).")
    search_url: str = Field(description="The site search for the question.")


class AskError(Schema):
    detail: str
    parameter: str | None = None


def question_problem(values):
    """Why the ``q`` values cannot be asked, or "" if the one value is a question."""
    if not values or not values[0].strip():
        return "q error: ask a question, e.g. ?q=when is trash picked up"
    if len(values) > 1:
        return "q error: ask one question at a time"
    question = values[0]
    if len(question) > MAX_QUESTION_LENGTH:
        return f"q error: keep the question to {MAX_QUESTION_LENGTH} characters or fewer"
    if any(unicodedata.category(ch) in ("Cc", "Cs") and not ch.isspace() for ch in question):
        return "q error: control characters are not allowed"
    if not tokens(question):
        return "q error: the question has no words"
    return ""


def request_site(request):
    try:
        return Site.find_for_request(request)
    except Exception:  # noqa: BLE001 - an odd Host header: answer for the default site
        return None


def as_schema(answer: Answer, request):
    page = None
    if answer.page is not None:
        page = {
            "id": answer.page.pk,
            "title": answer.page.title,
            "url": answer.page.get_full_url() or "",
            "type": getattr(answer.page.specific_class, "type_label", "Page"),
        }
    action = None
    if answer.action is not None:
        action = {
            "kind": answer.action.kind,
            "label": answer.action.label,
            "url": answer.action.url or None,
            "number": answer.action.number or None,
        }
    return {
        "answered": answer.answered,
        "speech": answer.speech,
        "text": answer.text,
        "page": page,
        "action": action,
        "confidence": answer.confidence,
        "search_url": answer.search_url,
    }


@router.get(
    "/ask",
    response={200: AnswerOut, 400: AskError, 503: AskError},
    summary="Ask Jackson: one answer to a resident's question",
    description="For chatbots and voice assistants: the best answer from the city's FAQs, services, contacts and "
    "departments, with the source page, the next step and a confidence. When it does not know, `answered` is "
    "false and the answer offers the city's main number and a search link.",
)
def ask(
    request,
    q: str | None = Query(
        None,
        description=f"The question, as spoken (at most {MAX_QUESTION_LENGTH} characters).",
        example="how do I pay a parking ticket",
    ),
):
    problem = question_problem(request.GET.getlist("q"))
    if problem:
        return Status(400, {"detail": problem, "parameter": "q"})
    try:
        answer = answer_question(q, site=request_site(request))
        return Status(200, as_schema(answer, request))
    except Exception:
        logger.exception("Ask Jackson failed on a question")
        return Status(
            503, {"detail": "Ask Jackson cannot answer right now. Please try again shortly.", "parameter": None}
        )
