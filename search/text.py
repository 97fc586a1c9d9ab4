"""Turning what a resident typed into something every search backend can run.

Residents type phone numbers with dashes, paste e-mail addresses, ask whole
questions ("how do I pay my water bill") and sometimes paste junk: quotes,
asterisks, ``NEAR``, ``AND``, null bytes, ten kilobytes of text. SQLite FTS5
and PostgreSQL ``to_tsquery`` both have query syntaxes that such input can
break, so we never hand them raw text: we reduce the query to plain word
tokens here, once, and build the backend query from those tokens alone.

Nothing in this module touches the database, so it is cheap to test.
"""

import re
import unicodedata

from core.text import PHONE_RE, phone_digits

#: Queries longer than this are cut (and the resident told so).
MAX_QUERY_LENGTH = 200

#: Tokens we keep: an e-mail address whole (PostgreSQL indexes it as one
#: lexeme), otherwise a run of letters and digits. Underscore and all
#: punctuation, including FTS syntax characters, separate tokens.
TOKEN_RE = re.compile(r"[^\W_][\w.+-]*@[^\W_][\w-]*(?:\.[\w-]+)+|[^\W_]+")

#: Words that carry no meaning in a resident's question. SQLite FTS5 has no
#: stop-word list of its own, so without this "how do I pay my water bill"
#: would need every word on the page. Kept short on purpose.
STOP_WORDS = frozenset(
    """a an and are at be by can do does for from how i in is it me my of on or our the to what when where
    which who why will with you your was were am has have had get got please
    isnt wasnt werent dont doesnt didnt cant wont im ive""".split()
)

#: Apostrophes inside words are dropped, so "wasn't" is one token, "wasnt".
APOSTROPHE_RE = re.compile(r"(?<=\w)['’](?=\w)")


def clean_query(raw):
    """Collapse whitespace, drop control characters, cut to the maximum length.

    Returns ``(query, truncated)``. The result is what we show back in the
    search box and record in analytics.
    """
    raw = raw or ""
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw)
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    return text, truncated


def normalise_phones(text):
    """Replace phone-looking parts of a query by their digits."""
    return PHONE_RE.sub(lambda match: " " + phone_digits(match.group()) + " ", text)


def tokens(text):
    """Lower-cased search tokens of ``text``: words, digit runs, e-mail addresses."""
    text = APOSTROPHE_RE.sub("", normalise_phones(text))
    return [token.lower() for token in TOKEN_RE.findall(text)]


def meaningful_tokens(text):
    """``tokens`` without stop words, unless the query is nothing but stop words."""
    all_tokens = tokens(text)
    kept = [token for token in all_tokens if token not in STOP_WORDS]
    return kept or all_tokens


def normalise_for_analytics(text):
    """The form a query is counted under: lower case, single spaces, no e-mail addresses.

    Residents sometimes type their own e-mail address into a search box; we
    do not keep it.
    """
    text = re.sub(r"\S+@\S+", "[email]", text.lower())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]
