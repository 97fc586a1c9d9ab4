"""Submission references a resident can read out on the phone, like ``PW-7K3Q-2M``.

The database id told anyone how many submissions a form had had and was easy to
mistype; a reference is a short per-form prefix (letters only, editable on the
form page, by default the department's initials) and six random characters from
an alphabet without the look-alikes 0/O, 1/I/L (and U, so no accidental words
grow from V/U), grouped 4-2 so it reads in two breaths. 30^6 is about 729 million
references per prefix, so a collision is rare and ``new_reference`` simply
draws again.
"""

import re
import secrets
import unicodedata

from django.core.exceptions import ValidationError

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX_MAX = 4
REFERENCE_MAX_LENGTH = PREFIX_MAX + 1 + 4 + 1 + 2
PREFIX_RE = re.compile(rf"[A-Z]{{1,{PREFIX_MAX}}}")
FALLBACK_PREFIX = "REF"
MAX_TRIES = 20

#: Words left out of initials: "Parks and Recreation" is PR, not PAR.
SMALL_WORDS = {"a", "an", "and", "at", "for", "in", "of", "on", "or", "the", "to", "with"}


def validate_prefix(value):
    if not PREFIX_RE.fullmatch(value or ""):
        raise ValidationError(
            f"Use 1 to {PREFIX_MAX} capital letters A–Z, like PW (no digits, spaces or symbols).",
            code="invalid_prefix",
        )


def initials(title):
    """Capital initials of a title's main words, ASCII only: "Public Works" → "PW", "Finance" → "FI"."""
    ascii_title = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[A-Za-z]+", ascii_title) if w.lower() not in SMALL_WORDS]
    if not words:
        return FALLBACK_PREFIX
    if len(words) == 1:
        return words[0][:2].upper()
    return "".join(w[0] for w in words)[:PREFIX_MAX].upper()


def random_part():
    chars = "".join(secrets.choice(ALPHABET) for _ in range(6))
    return f"{chars[:4]}-{chars[4:]}"


def new_reference(prefix, exists):
    """A reference not yet taken; ``exists(reference)`` says whether one is."""
    prefix = prefix if PREFIX_RE.fullmatch(prefix or "") else FALLBACK_PREFIX
    for _ in range(MAX_TRIES):
        reference = f"{prefix}-{random_part()}"
        if not exists(reference):
            return reference
    raise RuntimeError("Could not draw an unused submission reference")  # 20 collisions in a row: a bug


def normalise_query(text):
    """What staff type ("pw 7k3q2m", "PW-7K3Q-2M ") as the reference's letters and digits only."""
    return re.sub(r"[^0-9A-Za-z]", "", text or "").upper()[:40]
