"""Staff side of department forms: the inbox, one submission, and private file downloads.

Who may see what is Wagtail's own rule for form submissions
(``get_forms_for_user``: users who can edit the form page), so a department's
staff see their department's forms and Communications sees every form. Every
view here checks it again for the one submission or file asked for; a file
is never reachable by URL any other way (see ``forms.storage``).

The inbox is Wagtail's own submissions listing (it keeps the date filter,
CSV/XLSX export and bulk delete), with the reference, status and assignee as
columns, search by reference, and filters for status and assignee. Status and
assignee are changed on the submission's page; each change goes to Wagtail's
audit log, shown there as the submission's history.
"""

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Value
from django.db.models.functions import Replace, Upper
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import SubmissionsListFilterSet, SubmissionsListView
from wagtail.models import GroupPagePermission, ModelLogEntry

from core.exports import FormulaSafeExportMixin
from forms import references
from forms.models import FormPageSubmission, FormUpload


def can_see_submissions(user, page_id):
    return get_forms_for_user(user).filter(pk=page_id).exists()


def download_url(upload, absolute=False):
    url = reverse("form_upload_download", args=[upload.pk])
    if absolute:
        from django.conf import settings

        url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + url
    return url


def inbox_users(page):
    """Active staff who may open this form's inbox: superusers, and admin users whose groups may edit the page.

    Mirrors ``get_forms_for_user`` (change permission on the page or an ancestor) from the
    other side, so nobody is assigned a submission they cannot open.
    """
    steplen = page.steplen
    ancestor_paths = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    editors = GroupPagePermission.objects.filter(
        page__path__in=ancestor_paths, permission__codename="change_page"
    ).values("group")
    admin_access = Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | (Q(groups__in=editors) & Q(groups__permissions__in=admin_access)))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def user_label(user):
    return user.get_full_name() or user.get_username()


def local_datetime(value):
    """A stored (UTC) time in the admin's time zone, in the admin's date format."""
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


class SubmissionFilterSet(SubmissionsListFilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=FormPageSubmission.Status.choices, widget=forms.CheckboxSelectMultiple, label="Status"
    )
    assignee = django_filters.ModelChoiceFilter(queryset=get_user_model().objects.none(), label="Assigned to")

    def __init__(self, *args, form_page=None, **kwargs):
        super().__init__(*args, **kwargs)
        if form_page is not None:
            field = self.filters["assignee"]
            field.queryset = inbox_users(form_page)
            self.form.fields["assignee"].queryset = field.queryset
            self.form.fields["assignee"].label_from_instance = user_label


class DepartmentSubmissionsListView(FormulaSafeExportMixin, SubmissionsListView):
    """Wagtail's submissions inbox (with CSV/XLSX export, formula-safe), plus file download links and a detail link."""

    filterset_class = SubmissionFilterSet
    results_template_name = "forms/admin/list_submissions.html"
    is_searchable = True
    orderable_fields = ("id", "submit_time", "status")

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "form_page": self.form_page}

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assignee")

    def search_queryset(self, queryset):
        """By reference, however it was read out: "pw 7k3q2m" finds PW-7K3Q-2M."""
        if not self.is_searching:
            return queryset
        wanted = references.normalise_query(self.search_query)
        if not wanted:
            return queryset.none()
        plain = Upper(Replace("reference", Value("-"), Value("")))
        return queryset.annotate(plain_reference=plain).filter(plain_reference__contains=wanted)

    def uploads_by_submission(self, submissions):
        grouped = {}
        uploads = FormUpload.objects.filter(submission__in=[s.pk for s in submissions]).order_by("pk")
        for upload in uploads:
            grouped.setdefault(upload.submission_id, {}).setdefault(upload.field_name, []).append(upload)
        return grouped

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export:
            return context
        names = [name for name, _label in self.form_page.get_data_fields()]
        uploads = self.uploads_by_submission(list(context["submissions"]))
        references_by_id = {submission.pk: submission.reference for submission in context["submissions"]}
        for row in context.get("data_rows", []):
            row["reference"] = references_by_id.get(row["model_id"], "")
            files = uploads.get(row["model_id"], {})
            for index, name in enumerate(names):
                if row["fields"][index] is None:
                    row["fields"][index] = ""  # a question added after this submission: blank, not "None"
                if name == "reference":
                    row["fields"][index] = format_html(
                        '<a class="w-whitespace-nowrap" href="{}">{}</a>',
                        reverse("form_submission_detail", args=[row["model_id"]]),
                        row["fields"][index],
                    )
                elif name == "submit_time":
                    row["fields"][index] = local_datetime(row["fields"][index])
                elif name in files:
                    row["fields"][index] = format_html_join(
                        ", ", '<a href="{}">{}</a>', ((download_url(u), u.original_name) for u in files[name])
                    )
        return context

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for upload in item.uploads.all():
            if upload.field_name in row:
                row[upload.field_name] = f"{upload.original_name} ({download_url(upload, absolute=True)})"
        return row


