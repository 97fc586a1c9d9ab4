"""One way to turn a written phone number into a ``tel:`` URL, for every app that shows one.

Department and contact numbers, numbers found in page text (``home.phone_links``) and an
alert's hotlines must link the same way: hotlines once kept only the digits as written
(``tel:6015550100``, no country code), so the same number was two different links depending on
where it appeared. This sits in the lowest app that has phone numbers, so alerts and home can
both use it without importing upwards.
"""

import re

_DIGITS = re.compile(r"[^\d+]")


def tel_href(number, extension=""):
    """``tel:`` URL for a written number: "(601) 555-0100" -> "tel:+16015550100" (RFC 3966).

    An extension written after the number ("601-555-0100 ext. 12") becomes ``;ext=12``
    rather than being run into the digits.
    """
    number = str(number or "")
    if not extension:
        match = re.search(r"(?:ext\.?|extension|x|#)\s*(\d{1,6})\s*$", number, re.IGNORECASE)
        if match:
            extension, number = match.group(1), number[: match.start()]
    digits = _DIGITS.sub("", number)
    digits = digits[:1] + digits[1:].replace("+", "")
    if not digits or digits == "+":
        return ""
    if digits.startswith("+"):
        href = f"tel:{digits}"
    elif len(digits) == 10:
        href = f"tel:+1{digits}"
    elif len(digits) == 11 and digits.startswith("1"):
        href = f"tel:+{digits}"
    else:
        href = f"tel:{digits}"
    return f"{href};ext={extension}" if extension else href
