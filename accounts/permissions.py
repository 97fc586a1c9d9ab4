"""Who may see the sign-in audit trail and unlock accounts: superusers and the Administrator role
(the site-wide group ``manage.py setup_roles`` creates, departments/roles.py).

The records name accounts and client addresses, so they are not for every editor; and django-axes'
models have no permissions of their own that a group could be given in Wagtail's group editor.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from departments.roles import ADMINISTRATOR as ADMINISTRATORS_GROUP


def is_security_admin(user):
    if not (user and user.is_active and user.is_authenticated):
        return False
    return user.is_superuser or user.groups.filter(name=ADMINISTRATORS_GROUP).exists()


class SecurityAdminPolicy(BasePermissionPolicy):
    """Only the given ``actions`` (e.g. view, delete), and only for security admins."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and is_security_admin(user)

    def users_with_any_permission(self, actions):
        if not self.actions.intersection(actions):
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=ADMINISTRATORS_GROUP), is_active=True)
            .distinct()
        )
