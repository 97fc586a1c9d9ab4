"""The types of the API's query and path parameters, strict so bad input is a 400, never a 500.

Each rule here stops something the database or the search backend would otherwise fail on:
PostgreSQL refuses NUL in a query, SQLite refuses integers beyond 64 bits, and a date of
year 99999 cannot be built. Pydantic checks the types; ``api.errors`` turns a failed check
into ``400 {"error": …, "parameter": …}``.
"""

from typing import Annotated

from pydantic import Field, StringConstraints

#: Most items one list answers with (``limit``).
MAX_LIMIT = 100
#: The furthest into a list a client may start (``offset``); deeper is a crawl, not a page.
MAX_OFFSET = 100_000
#: The largest page or image id the database is asked about.
MAX_ID = 2**31 - 1
#: Longest search or directory query accepted (the site's search box keeps 200 characters).
MAX_QUERY_CHARACTERS = 200
#: Longest site path ``/pages/find/?path=`` accepts.
MAX_PATH_CHARACTERS = 1000

#: No control characters (NUL above all): no site content or address contains them. The rules are
#: patterns, not code, so the OpenAPI schema states them and clients can check before asking.
PRINTABLE = "[^\\x00-\\x1f\\x7f-\\x9f]"


Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}.")]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET, description="How many items to skip.")]
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
#: A page slug (a department's or a topic's): letters, digits, hyphens and underscores.
Slug = Annotated[str, StringConstraints(min_length=1, max_length=255, pattern=r"^[-\w]+$")]
#: Text to search for: at least one letter or digit (punctuation alone finds nothing).
QueryText = Annotated[str, StringConstraints(max_length=MAX_QUERY_CHARACTERS, pattern=rf"^{PRINTABLE}*\w{PRINTABLE}*$")]
#: A path on the site, from its first slash.
SitePath = Annotated[str, StringConstraints(max_length=MAX_PATH_CHARACTERS, pattern=rf"^/{PRINTABLE}*$")]
