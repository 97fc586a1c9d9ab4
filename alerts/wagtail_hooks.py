"""The staff side of alerts: the "Alerts" menu item, its listing, form, permissions and history.

Alerts are a Wagtail snippet with revisions and publishing (``SnippetViewSet``,
https://docs.wagtail.org/en/stable/topics/snippets/customizing.html). Publishing is
"approve this wording"; the alert's own start and end decide when it shows, so the
listing names a status from both (alerts/status.py). Unpublishing an alert is called
"Expire" here and logged as ``alerts.expire`` ("Expired"), the word residents' notices use.

Who reaches which alert is the permission policy in alerts/permissions.py; every view that
opens one alert goes through :class:`ScopedAlertMixin`, so a department publisher gets a
404 for another department's alert on every URL, not only where Wagtail checks instances.
"""

from django.http import Http404
from django_filters import ChoiceFilter
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.action_menu import UnpublishMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views

from alerts import active, banner, status
from alerts.expiry import EXPIRE_ACTION, expire
from alerts.forms import AlertForm
from alerts.models import Alert, Severity
from alerts.permissions import ALERT_POLICY


@hooks.register("register_log_actions")
def register_alert_log_actions(actions):
    actions.register_action(EXPIRE_ACTION, "Expire", "Expired: the alert stopped showing")


# --------------------------------------------------------------------------------------------
# Views that open one alert


class ScopedAlertMixin:
    """Refuse (404) an alert outside the user's reach, on every per-alert URL."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset) if queryset is not None else super().get_object()
        if (
            not ALERT_POLICY.instances_user_has_any_permission_for(
                self.request.user, ["add", "change", "publish", "delete", "view"]
            )
            .filter(pk=obj.pk)
            .exists()
        ):
            raise Http404("No such alert.")
        return obj


class AlertEditView(ScopedAlertMixin, snippet_views.EditView):
    pass


class AlertCopyView(ScopedAlertMixin, snippet_views.CopyView):
    pass


class AlertDeleteView(ScopedAlertMixin, snippet_views.DeleteView):
    pass


class AlertUsageView(ScopedAlertMixin, snippet_views.UsageView):
    pass


class AlertHistoryView(ScopedAlertMixin, snippet_views.HistoryView):
    pass


class AlertInspectView(ScopedAlertMixin, snippet_views.InspectView):
    pass


class AlertPreviewRevisionView(ScopedAlertMixin, snippet_views.PreviewRevisionView):
    pass


class AlertRevisionsCompareView(ScopedAlertMixin, snippet_views.RevisionsCompareView):
    pass


class AlertRevisionsUnscheduleView(ScopedAlertMixin, snippet_views.RevisionsUnscheduleView):
    pass


class AlertExpireView(ScopedAlertMixin, snippet_views.UnpublishView):
    """Wagtail's unpublish view, logged as an expiry."""

    page_title = "Expire"
    success_message = "Alert “%(object)s” expired: it no longer shows."

    def unpublish(self):
        response = self.run_hook("before_unpublish", self.request, self.object)
        if response is not None:
            return response
        expire(self.object, user=self.request.user)
        return self.run_hook("after_unpublish", self.request, self.object)


# --------------------------------------------------------------------------------------------
# The listing


class AlertFilterSet(WagtailFilterSet):
    severity = ChoiceFilter(choices=Severity.choices, label="Severity")
    status = ChoiceFilter(choices=status.CHOICES, label="Status", method="filter_status")

    class Meta:
        model = Alert
        fields = []

    def filter_status(self, queryset, name, value):
        return queryset.filter(status.condition(value)) if value else queryset


class StatusColumn(Column):
    def get_value(self, instance):
        return status.label_of(instance)


PANELS = [
    MultiFieldPanel(
        [
            FieldPanel("title"),
            FieldPanel("message"),
            FieldRowPanel([FieldPanel("link_url"), FieldPanel("link_text")]),
            FieldPanel("severity"),
            FieldPanel(
                "dismissible",
                help_text="Residents may hide it in their browser. Emergencies are never dismissible.",
            ),
        ],
        heading="What",
    ),
    MultiFieldPanel(
        [
            FieldPanel("scope"),
            FieldPanel(
                "departments", help_text="With “Chosen departments' sections”: every page in these departments."
            ),
            MultipleChooserPanel(
                "scope_pages",
                chooser_field_name="page",
                heading="Pages",
                label="Page",
                help_text="With “Chosen pages”: these pages only.",
            ),
        ],
        heading="Where",
    ),
    MultiFieldPanel(
        [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])],
        heading="When",
        help_text="Publishing approves the wording; the alert shows from its start until its end or until expired.",
    ),
    InlinePanel("hotlines", heading="Hotlines", label="Hotline", max_num=5),
]


class AlertViewSet(snippet_views.SnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = "Alerts"
    menu_name = "alerts"
    menu_order = 150
    add_to_admin_menu = True
    permission_policy = ALERT_POLICY
    list_display = [
        "title",
        Column("severity", label="Severity", accessor="get_severity_display"),
        Column("scope", label="Where", accessor="get_scope_display"),
        StatusColumn("status", label="Status"),
        DateColumn("starts_at", label="Starts"),
        DateColumn("ends_at", label="Ends"),
    ]
    filterset_class = AlertFilterSet
    search_fields = ["title"]
    search_backend_name = None
    list_per_page = 50
    edit_handler = ObjectList(PANELS, base_form_class=AlertForm)

    edit_view_class = AlertEditView
    copy_view_class = AlertCopyView
    delete_view_class = AlertDeleteView
    usage_view_class = AlertUsageView
    history_view_class = AlertHistoryView
    inspect_view_class = AlertInspectView
    revisions_view_class = AlertPreviewRevisionView
    revisions_compare_view_class = AlertRevisionsCompareView
    revisions_unschedule_view_class = AlertRevisionsUnscheduleView
    unpublish_view_class = AlertExpireView

    def get_queryset(self, request):
        return ALERT_POLICY.instances_user_has_any_permission_for(
            request.user, ["add", "change", "publish", "delete", "view"]
        )


register_permission_policy(Alert, ALERT_POLICY)
register_snippet(AlertViewSet)


@hooks.register("construct_snippet_action_menu")
def call_unpublish_expire(menu_items, request, context):
    """In an alert's editor, "Unpublish" reads "Expire now"."""
    if context.get("model") is not Alert:
        return
    for item in menu_items:
        if isinstance(item, UnpublishMenuItem):
            item.label = "Expire now"


@hooks.register("page_cache_key_parts")
def alerts_showing_now(request):
    """Kept pages show the alerts of their moment: the set showing now is part of every page's key.

    ``state()`` compares start and end times with the clock, so an alert that starts or ends
    changes the key on the second, with no write and no cron (jackson/page_cache.py). The new
    copy is the kept frame with its banner redrawn (``redraw_alert_banner``).
    """
    return active.state()


@hooks.register("page_cache_redraw")
def redraw_alert_banner(html, parts):
    """A kept page's banner, drawn again for the alerts showing now (alerts/banner.py).

    Returns the new HTML, ``html`` itself when the page has no banner part, or None when the
    banner cannot be found (the page is then rendered again).
    """
    place = parts.get(banner.PART)
    if place is None:
        return html
    return banner.redraw(html, place)
