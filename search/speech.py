"""Plain text that reads well aloud: no markup, no web addresses, whole sentences, a length cap.

Why: a voice assistant reads ``speech`` word for word, so a tag, an entity, a URL or a
sentence cut in the middle is heard. Page content is rich text written for the eye
("8:00 a.m.", "Water & Sewer", links), and a question may carry pasted markup; everything
an answer says passes through ``plain`` and ``condense``.
"""

import html
import re
import unicodedata

from django.utils.html import strip_tags

URL_RE = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+", re.IGNORECASE)
#: Markup characters that must never be read out (or rendered by a careless client).
MARKUP_RE = re.compile(r"[<>{}\[\]`|\\*_#]")
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
#: Marks a sentence cut short (read as a pause).
ELLIPSIS = "…"


def plain(value):
    """``value`` (text or HTML) as one line of plain text without tags, entities, URLs or control characters."""
    text = str(value or "")
    for _ in range(3):  # "&lt;b&gt;" unescapes to a tag, which is stripped next time round
        stripped = strip_tags(html.unescape(text))
        if stripped == text:
            break
        text = stripped
    text = URL_RE.sub("", text)
    text = MARKUP_RE.sub(" ", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = " ".join(text.split())
    return re.sub(r"\s+([.,;:!?])", r"\1", text)


def for_ears(text):
    """Small rewrites for the ear: "&" as "and", "8:00 a.m." as "8 a.m."."""
    text = re.sub(r"\s*&\s*", " and ", text)
    text = re.sub(r"\b(\d{1,2}):00\b", r"\1", text)
    return " ".join(text.split())


def sentence(text):
    """``text`` ending in a full stop (unless it already ends a sentence)."""
    text = text.strip()
    if text and text[-1] not in ".!?":
        text += "."
    return text


def condense(text, limit):
    """Whole sentences of ``text`` up to ``limit`` characters; a first sentence too long is cut at a word."""
    text = plain(text)
    if len(text) <= limit:
        return text
    kept = ""
    for part in SENTENCE_END_RE.split(text):
        candidate = f"{kept} {part}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    cut = text[: limit - len(ELLIPSIS)].rsplit(" ", 1)[0].rstrip(",;:- ")
    return cut + ELLIPSIS


def join(parts, limit):
    """As many of ``parts`` (sentences, most important first) as fit in ``limit`` characters.

    The first part is always there, condensed if need be; a later part that does not fit
    is left out rather than cut.
    """
    parts = [sentence(plain(part)) for part in parts if plain(part)]
    if not parts:
        return ""
    said = condense(parts[0], limit)
    for part in parts[1:]:
        if len(said) + 1 + len(part) <= limit:
            said = f"{said} {part}"
    return said
