"""``manage.py load_search_synonyms``: add any missing starter synonym groups."""

from django.core.management.base import BaseCommand

from search.models import SynonymGroup
from search.starter_synonyms import load_starter_synonyms


class Command(BaseCommand):
    help = "Add the starter search synonym groups that are missing (editors' changes are kept)."

    def handle(self, *args, **options):
        created = load_starter_synonyms(SynonymGroup)
        self.stdout.write(f"{created} synonym group(s) added.")
