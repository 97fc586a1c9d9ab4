"""Ask Jackson: one best answer to a resident's question, for chatbots and voice assistants.

Why: a voice assistant cannot show ten results. It needs one answer it can say in a breath,
the page it came from, one next step (a service's button or a number to call), and an
honest "I don't know" when the city has no answer, rather than a guess.

How, without a second index:

- the question is read in ``search.questions`` (filler out, intent kept: "what's the
  number for…" wants a phone number);
- candidates come from the site search (``search.engine.search``: the same index, synonyms
  and type weights) limited to the pages that answer questions: FAQs, services, contacts and
  departments; a best bet (``SearchPromotion``) for the question comes first;
- each candidate is scored by how much of the question it covers (each concept, with its
  synonyms, found in its title or heading fields counts 1, in its text ½): that share is the
  ``confidence``. Below ``CONFIDENCE_THRESHOLD`` the answer says so and offers the city's
  main number and a search link;
- the answer is composed for the ear (``search.speech``): at most ``SPEECH_LIMIT``
  characters, whole sentences, no markup or web addresses.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin

from django.db.models import prefetch_related_objects
from django.urls import reverse
from wagtail.models import Page, Site

from departments.models import ContactPage, DepartmentPage, FAQPage, ServicePage
from home.models import CitySettings
from search import engine, questions, speech
from search.models import synonym_groups

#: Below this share of the question covered, Ask Jackson does not guess.
CONFIDENCE_THRESHOLD = 0.63
#: Search results weighed for each question.
CANDIDATES = 10
SPEECH_LIMIT = 300
TEXT_LIMIT = 600
ANSWER_MODELS = (FAQPage, ServicePage, ContactPage, DepartmentPage)
#: Words that, with a phone intent and nothing else, ask for the city's main number.
CITY_WORDS = frozenset("city hall jackson main general town office".split())

#: What each kind of page earns when the question asks for what it gives.
PHONE_BONUS = 0.2
DEPARTMENT_BONUS = 0.15
PERSON_BONUS = 0.1
#: A question that asks for no one ("I need to book an inspection") wants the service, not the office.
CONTACT_PENALTY = 0.1
#: A time question ("when…", "how long…") favours a heading about days, hours or dates.
TIME_BONUS = 0.15
TIME_WORDS = frozenset("day days week schedule time hour hours open date due when long".split())
#: A "why" question favours an FAQ, which explains.
REASON_BONUS = 0.1
#: A heading saying "not" answers a different question than one without (and the other way round).
NEGATION_PENALTY = 0.15
NEGATION_STEMS = frozenset(questions.stem(word) for word in questions.NEGATIONS)
#: The weight of a concept no candidate mentions, against 1 for the others.
UNKNOWN_WEIGHT = 0.6
#: How much the search engine's own order counts, spread over the candidates.
RANK_BONUS = 0.05
#: How much a title about exactly what was asked counts (its share of words the question has).
FOCUS_BONUS = 0.1


@dataclass(frozen=True)
class Action:
    """The next step: ``kind`` "link" (``label``, ``url``) or "phone" (``label``, ``number``)."""

    kind: str
    label: str
    url: str = ""
    number: str = ""


@dataclass(frozen=True)
class Answer:
    answered: bool
    speech: str
    text: str
    page: Page | None = None
    action: Action | None = None
    confidence: float = 0.0
    #: The site search for the question: for "tell me more", and when there is no answer.
    search_url: str = ""


@dataclass
class Candidate:
    page: Page
    position: int
    promoted: bool = False
    coverage: float = 0.0
    rank: float = field(default=0.0)


def answer_question(question: str, *, site=None) -> Answer:
    """The best answer to ``question`` on ``site`` (the default site if None); never a guess below the threshold."""
    site = site or default_site()
    settings = city_settings(site)
    asked = questions.read(question)
    search_url = search_link(asked.asked, site)
    concepts = asked.concepts(synonym_groups())
    subject = {token for concept in concepts for token in concept.spoken}
    if asked.wants_phone and subject <= CITY_WORDS and settings.phone:
        return main_number(settings, search_url)
    if not concepts:
        return unanswered(settings, search_url)
    candidates = find_candidates(asked, concepts, site)
    if not candidates:
        return unanswered(settings, search_url)
    score(candidates, concepts, asked)
    best = max(candidates, key=lambda candidate: (candidate.rank, -candidate.position))
    confidence = round(max(best.coverage, 0.9 if best.promoted else 0.0), 2)
    if confidence < CONFIDENCE_THRESHOLD:
        return unanswered(settings, search_url, confidence)
    return compose(best.page, asked, confidence, site, search_url)


# ---------- where answers come from ----------


def default_site():
    return Site.objects.filter(is_default_site=True).select_related("root_page").first() or Site.objects.first()


def city_settings(site):
    """The site's ``CitySettings``; unsaved defaults when there is no site at all."""
    return CitySettings.for_site(site) if site is not None else CitySettings()


