"""``manage.py seed_demo [--scale N]``: build the demo City of Jackson.

Idempotent: pages are found by slug under their parent and only written when
their data changed, so running it again is quick and duplicates nothing. A
demo page edited by hand is put back to the demo text on the next run.
``--scale N`` then adds N generated pages (for benchmarks), also idempotent.
The search index is rebuilt at the end so search finds every seeded page.
"""

import contextlib
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.demo.indexing import search_indexing_paused
from home.demo.seeder import DemoSeeder
from home.demo.upsert import SeedConflict

#: Generated pages are planned in memory; a million is far beyond any benchmark we run.
MAX_SCALE = 1_000_000


class Command(BaseCommand):
    help = "Create or update the demo City of Jackson; --scale N adds N generated pages for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            metavar="N",
            help="Also add N generated pages (news, events, FAQs, contacts, services, pages) across departments.",
        )
        parser.add_argument(
            "--skip-index",
            action="store_true",
            help="Do not rebuild the search index at the end; pages are indexed one by one as they are saved "
            "instead (generated --scale pages are not: run update_index yourself).",
        )

    def handle(self, *args, scale=0, skip_index=False, **options):
        if scale < 0:
            raise CommandError("--scale must be zero or a positive number of pages.")
        if scale > MAX_SCALE:
            raise CommandError(f"--scale {scale:,} is more than this command supports ({MAX_SCALE:,} pages).")
        self.verbosity = options["verbosity"]
        started = time.monotonic()
        seeder = DemoSeeder()
        areas = [
            ("Home page and site", seeder.seed_home),
            ("City-wide index pages", seeder.seed_indexes),
            ("About, accessibility, privacy and contact pages", seeder.seed_standard_pages),
            ("Departments with services, forms, contacts and FAQs", seeder.seed_departments),
            ("Home-page top tasks and city settings", seeder.seed_top_tasks_and_settings),
            ("News", seeder.seed_news),
            ("Events", seeder.seed_events),
            ("Alerts (a scheduled boil-water notice)", seeder.seed_alerts),
        ]
        # With the index rebuilt at the end, indexing every save on the way is wasted work.
        pause = search_indexing_paused() if not skip_index else contextlib.nullcontext()
        try:
            with pause, transaction.atomic():
                for label, step in areas:
                    step_started = time.monotonic()
                    tally = step()
                    self.say(f"{label}: {self.describe(tally)} ({time.monotonic() - step_started:.1f} s)")
        except SeedConflict as error:
            raise CommandError(f"{error} Move or delete that page, then run seed_demo again.") from error

        if scale:
            from home.demo.scale import scale_up

            scale_up(seeder, scale, stdout=self.stdout, verbosity=self.verbosity)

        if skip_index:
            self.say("Search index not rebuilt (--skip-index): run `manage.py update_index`.")
        else:
            self.say("Rebuilding the search index with update_index...")
            index_started = time.monotonic()
            call_command("update_index", verbosity=0, stdout=self.stdout)
            self.say(f"Search index rebuilt with update_index ({time.monotonic() - index_started:.1f} s).")
        self.refresh_planner_statistics()
        self.say(self.style.SUCCESS(f"Demo city ready in {time.monotonic() - started:.1f} s."))

    def refresh_planner_statistics(self):
        """VACUUM (ANALYZE) on PostgreSQL after a bulk load; ANALYZE alone inside a transaction.

        Autovacuum analyses new rows only after a while; until then the planner believes the
        search index is nearly empty and picks plans that take seconds ("city council meeting":
        9 s on a fresh 10,000-page database, 0.1 s after ANALYZE). The vacuum matters too:
        ``update_index`` writes each search row about three times (insert, update, title
        norms), leaving two dead rows for every live one, and a search reads past them until a
        vacuum (which a server with autovacuum off never runs) clears them.
        """
        from django.db import connection

        if connection.vendor == "postgresql":
            statement = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            with connection.cursor() as cursor:
                cursor.execute(statement)
            self.say(f"Planner statistics refreshed ({statement}).")

    def say(self, message):
        if self.verbosity > 0:
            self.stdout.write(message)

    @staticmethod
    def describe(tally):
        parts = [f"{tally.get(key, 0)} {key}" for key in ("created", "updated", "unchanged")]
        return ", ".join(parts)
