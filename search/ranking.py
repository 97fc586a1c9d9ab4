"""What search ranks beyond the words: the weight of each page type, and forms that services absorb.

Why: residents mostly come to do something. Ranked by words alone, "trash" put the bulk
pickup form, a contact, a news story and an FAQ above "Find your trash and recycling day",
because a short page that says "trash" often scores as well as the service built for it.

- **Type weights.** Each page type declares ``search_weight`` (``core.pages.BasePage``:
  1.0); a page's text score is multiplied by its type's weight on every database path
  (SQLite's bm25 in ``search.backends.database``, PostgreSQL's rank there and in
  ``search.one_statement``), so a service outranks a form, FAQ or news story saying as much,
  while a page that matches far better (an FAQ asked in the resident's words) still wins.
- **Absorbed forms.** A form that a visible service names as its action is that service's
  second half ("Request a bulk trash pickup" and its form "Request bulk trash pickup"). It is
  not a result of its own: the service is, showing the form as its action link, and the
  service's index entry carries the form's words (``ServicePage.action_form_text``), so
  whatever found the form finds the service.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.contrib.forms.models import FormMixin
from wagtail.models import Page, get_page_models


def type_weights():
    """``{content type id: weight}`` for page types whose ``search_weight`` is not 1 (Django caches the ids)."""
    weighted = [model for model in get_page_models() if getattr(model, "search_weight", 1.0) != 1.0]
    if not weighted:
        return {}
    content_types = ContentType.objects.get_for_models(*weighted, for_concrete_models=False)
    return {content_types[model].pk: float(model.search_weight) for model in weighted}


def weight_cases(column):
    """SQL ``CASE`` giving each weighted type's factor for ``column`` (a content type id): (sql, params)."""
    weights = type_weights()
    if not weights:
        return "1.0", []
    whens = " ".join("WHEN %s THEN %s" for _ in weights)
    params = [value for pair in sorted(weights.items()) for value in pair]
    return f"(CASE {column} {whens} ELSE 1.0 END)", params


def form_models():
    """Every page type that is a form (Wagtail's form builder)."""
    return [model for model in get_page_models() if issubclass(model, FormMixin)]


def form_content_type_ids():
    content_types = ContentType.objects.get_for_models(*form_models(), for_concrete_models=False)
    return sorted(content_type.pk for content_type in content_types.values())


def absorbed_forms(private, expired):
    """Ids of the forms that some visible service names as its action: one query.

    ``private`` is the condition for a page in a private section and ``expired`` the live pages
    past their expiry date (``search.engine.Scope``): such a service absorbs nothing, so its
    form stays a result of its own.
    """
    service_model = apps.get_model("departments", "ServicePage")
    services = (
        service_model.objects.live()
        .exclude(private)
        .filter(action_page__live=True, action_page__content_type_id__in=form_content_type_ids())
    )
    if expired:
        services = services.exclude(pk__in=expired)
    return sorted(set(services.order_by().values_list("action_page_id", flat=True)))


def load_actions(pages):
    """Read every shown service's action page in one query, so the results can link to it.

    ``ServicePage.action_href`` reads ``action_page``; ten results would otherwise cost ten
    queries. Pages no longer live are read too: ``action_href`` checks ``live`` itself.
    """
    wanted = {page.action_page_id for page in pages if getattr(page, "action_page_id", None)}
    if not wanted:
        return pages
    found = {page.pk: page for page in Page.objects.filter(pk__in=wanted)}
    for page in pages:
        action_id = getattr(page, "action_page_id", None)
        if action_id and action_id in found:
            type(page).action_page.field.set_cached_value(page, found[action_id])
    return pages