def find_candidates(asked, concepts, site):
    """Best bets for the question, then the site search's answering pages."""
    found = {}
    for page in promoted_pages(asked, concepts):
        found.setdefault(page.pk, Candidate(page, position=0, promoted=True))
    # A phone question weighs more results: its contact may rank below services that mention it.
    wanted = CANDIDATES * 2 if asked.wants_phone else CANDIDATES
    outcome = engine.search(search_text(concepts), page_types=list(ANSWER_MODELS), per_page=wanted, with_facets=False)
    for position, page in enumerate(outcome.results.object_list):
        if page.pk in found:
            found[page.pk].position = min(found[page.pk].position, position)
        else:
            found[page.pk] = Candidate(page, position=position)
    root = site.root_page.path if site is not None else ""
    return [candidate for candidate in found.values() if candidate.page.path.startswith(root)]


def search_text(concepts):
    """What the site search is asked: the question's subject words alone."""
    return " ".join(" ".join(concept.spoken) for concept in concepts)


def promoted_pages(asked, concepts):
    """Live, public answering pages that editors made best bets for the question (as asked, or its words)."""
    from search.views import promotions_for

    ids = []
    for query in dict.fromkeys([asked.asked, search_text(concepts)]):
        ids += [promotion["page_id"] for promotion in promotions_for(query) if promotion["page_id"]]
    if not ids:
        return []
    visible = engine.visible_content_types(ids)  # live, unexpired, in no private section
    pages = {page.pk: page for page in Page.objects.filter(pk__in=visible).specific()}
    return [pages[pk] for pk in dict.fromkeys(ids) if pk in pages and isinstance(pages[pk], ANSWER_MODELS)]


# ---------- how well a page answers ----------


def heading_and_text(page):
    """(the page's heading words, the rest of its text), the two places a concept may be found."""
    if isinstance(page, FAQPage):
        heading = [page.title, *[tag.name for tag in page.tags.all()]]
        text = [page.answer, page.search_description]
    elif isinstance(page, ServicePage):
        heading = [page.title, page.action_label]
        steps = [f"{step.value['title']} {step.value['detail'] or ''}" for step in page.steps]
        text = [page.intro, page.audience, page.cost, page.search_description, *steps]
    elif isinstance(page, ContactPage):
        heading = [page.title, page.role]
        text = [page.office_hours, page.street_address, page.search_description]
    else:
        heading = [page.title, page.director_title]
        text = [page.intro, page.office_hours, page.search_description]
    return " ".join(speech.plain(part) for part in heading), " ".join(speech.plain(part) for part in text)


def score(candidates, concepts, asked):
    """Set each candidate's ``coverage`` (0..1: how much of the question it answers) and ``rank``.

    A concept found in a page's heading counts 1, in its text ½. A concept no candidate
    mentions at all (a word the city never uses: "expensive", "Paris") weighs half as much
    as the others, so one odd word does not sink a good answer, yet a question made mostly
    of such words is not answered.
    """
    prefetch_related_objects([c.page for c in candidates if isinstance(c.page, FAQPage)], "tags")
    texts = {id(candidate): tuple(map(questions.padded, heading_and_text(candidate.page))) for candidate in candidates}
    known = [any(concept.found_in(text) for pair in texts.values() for text in pair) for concept in concepts]
    weights = [1.0 if is_known else UNKNOWN_WEIGHT for is_known in known]
    asked_stems = set().union(*(concept.stems for concept in concepts))
    for candidate in candidates:
        heading, text = texts[id(candidate)]
        covered = 0.0
        for weight, concept in zip(weights, concepts, strict=True):
            if concept.found_in(heading):
                covered += weight
            elif concept.found_in(text):
                covered += weight / 2
        candidate.coverage = covered / sum(weights)
        candidate.rank = candidate.coverage + _bonus(candidate, asked, heading, asked_stems)


