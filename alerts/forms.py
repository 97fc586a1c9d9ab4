"""The admin form for alerts: choices limited to the user's reach, scope checked on save.

Used as the alert panels' ``base_form_class`` (alerts/wagtail_hooks.py). A department
publisher is offered only their own departments, no "whole site" scope, and may choose
only pages inside their departments; a forged POST naming anything else is refused with
a message, never saved. Messages say what to do, because the person reading them may be
raising an alert in a hurry.
"""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from alerts.models import Scope, Severity
from alerts.permissions import reach_of


def live_departments():
    from departments.models import DepartmentPage

    return DepartmentPage.objects.live().order_by("title")


class AlertForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reach = reach_of(self.for_user) if self.for_user is not None else None
        if "departments" in self.fields:
            departments = live_departments()
            if self.reach is not None and not self.reach.anywhere:
                departments = departments.filter(pk__in=self.reach.department_ids)
            field = self.fields["departments"]
            field.queryset = departments
            field.widget = forms.CheckboxSelectMultiple(choices=field.choices)
        if "scope" in self.fields:
            field = self.fields["scope"]
            if self.reach is not None and not self.reach.anywhere:
                field.choices = [(value, label) for value, label in field.choices if value != Scope.SITE]
                if not self.instance.pk and self.initial.get("scope", Scope.SITE) == Scope.SITE:
                    self.initial["scope"] = Scope.DEPARTMENTS
            field.widget = forms.RadioSelect(choices=field.choices)
        if "severity" in self.fields:
            self.fields["severity"].widget = forms.RadioSelect(choices=self.fields["severity"].choices)

    def _chosen_pages(self):
        """The pages in the "Chosen pages" rows that are kept (not deleted) and valid."""
        formset = self.formsets.get("scope_pages")
        if formset is None:
            return []
        pages = []
        for row in formset.forms:
            if not row.is_valid() or (formset.can_delete and row.cleaned_data.get("DELETE")):
                continue
            page = row.cleaned_data.get("page")
            if page is not None:
                pages.append(page)
        return pages

    def clean(self):
        cleaned = super().clean()
        scope = cleaned.get("scope")
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", "The end must be after the start: check the date and time.")

        if scope == Scope.SITE and self.reach is not None and not self.reach.anywhere:
            self.add_error("scope", "You may only alert your own department's pages, not the whole site.")
        if scope == Scope.DEPARTMENTS and "departments" in self.fields and not cleaned.get("departments"):
            self.add_error("departments", "Choose at least one department, or change where the alert shows.")
        pages = self._chosen_pages()
        if scope == Scope.PAGES and not pages:
            self.add_error("scope", "Add at least one page under “Pages”, or change where the alert shows.")
        if self.reach is not None and not self.reach.anywhere:
            outside = [page for page in pages if not self.reach.covers_page(page)]
            if outside:
                names = ", ".join(f"“{page.title}”" for page in outside[:5])
                self.add_error(None, f"These pages are outside your department: {names}. Remove them.")

        if cleaned.get("severity") == Severity.EMERGENCY:
            # The model forces this too; doing it here keeps the saved revision honest.
            cleaned["dismissible"] = False
        return cleaned
