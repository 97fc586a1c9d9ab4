"""Admin hooks for sign-in security: the audit trail's menu and the page-password log action."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from accounts.admin_views import ATTEMPT_POLICY, FAILURE_LOG_POLICY, SignInSecurityGroup
from accounts.page_passwords import LOG_ACTION

register_permission_policy(ATTEMPT_POLICY.model, ATTEMPT_POLICY)
register_permission_policy(FAILURE_LOG_POLICY.model, FAILURE_LOG_POLICY)


@hooks.register("register_admin_viewset")
def register_sign_in_security():
    return SignInSecurityGroup()


@hooks.register("register_log_actions")
def register_page_password_action(actions):
    actions.register_action(LOG_ACTION, "Wrong page password", "A wrong password was tried for this private page")
