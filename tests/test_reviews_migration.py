"""Page reviews move from departments to their own app without losing a row (issue #13).

The database is taken back to the schema before the move (departments owning ``PageReview``
in ``departments_pagereview``), given review rows there, and migrated forward; the rows are
then found through ``reviews.models.PageReview`` with every field intact.
"""

import datetime

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE_THE_MOVE = [("departments", "0003_menu_title"), ("reviews", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def tables():
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def test_page_reviews_survive_the_move_to_their_own_app(transactional_db, django_db_serialized_rollback):
    from reviews.models import PageReview

    try:
        executor = migrate(BEFORE_THE_MOVE)
        old = executor.loader.project_state(BEFORE_THE_MOVE[:1]).apps
        assert "departments_pagereview" in tables() and "reviews_pagereview" not in tables()
        OldReview = old.get_model("departments", "PageReview")
        OldPage = old.get_model("wagtailcore", "Page")
        OldUser = old.get_model(settings.AUTH_USER_MODEL)
        editor = OldUser.objects.create(username="reviewer", email="reviewer@example.gov")
        root, home = OldPage.objects.order_by("depth")[:2]
        reviewed_at = timezone.now().replace(microsecond=0)
        OldReview.objects.create(page_id=root.pk, next_review=datetime.date(2027, 1, 15))
        OldReview.objects.create(
            page_id=home.pk,
            next_review=datetime.date(2027, 6, 1),
            last_reviewed_at=reviewed_at,
            last_reviewed_by_id=editor.pk,
        )
    finally:
        migrate(latest())

    assert "reviews_pagereview" in tables() and "departments_pagereview" not in tables()
    rows = {review.page_id: review for review in PageReview.objects.select_related("page", "last_reviewed_by")}
    assert {review.next_review for review in rows.values()} == {datetime.date(2027, 1, 15), datetime.date(2027, 6, 1)}
    moved = rows[home.pk]
    assert moved.page.review == moved  # the reverse accessor from Page still works
    assert moved.last_reviewed_at == reviewed_at and moved.last_reviewed_by.username == "reviewer"
    # New rows go on after the old ones (the primary key's sequence came along with the table).
    assert PageReview.objects.create(page_id=_third_page(), next_review=datetime.date(2028, 1, 1)).pk > max(
        review.pk for review in rows.values()
    )


def _third_page():
    from wagtail.models import Page

    from home.models import StandardPage

    home = Page.objects.get(depth=2)
    page = home.add_child(instance=StandardPage(title="Moved reviews", slug="moved-reviews"))
    return page.pk
