from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from home.freshness import bump
        from search.models import SynonymGroup

        # Synonyms change what a search finds: cached answers must go.
        post_save.connect(bump, sender=SynonymGroup, dispatch_uid="freshness-synonyms-saved")
        post_delete.connect(bump, sender=SynonymGroup, dispatch_uid="freshness-synonyms-deleted")
