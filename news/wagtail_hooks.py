"""What the news app adds to other pages: stories on the home and department pages (core/page_context.py),
and a front-end cache purge (core/frontend_cache.py).

A story shows on the city-wide news index and its feed wherever the story lives (often in a
department's subtree); the index's department filter lists every department.
"""

from wagtail import hooks

from core import freshness, page_context
from departments.models import LISTINGS_KEEP_SECONDS, DepartmentPage
from news.models import NewsIndexPage, NewsPage


@hooks.register("frontend_cache_related")
def news_listings(page):
    if isinstance(page, NewsPage | DepartmentPage):
        return NewsIndexPage.objects.live()
    return ()


@hooks.register(page_context.HOOK)
def latest_news(page, request, context):
    """``latest_news``: a department's newest stories (kept under the content version), else the city's."""
    if "latest_news" not in page.contributed_context:
        return
    count = page.contributed_context["latest_news"]
    if isinstance(page, DepartmentPage):
        context["latest_news"] = freshness.kept(
            f"department-news:{page.pk}:{count}",
            LISTINGS_KEEP_SECONDS,
            lambda: list(NewsPage.objects.live().public().descendant_of(page).order_by("-date", "-pk")[:count]),
        )
    else:
        context["latest_news"] = (
            NewsPage.objects.live().public().select_related("image").order_by("-date", "-pk")[:count]
        )
