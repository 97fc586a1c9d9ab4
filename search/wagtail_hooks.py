"""Search in the Wagtail admin: synonyms as a snippet, and the analytics report.

Best bets are Wagtail's own "Promoted search results" (Settings menu), which
take an internal page or an external link.
"""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search import kept_pages
from search.admin_views import PERMISSION, SearchAnalyticsView
from search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "Search synonyms"
    menu_name = "search-synonyms"
    add_to_admin_menu = False
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]
    ordering = ["terms"]
    panels = [FieldPanel("terms"), FieldPanel("note")]


register_snippet(SynonymGroupViewSet)


@hooks.register("register_admin_urls")
def register_search_analytics_url():
    return [path("search-analytics/", SearchAnalyticsView.as_view(), name="search_analytics")]


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_search_analytics_menu_item():
    return AnalyticsMenuItem("Search analytics", reverse("search_analytics"), icon_name="search", order=1310)


@hooks.register("register_permissions")
def register_search_permissions():
    return Permission.objects.filter(
        content_type__app_label="search",
        codename__in=["view_querystat", "add_synonymgroup", "change_synonymgroup", "delete_synonymgroup"],
    )


@hooks.register("page_cache_serve_check")
def search_page_still_true(request, checks):
    """A kept search page is served only while every page it lists is public; each serve is counted."""
    state = checks.get(kept_pages.CHECK)
    return True if state is None else kept_pages.still_true(request, state)
