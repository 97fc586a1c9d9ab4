"""The staff report: what residents search for, and what they search for in vain.

Zero-result queries are the to-do list: each one is a missing page, a missing
synonym or a best bet to add.
"""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from search.models import QueryStat

PERIODS = (7, 30)
PERMISSION = "search.view_querystat"


class SearchAnalyticsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/analytics.html"
    page_title = "Search analytics"
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days = self.request.GET.get("days", "7")
        days = int(days) if days.isascii() and days.isdigit() and int(days) in PERIODS else 7
        context.update(
            days=days,
            periods=PERIODS,
            top_queries=QueryStat.top(days),
            zero_result_queries=QueryStat.top(days, zero_results_only=True),
        )
        return context
