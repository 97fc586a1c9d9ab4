"""Staff side of department forms: the inbox, one submission, and private file downloads.

Who may see what is Wagtail's own rule for form submissions
(``get_forms_for_user``: users who can edit the form page), so a department's
staff see their department's forms and Communications sees every form. Every
view here checks it again for the one submission or file asked for; a file
is never reachable by URL any other way (see ``forms.storage``).
"""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import SubmissionsListView

from forms.models import FormPageSubmission, FormUpload
from home.exports import FormulaSafeExportMixin


def can_see_submissions(user, page_id):
    return get_forms_for_user(user).filter(pk=page_id).exists()


def download_url(upload, absolute=False):
    url = reverse("form_upload_download", args=[upload.pk])
    if absolute:
        from django.conf import settings

        url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + url
    return url


class DepartmentSubmissionsListView(FormulaSafeExportMixin, SubmissionsListView):
    """Wagtail's submissions inbox (with CSV/XLSX export, formula-safe), plus file download links and a detail link."""

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
        for row in context.get("data_rows", []):
            files = uploads.get(row["model_id"], {})
            for index, name in enumerate(names):
                if name == "submit_time":
                    row["fields"][index] = format_html(
                        '<a href="{}">{}</a>',
                        reverse("form_submission_detail", args=[row["model_id"]]),
                        row["fields"][index],
                    )
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


class SubmissionDetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "forms/admin/submission_detail.html"
    page_title = "Form submission"
    header_icon = "form"

    def dispatch(self, request, submission_id):
        self.submission = get_object_or_404(FormPageSubmission.objects.select_related("page"), pk=submission_id)
        if not can_see_submissions(request.user, self.submission.page_id):
            raise PermissionDenied
        self.form_page = self.submission.page.specific
        return super().dispatch(request, submission_id)

    def get_page_subtitle(self):
        return f"{self.form_page.title} — reference {self.submission.pk}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailforms:index"), "label": "Forms"},
            {
                "url": reverse("wagtailforms:list_submissions", args=[self.form_page.pk]),
                "label": self.form_page.title,
            },
            {"url": "", "label": f"Submission {self.submission.pk}"},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.submission.get_data()
        uploads = {}
        for upload in self.submission.uploads.order_by("pk"):
            uploads.setdefault(upload.field_name, []).append(upload)
        answers = []
        for name, label in self.form_page.get_data_fields():
            value = data.get(name)
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            answers.append({"label": label, "value": value, "uploads": uploads.get(name, [])})
        context.update(submission=self.submission, form_page=self.form_page, answers=answers)
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


@hooks.register("register_admin_urls")
def register_form_submission_urls():
    return [
        path("forms/submission/<int:submission_id>/", SubmissionDetailView.as_view(), name="form_submission_detail"),
        path("forms/upload/<int:upload_id>/download/", download_upload, name="form_upload_download"),
    ]
