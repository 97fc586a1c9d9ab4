"""Who may raise which alerts: the whole city, or only their own departments.

Model permissions (``alerts.add_alert``, ``change_alert``, ``publish_alert``, ``delete_alert``)
say *what* a user may do with alerts; ``alerts.alert_anywhere`` says *where*. Holders of
it (Communications, the Emergency publisher role, administrators) reach every alert and
may alert the whole site. Everyone else reaches only alerts scoped to the departments
whose **publishers** group they belong to (``DepartmentRoles.publishers``), or to pages
inside those departments' subtrees, and sees nothing else in the listing, the per-alert
views or the bulk actions.

The policy is registered for the Alert model in alerts/wagtail_hooks.py; the admin form
(alerts/forms.py) uses the same :func:`reach_of` to limit the choices it offers.
See https://docs.wagtail.org/en/stable/extending/customizing_permissions.html (permission
policies).
"""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.permission_policies.base import ModelPermissionPolicy

from alerts.models import Alert, AlertPage, Scope

ANYWHERE_PERMISSION = "alerts.alert_anywhere"


@dataclass(frozen=True)
class Reach:
    """Where one user may raise alerts."""

    anywhere: bool
    #: The DepartmentPages whose publishers group the user is in (empty when ``anywhere``).
    departments: tuple = ()

    @property
    def department_ids(self):
        return [department.pk for department in self.departments]

    def covers_page(self, page):
        """Whether ``page`` is a department page or inside one of the user's departments."""
        return self.anywhere or any(page.path.startswith(department.path) for department in self.departments)

    def pages_q(self, prefix=""):
        """A ``Q`` on ``{prefix}path`` matching pages inside the user's departments."""
        q = Q(pk__in=[])
        for department in self.departments:
            q |= Q(**{f"{prefix}path__startswith": department.path})
        return q


def reach_of(user):
    """The user's :class:`Reach`, computed once per request (kept on the user object)."""
    cached = getattr(user, "_alert_reach", None)
    if cached is not None:
        return cached
    from departments.models import DepartmentPage

    if not user.is_active:
        reach = Reach(anywhere=False)
    elif user.is_superuser or user.has_perm(ANYWHERE_PERMISSION):
        reach = Reach(anywhere=True)
    else:
        departments = DepartmentPage.objects.filter(roles__publishers__in=user.groups.all()).order_by("path")
        reach = Reach(anywhere=False, departments=tuple(departments.distinct()))
    user._alert_reach = reach
    return reach


def alerts_within(reach):
    """The alerts wholly inside ``reach``: every department and page in scope is the user's."""
    if reach.anywhere:
        return Alert.objects.all()
    if not reach.departments:
        return Alert.objects.none()
    from departments.models import DepartmentPage

    others = DepartmentPage.objects.exclude(pk__in=reach.department_ids)
    by_department = (
        Alert.objects.filter(scope=Scope.DEPARTMENTS, departments__in=reach.department_ids)
        .exclude(departments__in=others)
        .values("pk")
    )
    outside_rows = AlertPage.objects.exclude(reach.pages_q("page__")).values("alert_id")
    by_page = Alert.objects.filter(scope=Scope.PAGES, scope_pages__isnull=False).exclude(pk__in=outside_rows)
    return Alert.objects.filter(Q(pk__in=by_department) | Q(pk__in=by_page.values("pk")))


class AlertPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed per alert to the user's reach."""

    def user_has_permission(self, user, action):
        if not super().user_has_permission(user, action):
            return False
        reach = reach_of(user)
        return reach.anywhere or bool(reach.departments)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        reach = reach_of(user)
        return reach.anywhere or alerts_within(reach).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Alert.objects.none()
        return alerts_within(reach_of(user))

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


ALERT_POLICY = AlertPermissionPolicy(Alert)
