"""Reading a spoken question: what it asks for, and the words worth searching for.

Why: people talk to a voice assistant in whole sentences ("hey, what's the number for
the water department?"), and the site search would need every one of those words on a
page. Here the question's filler and the words that only say *what kind* of answer is
wanted ("number", "call", "who", "what time") are taken out and kept as an intent, so the
search sees "water" and the answer knows to give a phone number.

Nothing in this module touches the database; ``search.answers`` does the looking up.
"""

import functools
import re
from dataclasses import dataclass

from search.query import concepts
from search.text import STOP_WORDS, clean_query, tokens

#: Longest question read; a spoken question is a sentence or two.
MAX_QUESTION_LENGTH = 500
#: Concepts searched for at most: the rest of a very long "question" is not a question.
MAX_CONCEPTS = 10

#: Words of spoken questions that say nothing about the subject (on top of ``search.text.STOP_WORDS``).
#: They are dropped only when they stand alone: "pick up" and "get rid of" stay whole where a
#: synonym group names them.
SPOKEN_FILLER = frozenset(
    """hey hi hello ok okay alexa siri google jackson ask tell know want wanna need needs like would could should
    shall may might must just please thanks thank there theres heres thats its id ill youre um uh so
    any anyone anybody someone somebody something anything going gonna look looking give let lets go
    this that these those they them their then than if us we up out about into over again
    very really right now today currently still also too much many some somewhere
    happen happens happened kind sort thing things rid old new
    street road house home front neighborhood area block place""".split()
)

#: Words asking for a phone number; taken out of the search, they make the answer a number to call.
PHONE_WORDS = frozenset("number numbers phone telephone call calling dial reach contact".split())
#: "Talk to" and "speak with" ask for a number too ("speak at a meeting" does not).
PHONE_PHRASE_RE = re.compile(r"\b(?:talk|speak)\s+(?:to|with)\b")
#: Words that ask for a department; "department" itself is in few titles ("Water & Sewer").
DEPARTMENT_WORDS = frozenset("department departments dept".split())
#: Words that ask for a person.
PERSON_WORDS = frozenset("who".split())
#: Question frames whose second word is the kind of answer wanted, not its subject.
FRAME_RE = re.compile(r"\b(what|how) (time|long|much|many|often|soon)\b")
#: Words a question about time asks, and a heading that answers one has.
TIME_FRAMES = frozenset("time long soon often".split())
#: Words that turn a sentence around: "my trash was not picked up" is not "when is trash picked up".
NEGATIONS = frozenset("not no never missed didnt wasnt isnt dont doesnt cant wont werent havent hasnt".split())

#: Words that never say what a question is about.
IGNORED = STOP_WORDS | SPOKEN_FILLER

POSSESSIVE_RE = re.compile(r"(?<=\w)['’]s\b", re.IGNORECASE)


@dataclass(frozen=True)
class Question:
    """A question as asked (cleaned), its searchable words and what kind of answer it wants."""

    asked: str
    words: tuple
    wants_phone: bool = False
    wants_department: bool = False
    wants_person: bool = False
    wants_time: bool = False
    wants_reason: bool = False
    negated: bool = False

    def concepts(self, groups):
        """The question's ``Concept``s as ``search.query`` builds the search, without filler words
        standing alone, at most ``MAX_CONCEPTS``."""
        found = concepts(list(self.words), groups)
        kept = [
            Concept.of(spoken, terms, groups) for spoken, terms in found if len(spoken) > 1 or spoken[0] not in IGNORED
        ]
        return kept[:MAX_CONCEPTS]


@dataclass(frozen=True)
class Concept:
    """One thing a question is about: the words asked and every way a page may say it.

    ``search.answers`` looks for it in a page's text (stemmed, space-padded: see ``padded``).
    A phrase ("trash pickup") is found as the phrase, as its words anywhere in the text, or
    as each of its words in their own synonyms ("trash … picked up").
    """

    spoken: tuple
    terms: tuple
    patterns: tuple
    parts: tuple = ()

    @classmethod
    def of(cls, spoken, terms, groups=()):
        patterns = tuple(_term_pattern(term) for term in terms)
        parts = ()
        if len(spoken) > 1:
            parts = tuple(cls.of((token,), concepts([token], groups)[0][1]) for token in spoken)
        return cls(spoken=tuple(spoken), terms=tuple(terms), patterns=patterns, parts=parts)

    def found_in(self, padded_text):
        for term, pattern in zip(self.terms, self.patterns, strict=True):
            if pattern.search(padded_text):
                return True
            if len(term) > 1 and all(_term_pattern((token,)).search(padded_text) for token in term):
                return True
        return bool(self.parts) and all(part.found_in(padded_text) for part in self.parts)

    @property
    def stems(self):
        return {stem(token) for term in self.terms for token in term}


def read(raw):
    """The ``Question`` in ``raw`` (any string; hostile input gives a question with no words)."""
    asked, _cut = clean_query((raw or "")[: MAX_QUESTION_LENGTH * 2])
    all_tokens = tokens(POSSESSIVE_RE.sub("", asked))
    lowered = " ".join(all_tokens)
    frames = {match.group(2) for match in FRAME_RE.finditer(lowered)}
    framed = FRAME_RE.sub(r"\1", lowered).split()
    wants_phone = bool(PHONE_PHRASE_RE.search(lowered)) or any(token in PHONE_WORDS for token in all_tokens)
    ignored = STOP_WORDS | DEPARTMENT_WORDS | PERSON_WORDS | {"not", "no", "never"}
    if wants_phone:
        ignored = ignored | PHONE_WORDS | {"talk", "speak"}
    return Question(
        asked=asked,
        words=tuple(token for token in framed if token not in ignored),
        wants_phone=wants_phone,
        wants_department=any(token in DEPARTMENT_WORDS for token in all_tokens),
        wants_person=any(token in PERSON_WORDS for token in all_tokens),
        wants_time="when" in all_tokens or bool(frames & TIME_FRAMES),
        wants_reason="why" in all_tokens,
        negated=any(token in NEGATIONS for token in all_tokens),
    )


def stem(token):
    """A crude common form, so "picked" meets "pick" and "alarms" meets "alarm" (SQLite does not stem).

    Crude on purpose: it only has to make a question's word and a page's word meet, and
    both go through it.
    """
    if not token.isalpha() or len(token) < 4:
        return token
    if token.endswith(("xes", "ches", "shes", "sses", "zes")):
        return token[:-2]
    # "-ing" only off a long word: "parking" is not "park", "building" is "build".
    for ending, replacement, shortest in (("ies", "y", 3), ("ing", "", 5), ("ed", "", 3), ("s", "", 3)):
        if token.endswith(ending) and len(token) - len(ending) >= shortest and not token.endswith("ss"):
            token = token[: len(token) - len(ending)] + replacement
            break
    # "schedule" and "scheduling", "fine" and "fines" meet at "schedul" and "fin".
    return token[:-1] if token.endswith("e") and len(token) >= 5 else token


def stems(text):
    """The stemmed tokens of ``text``, in order."""
    return [stem(token) for token in tokens(text)]


def padded(text):
    """``text`` as its stems between single spaces, with a space at each end, for ``Concept.found_in``."""
    return f" {' '.join(stems(text))} "


@functools.lru_cache(maxsize=2048)
def _term_pattern(term):
    """A term's stems in a row; a stem of four letters or more may run on a little ("renew" finds "renewal")."""
    parts = [re.escape(stem(token)) + (r"\w{0,3}" if len(stem(token)) >= 4 else "") for token in term]
    return re.compile(r"(?<= )" + " ".join(parts) + r"(?= )")
