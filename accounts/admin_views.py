"""The sign-in audit trail in the Wagtail admin (Sign-in security in the menu).

Wagtail's own audit log records what signed-in people do, not failed sign-ins,
so django-axes' records are listed here, read-only:

* **Lockouts and failure counts** (axes' ``AccessAttempt``): one row per account and
  client address with its failures since the count began. Deleting a row is how an
  administrator unlocks it: the database handler counts from these rows.
* **Failed sign-ins** (axes' ``AccessFailureLog``): one row per wrong password,
  kept as the audit trail; they are never edited.
"""

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.permissions import SecurityAdminPolicy

ATTEMPT_POLICY = SecurityAdminPolicy(AccessAttempt, actions={"view", "delete"})
FAILURE_LOG_POLICY = SecurityAdminPolicy(AccessFailureLog, actions={"view"})


class LockedOutColumn(BooleanColumn):
    def get_value(self, instance):
        return instance.failures_since_start >= settings.AXES_FAILURE_LIMIT


class AccessAttemptViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = "Lockouts"
    name = "signin_lockouts"
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["username"]  # required by ModelViewSet; the policy allows no adding or editing
    list_display = [
        "username",
        "ip_address",
        Column("failures_since_start", label="Failed sign-ins"),
        LockedOutColumn("locked", label="Locked out"),
        Column("attempt_time", label="Last attempt"),
    ]
    list_filter = ["username", "ip_address"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    inspect_view_fields = ["username", "ip_address", "user_agent", "path_info", "failures_since_start", "attempt_time"]


class AccessFailureLogViewSet(ModelViewSet):
    model = AccessFailureLog
    icon = "warning"
    menu_label = "Failed sign-ins"
    name = "signin_failures"
    add_to_admin_menu = False
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["username"]  # required by ModelViewSet; the policy allows no adding or editing
    list_display = ["username", "ip_address", "locked_out", Column("attempt_time", label="When")]
    list_filter = ["locked_out"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    inspect_view_fields = ["username", "ip_address", "user_agent", "path_info", "locked_out", "attempt_time"]


class SignInSecurityGroup(ViewSetGroup):
    menu_label = "Sign-in security"
    menu_icon = "lock"
    menu_order = 900
    items = (AccessAttemptViewSet, AccessFailureLogViewSet)
