"""Create a department's page and roles in one idempotent step.

Shared by ``manage.py create_department``, ``manage.py create_demo_users``
and the demo city, so every path to "a department exists" ends in the same
state.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import slugify
from wagtail.models import Site

from departments.models import DepartmentIndexPage, DepartmentPage
from departments.roles import setup_department


def home_page():
    """The default site's root page (the city home page)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        return site.root_page.specific
    # The home app sits above this one: its page model is looked up by name.
    home = apps.get_model("home", "HomePage").objects.first()
    if home is None:
        raise RuntimeError("No home page: run migrations (or seed the demo city) first.")
    return home


def ensure_department_index():
    index = DepartmentIndexPage.objects.first()
    if index:
        return index
    index = DepartmentIndexPage(
        title="Departments", slug="departments", intro="Every city department and what it does."
    )
    home_page().add_child(instance=index)
    index.save_revision().publish()
    return index


def find_department(title, slug=None):
    slug = slug or slugify(title)[:255]
    return (
        DepartmentPage.objects.filter(slug=slug).first() or DepartmentPage.objects.filter(title__iexact=title).first()
    )


def clean_email_list(value):
    """Normalise "a@x.gov, b@x.gov"; raise ValidationError naming the bad address."""
    addresses = [address.strip() for address in (value or "").split(",") if address.strip()]
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            raise ValidationError(f"“{address[:100]}” is not a valid email address.") from None
    joined = ", ".join(addresses)
    if len(joined) > 500:
        raise ValidationError("Too many addresses: the list must fit in 500 characters.")
    return joined


def create_department(title, *, slug=None, intro="", feedback_emails=None, form_emails=None, publish=True):
    """Return ``(department, roles, created)``; re-running updates only what was given."""
    title = " ".join(title.split())
    if not title:
        raise ValidationError("A department needs a name.")
    if len(title) > 255:
        raise ValidationError("A department name must be at most 255 characters.")
    if feedback_emails is not None:
        feedback_emails = clean_email_list(feedback_emails)
    if form_emails is not None:
        form_emails = clean_email_list(form_emails)
    department = find_department(title, slug)
    created = department is None
    if created:
        department = DepartmentPage(
            title=title,
            slug=slug or slugify(title)[:255] or "department",
            intro=intro or f"Services, news and contacts from {title}.",
            feedback_emails=feedback_emails or "",
            form_notification_emails=form_emails or "",
        )
        ensure_department_index().add_child(instance=department)
        revision = department.save_revision()
        if publish:
            revision.publish()
    else:
        changed = []
        if intro:
            department.intro, changed = intro, changed + ["intro"]
        if feedback_emails is not None:
            department.feedback_emails, changed = feedback_emails, changed + ["feedback_emails"]
        if form_emails is not None:
            department.form_notification_emails, changed = form_emails, changed + ["form_notification_emails"]
        if changed:
            revision = department.save_revision()
            if department.live:
                revision.publish()
    roles = setup_department(department)
    return department, roles, created
