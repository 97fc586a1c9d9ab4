"""``manage.py seed_demo [--scale N]``: build the demo City of Jackson.

Idempotent: pages are found by slug under their parent and only written when
their data changed, so running it again is quick and duplicates nothing. A
page at a demo slug that a person edited (its latest revision has a user: see
demo/upsert.py) is left alone and listed; ``--force`` puts it back to the demo
text. A week of feedback and form submissions is added once (demo/activity.py),
so the triage queue, dashboard and inbox have work in them. Refuses production
settings (demo/guard.py).
``--scale N`` then adds N generated pages (for benchmarks), also idempotent.
The search index is rebuilt at the end so search finds every seeded page.
"""

import contextlib
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.activity import seed_activity
from demo.guard import refuse_in_production
from demo.indexing import search_indexing_paused
from demo.seeder import DemoSeeder
from demo.upsert import SeedConflict

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
            "--force",
            action="store_true",
            help="Also overwrite demo pages that a person has edited since the demo wrote them "
            "(their edits stay in the page history).",
        )
        parser.add_argument(
            "--skip-index",
            action="store_true",
            help="Do not rebuild the search index at the end; pages are indexed one by one as they are saved "
            "instead (generated --scale pages are not: run update_index yourself).",
        )

    def handle(self, *args, scale=0, skip_index=False, force=False, **options):
        refuse_in_production("seed the demo city")
        if scale < 0:
            raise CommandError("--scale must be zero or a positive number of pages.")
        if scale > MAX_SCALE:
            raise CommandError(f"--scale {scale:,} is more than this command supports ({MAX_SCALE:,} pages).")
        self.verbosity = options["verbosity"]
        started = time.monotonic()
        seeder = DemoSeeder(force=force)
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
                step_started = time.monotonic()
                activity = seed_activity()
                self.say(
                    f"A week of feedback and form submissions: {self.describe_activity(activity)} "
                    f"({time.monotonic() - step_started:.1f} s)"
                )
        except SeedConflict as error:
            raise CommandError(f"{error} Move or delete that page, then run seed_demo again.") from error
        self.report_kept(seeder.kept)

        if scale:
            from demo.scale import scale_up

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

    def report_kept(self, pages):
        if not pages:
            return
        self.say(
            self.style.WARNING(
                f"Left alone {len(pages)} demo page{'s' if len(pages) != 1 else ''} that a person edited "
                "(run seed_demo --force to put the demo text back):"
            )
        )
        for page in pages:
            revision = page.latest_revision
            who = revision.user.get_username() if revision and revision.user else "someone"
            when = revision.created_at.strftime("%Y-%m-%d %H:%M %Z") if revision else ""
            self.say(f"  {page.url_path} — {page.title} (last saved by {who}, {when})")

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
    def describe_activity(tally):
        added = [f"{tally[key]} {key}" for key in ("reports", "votes", "submissions")]
        kept = []
        if tally.get("feedback kept"):
            kept.append(f"none added to the {tally['feedback kept']} feedback items already here")
        if tally.get("forms kept"):
            kept.append(f"none added to {tally['forms kept']} forms that already have submissions")
        return ", ".join(added) + (f"; {'; '.join(kept)}" if kept else "")

    @staticmethod
    def describe(tally):
        parts = [f"{tally.get(key, 0)} {key}" for key in ("created", "updated", "unchanged")]
        if tally.get("kept"):
            parts.append(f"{tally['kept']} kept (edited by a person)")
        return ", ".join(parts)