def _bonus(candidate, asked, heading, asked_stems):
    """What ranks a candidate beyond its coverage: the engine's order, the title's focus, the question's intent."""
    page = candidate.page
    bonus = RANK_BONUS * (CANDIDATES - min(candidate.position, CANDIDATES)) / CANDIDATES
    title_words = [word for word in questions.stems(page.title) if word not in questions.IGNORED]
    if title_words:
        bonus += FOCUS_BONUS * sum(word in asked_stems for word in title_words) / len(title_words)
    if asked.wants_phone and isinstance(page, (ContactPage, DepartmentPage)):
        bonus += PHONE_BONUS
    if asked.wants_department and isinstance(page, DepartmentPage):
        bonus += DEPARTMENT_BONUS
    if asked.wants_person and isinstance(page, ContactPage) and page.kind == "person":
        bonus += PERSON_BONUS
    if not (asked.wants_phone or asked.wants_person) and isinstance(page, ContactPage):
        bonus -= CONTACT_PENALTY
    heading_words = set(heading.split())
    if asked.wants_time and heading_words & TIME_WORDS:
        bonus += TIME_BONUS
    if asked.wants_reason and isinstance(page, FAQPage):
        bonus += REASON_BONUS
    if asked.negated != bool(heading_words & NEGATION_STEMS):
        bonus -= NEGATION_PENALTY
    if candidate.promoted:  # an editor's best bet for the question comes first, whatever its words
        bonus += 10.0
    return bonus


# ---------- what is said ----------


def compose(page, asked, confidence, site, search_url):
    department = page if isinstance(page, DepartmentPage) else page.department
    if isinstance(page, (ContactPage, DepartmentPage)):
        said, text, action = _contact_answer(page, asked)
    elif isinstance(page, ServicePage):
        said, text, action = _service_answer(page, department, asked, site)
    else:
        said, text, action = _faq_answer(page, department, asked)
    return Answer(
        answered=True,
        speech=said,
        text=text,
        page=page,
        action=action,
        confidence=confidence,
        search_url=search_url,
    )


def _name(page):
    return speech.plain(page.title)


def _possessive(name):
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _hours(hours):
    return speech.for_ears(speech.plain(hours)).replace("; ", ", ")


def _phone_action(page):
    phone = speech.plain(getattr(page, "phone", ""))
    if not phone:
        return None
    return Action(kind="phone", label=f"Call {_name(page)}", number=phone)


def _call_sentence(department):
    if department is None or not department.phone:
        return ""
    return f"Call {speech.for_ears(_name(department))} at {speech.plain(department.phone)}"


def _contact_answer(page, asked):
    """A person's, office's or department's number and hours: "The Water and Sewer department's number is …"."""
    name = speech.for_ears(_name(page))
    phone = speech.plain(page.phone)
    role = speech.for_ears(speech.plain(getattr(page, "role", "")))
    is_person = isinstance(page, ContactPage) and page.kind == "person"
    if isinstance(page, DepartmentPage):
        if not name.lower().endswith(("department", "office")):
            name = f"{name} department"
        first = f"The {_possessive(name.removeprefix('The '))} number is {phone}"
    elif is_person and asked.wants_person and role:
        first = f"{name} is the {role}" + (f". Their number is {phone}" if phone else "")
    elif is_person:
        first = f"You can reach {name}, {role}, at {phone}" if role else f"You can reach {name} at {phone}"
    else:
        first = f"The number for the {name.removeprefix('The ')} is {phone}"
    if not phone:
        first = f"{name}: {role}" if role else name
    hours = _hours(speech.plain(page.office_hours))
    parts = [first, _hours_sentence(hours) if phone else f"Hours: {hours}" if hours else ""]
    details = [
        first,
        role if not is_person else "",
        f"Email: {page.email}" if page.email else "",
        f"Hours: {hours}" if hours else "",
        f"Address: {speech.plain(page.street_address)}" if page.street_address else "",
        getattr(page, "intro", ""),
    ]
    return speech.join(parts, SPEECH_LIMIT), speech.join(details, TEXT_LIMIT), _phone_action(page)


