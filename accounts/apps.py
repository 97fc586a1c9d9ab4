from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in security: throttling of staff sign-ins and page passwords, and its audit trail."""

    name = "accounts"
    verbose_name = "Sign-in security"
