"""Reading a search results page as a resident sees it."""

import html
import re

RESULT_TITLE = re.compile(r'<h2 class="listing__title"><a href="[^"]*">(.*?)</a></h2>')


def titles(response):
    """Result titles from the HTML (a kept page has no template context to read)."""
    content = response.content.decode()
    if 'class="listing search-results"' not in content:
        return []
    results = content.split('class="listing search-results"', 1)[1].split("</ol>", 1)[0]
    return [html.unescape(title) for title in RESULT_TITLE.findall(results)]