def _hours_sentence(hours):
    """ "They answer Monday to Friday, 8 a.m. to 5 p.m." where the hours start with a day; "Hours: …" otherwise."""
    if not hours:
        return ""
    if re.match(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Every|Daily|24 hours)", hours):
        return f"They answer {hours}"
    return f"Hours: {hours}"


def _service_answer(page, department, asked, site):
    intro = speech.for_ears(speech.plain(page.intro))
    cost = speech.plain(page.cost)
    href = page.action_href
    link = Action(kind="link", label=page.action_text, url=absolute(href, site)) if href else None
    call = _call_sentence(department)
    how = f"Use “{page.action_text}” on the city website" if link else ""
    parts = [intro, f"Cost: {cost}" if cost else "", how, call]
    action = link
    if asked.wants_phone and call:
        parts = [call, intro, how]
        action = _phone_action(department)
    said = speech.join(parts, SPEECH_LIMIT)
    steps = [speech.plain(step.value["title"]) for step in page.steps]
    text = speech.join(
        [
            f"{_name(page)}: {intro}",
            f"Who it is for: {speech.plain(page.audience)}" if page.audience else "",
            f"Cost: {cost}" if cost else "",
            ("Steps: " + "; ".join(steps)) if steps else "",
            how,
            call,
        ],
        TEXT_LIMIT,
    )
    if action is None and department is not None:
        action = _phone_action(department)
    return said, text, action


def _faq_answer(page, department, asked):
    answer = speech.for_ears(speech.plain(page.answer))
    call = _call_sentence(department)
    parts = [call, answer] if asked.wants_phone and call else [answer]
    said = speech.join(parts, SPEECH_LIMIT)
    text = speech.join([_name(page), answer, call], TEXT_LIMIT)
    return said, text, _phone_action(department) if department else None


# ---------- when there is no answer ----------


def search_link(asked, site):
    path = reverse("search:search") + (f"?{urlencode({'q': asked})}" if asked else "")
    return absolute(path, site)


def absolute(href, site):
    """``href`` as an absolute URL on ``site`` (already absolute ones are kept)."""
    if site is None:
        return href
    return urljoin(site.root_url + "/", href)


def main_number(settings, search_url):
    """The city's main number, for "what's the number for City Hall"."""
    name = speech.for_ears(speech.plain(settings.city_name))
    phone = speech.plain(settings.phone)
    parts = [f"The {_possessive(name)} main number is {phone}"]
    if settings.office_hours:
        parts.append(f"City Hall is open {_hours(settings.office_hours)}")
    said = speech.join(parts, SPEECH_LIMIT)
    text = speech.join(
        [*parts, f"Address: {speech.plain(settings.street_address)}" if settings.street_address else ""], TEXT_LIMIT
    )
    action = Action(kind="phone", label=f"Call {speech.plain(settings.city_name)}", number=phone)
    return Answer(answered=True, speech=said, text=text, action=action, confidence=0.9, search_url=search_url)


def unanswered(settings, search_url, confidence=0.0):
    """No guess: say so, and offer the city's main number and the site search."""
    name = speech.for_ears(speech.plain(settings.city_name)) or "the city"
    phone = speech.plain(settings.phone)
    if phone:
        offer = f"You can call {name} at {phone}, or search the city website"
        action = Action(kind="phone", label=f"Call {speech.plain(settings.city_name)}", number=phone)
    else:
        offer = "You can search the city website"
        action = Action(kind="link", label="Search the city website", url=search_url)
    said = speech.join(["Sorry, I don't have an answer to that", offer], SPEECH_LIMIT)
    return Answer(
        answered=False,
        speech=said,
        text=said,
        action=action,
        confidence=round(confidence, 2),
        search_url=search_url,
    )
