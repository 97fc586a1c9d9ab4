from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import published, unpublished

        from alerts import active, frontend_cache
        from alerts.models import Alert

        # An alert shows on cached pages: publishing, unpublishing or deleting one forgets the kept alert
        # list, and with it every kept page (whose key names the alerts showing, alerts/active.py).
        published.connect(active.forget, sender=Alert, dispatch_uid="alerts-published")
        unpublished.connect(active.forget, sender=Alert, dispatch_uid="alerts-unpublished")
        post_delete.connect(active.forget, sender=Alert, dispatch_uid="alerts-deleted")
        # And front-end caches (CDN, Varnish) forget the pages it shows on.
        frontend_cache.connect()
