"""Phone numbers as search-index text, for any page that has one (departments, contacts).

Kept below every app so that page models can say how they are found without importing the
search app; ``search.text`` reduces queries to the same digits with ``PHONE_RE`` and
``phone_digits``. Nothing here touches the database.
"""

import re

#: Something that looks like a North American phone number, with or without
#: the area code or the country code, in any of the usual punctuations.
PHONE_RE = re.compile(
    r"(?<![\w-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)?\d{3}[\s.-]?\d{4}(?![\w-])",
)


def phone_digits(value):
    """The digits of a phone number, without a leading country code 1."""
    digits = re.sub(r"\D", "", value or "")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits


def phone_variants(*values):
    """Index text that lets a phone number be found however it is typed.

    "601-555-0142" is indexed as ``6015550142 5550142``: the full number and
    the local number, digits only. Queries that look like phone numbers are
    reduced to digits the same way (``normalise_phones``), so "601-555-0142",
    "(601) 555-0142", "6015550142" and "555-0142" all meet it.
    """
    variants = []
    for value in values:
        for match in PHONE_RE.finditer(value or ""):
            digits = phone_digits(match.group())
            if len(digits) == 10:
                variants += [digits, digits[3:]]
            elif len(digits) == 7:
                variants.append(digits)
    return " ".join(dict.fromkeys(variants))


def phone_search_text(phone):
    """What a page with this phone number adds to the index.

    The digit variants, plus the words residents add when they look for a
    number ("utility billing phone number").
    """
    variants = phone_variants(phone)
    return f"phone number call {variants}" if variants else ""
