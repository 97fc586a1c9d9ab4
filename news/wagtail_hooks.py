"""What the news app adds to a front-end cache purge (see home/frontend_cache.py).

A story shows on the city-wide news index and its feed wherever the story lives (often in a
department's subtree); the index's department filter lists every department.
"""

from wagtail import hooks

from departments.models import DepartmentPage
from news.models import NewsIndexPage, NewsPage


@hooks.register("frontend_cache_related")
def news_listings(page):
    if isinstance(page, NewsPage | DepartmentPage):
        return NewsIndexPage.objects.live()
    return ()
