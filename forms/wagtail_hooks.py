"""What the forms app adds to other pages: a department page lists its forms (core/page_context.py)."""

from wagtail import hooks

from core import freshness, page_context
from departments.models import LISTINGS_KEEP_SECONDS, DepartmentPage
from forms.models import FormPage


@hooks.register(page_context.HOOK)
def department_forms(page, request, context):
    """``forms``: the live public forms in a department's subtree, by title, kept under the content version."""
    if "forms" not in page.contributed_context or not isinstance(page, DepartmentPage):
        return
    context["forms"] = freshness.kept(
        f"department-forms:{page.pk}",
        LISTINGS_KEEP_SECONDS,
        lambda: list(FormPage.objects.live().public().descendant_of(page).order_by("title")),
    )
