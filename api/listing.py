"""One page of a list: the total, the requested slice, and the filters the lists share."""

from django.db.models import Q

from api import visibility


def paginate(queryset, limit, offset, serialise):
    """``{"count", "limit", "offset", "items"}`` for ``queryset[offset:offset + limit]``."""
    count = queryset.count()
    items = [serialise(item) for item in queryset[offset : offset + limit]] if offset < count else []
    return {"count": count, "limit": limit, "offset": offset, "items": items}


def department_by_slug(context, slug):
    """The shown department with this slug, or None (an unknown department matches nothing)."""
    return next((d for d in context.departments if d.slug == slug), None)


def in_department(context, queryset, slug):
    if not slug:
        return queryset
    department = department_by_slug(context, slug)
    if department is None:
        return queryset.none()
    return queryset.descendant_of(department, inclusive=True)


def with_topic(queryset, topic, models):
    """Pages tagged with the topic slug (news, events and FAQs have topics; other types none)."""
    if not topic:
        return queryset
    condition = Q(pk__in=[])
    for model in models:
        condition |= Q(pk__in=model.objects.filter(tags__slug=topic).values("pk"))
    return queryset.filter(condition)


def shown(model, context):
    return visibility.of_type(model, context.site)