class TriageForm(forms.Form):
    status = forms.ChoiceField(choices=FormPageSubmission.Status.choices, label="Status")
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), required=False, empty_label="Nobody", label="Assigned to"
    )

    def __init__(self, *args, form_page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = inbox_users(form_page)
        self.fields["assignee"].label_from_instance = user_label


class SubmissionDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "forms/admin/submission_detail.html"
    page_title = "Form submission"
    header_icon = "form"

    def dispatch(self, request, submission_id):
        self.submission = get_object_or_404(
            FormPageSubmission.objects.select_related("page", "assignee"), pk=submission_id
        )
        if not can_see_submissions(request.user, self.submission.page_id):
            raise PermissionDenied
        self.form_page = self.submission.page.specific
        return super().dispatch(request, submission_id)

    def triage_form(self, data=None):
        initial = {"status": self.submission.status, "assignee": self.submission.assignee}
        return TriageForm(data, initial=initial, form_page=self.form_page)

    def post(self, request, submission_id):
        form = self.triage_form(request.POST)
        if not form.is_valid():
            messages.error(request, "The submission could not be updated: check the status and assignee below.")
            return self.render_to_response(self.get_context_data(triage_form=form))
        changed = self.submission.set_status(form.cleaned_data["status"], request.user)
        changed = self.submission.assign(form.cleaned_data["assignee"], request.user) or changed
        if changed:
            messages.success(request, f"Submission {self.submission.reference} updated.")
        return redirect("form_submission_detail", self.submission.pk)

    def get_page_subtitle(self):
        return f"{self.form_page.title} — reference {self.submission.reference}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailforms:index"), "label": "Forms"},
            {
                "url": reverse("wagtailforms:list_submissions", args=[self.form_page.pk]),
                "label": self.form_page.title,
            },
            {"url": "", "label": f"Submission {self.submission.reference}"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.submission.get_data()
        uploads = {}
        for upload in self.submission.uploads.order_by("pk"):
            uploads.setdefault(upload.field_name, []).append(upload)
        answers = []
        for field in self.form_page.get_form_fields():
            name, label = field.clean_name, field.label
            value = data.get(name)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            answers.append({"label": label, "value": value, "uploads": uploads.get(name, [])})
        history = ModelLogEntry.objects.for_instance(self.submission).select_related("user").order_by("-timestamp")[:50]
        context.update(
            submission=self.submission,
            form_page=self.form_page,
            answers=answers,
            received=local_datetime(self.submission.submit_time),
            history=history,
        )
        context.setdefault("triage_form", self.triage_form())
        return context


def download_upload(request, upload_id):
    """Send one uploaded file as an attachment, to staff who can see that form's submissions."""
    upload = FormUpload.objects.select_related("submission").filter(pk=upload_id).first()
    if upload is None:
        raise Http404
    if not can_see_submissions(request.user, upload.submission.page_id):
        raise PermissionDenied
    try:
        handle = upload.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
    response = FileResponse(handle, as_attachment=True, filename=upload.original_name, content_type=upload.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox"
    return response


@hooks.register("register_log_actions")
def register_submission_log_actions(actions):
    from wagtail.log_actions import LogFormatter

    @actions.register_action(FormPageSubmission.STATUS_ACTION)
    class StatusChanged(LogFormatter):
        label = "Change submission status"

        def format_message(self, log_entry):
            return f"Status changed from {log_entry.data.get('from', '?')} to {log_entry.data.get('to', '?')}"

    @actions.register_action(FormPageSubmission.ASSIGN_ACTION)
    class Assigned(LogFormatter):
        label = "Assign submission"

        def format_message(self, log_entry):
            to = log_entry.data.get("to")
            return f"Assigned to {to}" if to else "Unassigned"


@hooks.register("register_admin_urls")
def register_form_submission_urls():
    return [
        path("forms/submission/<int:submission_id>/", SubmissionDetailView.as_view(), name="form_submission_detail"),
        path("forms/upload/<int:upload_id>/download/", download_upload, name="form_upload_download"),
    ]
