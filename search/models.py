"""Editor-managed synonyms and privacy-light search analytics.

Synonyms are expanded in Python before the query reaches any backend
(``search.query``), so "trash" finds "solid waste" on SQLite, PostgreSQL,
Elasticsearch and OpenSearch alike, with no per-cluster synonym files.

Analytics keep one row per normalised query per day: a counter of searches
and of searches that found nothing. No IP address, user, session or
timestamp finer than the day is stored, and e-mail addresses typed into the
box are masked before counting (``search.text.normalise_for_analytics``).
"""

import datetime

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Sum
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from core import freshness
from search.text import MAX_QUERY_LENGTH, tokens

SYNONYMS_CACHE_KEY = "search:synonym-groups:v1"


class SynonymGroup(models.Model):
    """Words and phrases residents use for the same thing."""

    terms = models.TextField(
        max_length=1000,
        help_text="Comma-separated words or phrases that mean the same thing, "
        "for example “trash, garbage, solid waste”. A search for any of them finds pages using any of them.",
    )
    note = models.CharField(max_length=200, blank=True, help_text="Why this group exists (shown to editors only).")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = "search synonym group"

    def __str__(self):
        return ", ".join(self.term_list)[:120]

    @property
    def term_list(self):
        """Each term as typed, de-duplicated, in order."""
        seen = {}
        for term in self.terms.split(","):
            term = " ".join(term.split())
            if term and term.lower() not in seen:
                seen[term.lower()] = term
        return list(seen.values())

    def clean(self):
        super().clean()
        terms = self.term_list
        if len(terms) < 2:
            raise ValidationError({"terms": "Give at least two words or phrases, separated by commas."})
        for term in terms:
            if len(term) > 60:
                raise ValidationError({"terms": f"“{term[:60]}…” is too long: keep each term under 60 characters."})
            if not tokens(term):
                raise ValidationError({"terms": f"“{term}” has no letters or digits to search for."})
        self.terms = ", ".join(terms)


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def forget_cached_synonyms(**kwargs):
    """Signals rather than save()/delete() overrides, so bulk deletes clear the cache too."""
    cache.delete(SYNONYMS_CACHE_KEY)


def synonym_groups():
    """Every group as a list of token tuples, cached until an editor changes one (or for 5 minutes)."""
    return freshness.kept_under(SYNONYMS_CACHE_KEY, 300, _synonym_groups_from_database)


def _synonym_groups_from_database():
    groups = []
    for group in SynonymGroup.objects.all():
        token_terms = [tuple(tokens(term)) for term in group.term_list]
        token_terms = [term for term in token_terms if term]
        if len(token_terms) >= 2:
            groups.append(token_terms)
    return groups


class QueryStat(models.Model):
    """How often one normalised query was searched on one day, and how often it found nothing."""

    date = models.DateField(db_index=True)
    query = models.CharField(max_length=MAX_QUERY_LENGTH)
    searches = models.PositiveIntegerField(default=0)
    zero_result_searches = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["date", "query"], name="search_querystat_unique_day")]
        verbose_name = "search query statistic"

    def __str__(self):
        return f"{self.date}: {self.query}"

    @classmethod
    def record(cls, query, found_nothing, date=None, times=1):
        """Count ``times`` searches: one UPDATE, plus one INSERT the first time a query is seen that day.

        The public search page counts through ``search.stat_buffer``, which sums each worker's
        searches and writes them here about once a second.

        On PostgreSQL the count is committed without waiting for the disk (``synchronous_commit``
        off for this transaction only): a crash may lose the last few counts, which is fine for
        statistics, and every search stops paying a WAL flush (1–7 ms here).
        """
        if not query:
            return
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit TO OFF")
            cls._count(query, found_nothing, date or timezone.localdate(), times)

    @classmethod
    def _count(cls, query, found_nothing, date, times=1):
        increments = {"searches": F("searches") + times}
        if found_nothing:
            increments["zero_result_searches"] = F("zero_result_searches") + times
        if cls.objects.filter(date=date, query=query).update(**increments):
            return
        try:
            with transaction.atomic():
                cls.objects.create(
                    date=date, query=query, searches=times, zero_result_searches=times if found_nothing else 0
                )
        except IntegrityError:
            cls.objects.filter(date=date, query=query).update(**increments)

    @classmethod
    def top(cls, days, zero_results_only=False, limit=50):
        """The most searched queries over the last ``days`` days (today included)."""
        since = timezone.localdate() - datetime.timedelta(days=days - 1)
        rows = cls.objects.filter(date__gte=since).values("query")
        rows = rows.annotate(total=Sum("searches"), zero=Sum("zero_result_searches"))
        if zero_results_only:
            rows = rows.filter(zero__gt=0).order_by("-zero", "query")
        else:
            rows = rows.order_by("-total", "query")
        return list(rows[:limit])

    @classmethod
    def prune(cls, keep_days=400):
        """Forget statistics older than ``keep_days``."""
        cutoff = timezone.localdate() - datetime.timedelta(days=keep_days)
        return cls.objects.filter(date__lt=cutoff).delete()[0]
