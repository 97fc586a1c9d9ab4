from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from home.freshness import bump
        from search.models import SynonymGroup

        # Synonyms change what a search finds, best bets what it shows first: kept answers,
        # kept results pages and the kept list of promoted queries must go.
        for model in (SynonymGroup, SearchPromotion):
            name = model._meta.model_name
            post_save.connect(bump, sender=model, dispatch_uid=f"freshness-{name}-saved")
            post_delete.connect(bump, sender=model, dispatch_uid=f"freshness-{name}-deleted")
