from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from core.freshness import bump
        from search import checks  # noqa: F401 - registers the index table check
        from search.models import SynonymGroup

        # Synonyms change what a search finds, best bets what it shows first: kept answers,
        # kept results pages and the kept list of promoted queries must go.
        for model in (SynonymGroup, SearchPromotion):
            name = model._meta.model_name
            post_save.connect(bump, sender=model, dispatch_uid=f"freshness-{name}-saved")
            post_delete.connect(bump, sender=model, dispatch_uid=f"freshness-{name}-deleted")

        # A service's index entry carries its action form's words (search/ranking.py): when the
        # form changes, so must the service's entry.
        from search.ranking import form_models

        for model in form_models():
            post_save.connect(
                reindex_services_of_form, sender=model, dispatch_uid=f"search-services-{model._meta.label_lower}"
            )


def reindex_services_of_form(instance, raw=False, **kwargs):
    if raw:
        return
    from django.apps import apps
    from modelsearch.tasks import insert_or_update_object_task

    service_model = apps.get_model("departments", "ServicePage")
    for pk in service_model.objects.filter(action_page_id=instance.pk).values_list("pk", flat=True):
        insert_or_update_object_task.enqueue(service_model._meta.app_label, service_model._meta.model_name, str(pk))
