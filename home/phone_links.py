"""Tap-to-call: phone numbers written in page text become ``tel:`` links.

Editors type numbers into rich text, callouts and form introductions as plain text
("call 601-555-0100"); on a phone that is a number to copy by hand. Every rendered rich
text (through ``home/templates/wagtailcore/shared/richtext.html``) and the plain-text
fields the templates pass through the ``phone_links`` filter get them linked.

What counts as a phone number is deliberately narrow, because a wrong link is worse than
none: a North American number with its area code, written with separators
(601-555-0100, (601) 555-0100, 601.555.0100, 601 555 0100, +1 601 555 0100,
1-800-555-0100), optionally with an extension ("ext. 12", "x12"); and the three-digit
N11 services (311, 911, …) only where the text says to call or dial them, so "the 911
centre" or "/311/streetlights" is never a button that dials emergency services. Ten bare
digits, seven-digit local numbers, dates, ZIP codes and reference numbers
("PW-601-555-0100", "2026-555-0100") are left alone, as is anything inside a link, a
script, code, a form control or an attribute.

Plain text is escaped before anything is added; HTML (already marked safe) is parsed with
BeautifulSoup, which Wagtail itself depends on, and only its text nodes are rewritten.
"""

import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction
from django.utils.html import escape, format_html
from django.utils.safestring import SafeData, mark_safe

from departments.telephone import tel_href

#: A North American number with its area code. The look-behind keeps out the tail of a
#: longer number, word, URL, e-mail address or reference ("CV-601-555-0100"); the
#: look-ahead keeps out numbers that go on ("601-555-01002", "601-555-0100-7").
_NUMBER = r"""
    (?<![\w@/.#=&?%+\-])
    (?P<number>
        (?:\+1[\s.\-]?|1[\s.\-])?
        (?:\([2-9]\d{2}\)[\s.\-]?|[2-9]\d{2}[\s.\-])
        [2-9]\d{2}[\s.\-]\d{4}
    )
    (?:,?\s*(?:ext\.?|extension|x)\s?(?P<ext>\d{1,6}))?
    (?![\w@/\-]|[.,]\d)
"""

#: An N11 service number after "call" or "dial": only the digits become the link.
_SHORT = r"""
    \b(?:call|dial|calling|dialing)\s+(?P<short>[2-9]11)(?![\w@/\-]|[.,]\d)
"""

PHONE_RE = re.compile(_NUMBER, re.VERBOSE | re.IGNORECASE)
SHORT_RE = re.compile(_SHORT, re.VERBOSE | re.IGNORECASE)

#: Elements whose text is never linked: links already, code, and what is not prose.
SKIP_ELEMENTS = frozenset(
    ["a", "script", "style", "code", "pre", "kbd", "samp", "textarea", "select", "option", "button", "title", "svg"]
)


def find_numbers(text):
    """``[(start, end, href)]`` for each phone number in ``text``, in order, never overlapping."""
    found = []
    for match in PHONE_RE.finditer(text):
        found.append((match.start(), match.end(), tel_href(match.group("number"), match.group("ext") or "")))
    for match in SHORT_RE.finditer(text):
        start, end = match.span("short")
        if not any(start < other_end and other_start < end for other_start, other_end, _ in found):
            found.append((start, end, f"tel:{match.group('short')}"))
    return sorted(found)


def _link(text, href):
    return format_html('<a class="tel" href="{}">{}</a>', href, text)


def link_text(text):
    """Plain text, escaped, with its phone numbers linked: safe HTML."""
    text = str(text)
    pieces, position = [], 0
    for start, end, href in find_numbers(text):
        pieces.append(escape(text[position:start]))
        pieces.append(_link(text[start:end], href))
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped or format_html


def _skipped(node):
    if isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
        return True
    return any(parent.name in SKIP_ELEMENTS for parent in node.parents)


def link_html(html):
    """HTML with the phone numbers in its text nodes linked; unchanged (same object) if there are none.

    Most rich text has no number, so a quick search of the raw markup decides before parsing.
    """
    source = str(html)
    if not (PHONE_RE.search(source) or SHORT_RE.search(source)):
        return html
    with warnings.catch_warnings():
        # A short fragment such as "Call 601-555-0100." can look like a file name to bs4.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(source, "html.parser")
    changed = False
    for node in list(soup.find_all(string=True)):
        if _skipped(node):
            continue
        text = str(node)
        numbers = find_numbers(text)
        if not numbers:
            continue
        replacement, position = [], 0
        for start, end, href in numbers:
            if position < start:
                replacement.append(NavigableString(text[position:start]))
            link = soup.new_tag("a", href=href, attrs={"class": "tel"})
            link.string = text[start:end]
            replacement.append(link)
            position = end
        if position < len(text):
            replacement.append(NavigableString(text[position:]))
        node.replace_with(*replacement)
        changed = True
    if not changed:
        return html
    return mark_safe(str(soup))  # noqa: S308 - the input was safe HTML; text nodes are re-escaped by bs4


def phone_links(value, autoescape=True):
    """Link the phone numbers in ``value``: plain text is escaped first; safe HTML stays HTML.

    With autoescaping off the template has declared its strings to be HTML, as Django's own
    filters assume.
    """
    if value is None or value == "":
        return value
    if isinstance(value, SafeData) or not autoescape:
        return mark_safe(link_html(value))  # noqa: S308 - safe already, or declared HTML by the template
    return link_text(value)
