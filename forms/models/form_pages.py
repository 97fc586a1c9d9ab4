"""Forms that departments build themselves.

A ``FormPage`` lives inside a department's subtree, so the department's
editors can build it (page permissions) and only that department's staff
(and Communications) see its submissions: Wagtail lists a form's
submissions to users who can edit the form page.

A resident's submission is handled in this order, so nothing is lost:

1. spam protection (``core.protection.SubmissionGuard``, shared with the
   feedback component): size, same-origin, per-client rate limit, then the
   honeypot and minimum fill time;
2. validation, field by field (``forms.builder``; files in ``forms.uploads``);
3. the submission and its files are stored (files in private storage);
4. a background task emails the department's form contacts a link to it, and
   another confirms receipt to the resident when they gave an email address.

Each submission gets a reference a person can read out (``forms.references``),
and a status and an assignee so a department can work through its inbox;
changes to those are written to Wagtail's audit log.
"""

import logging
import os
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.log_actions import log
from wagtail.search import index

from core.pages import BasePage
from core.protection import SubmissionGuard
from forms import references
from forms.builder import FIELD_TYPE_CHOICES, RESERVED_NAMES, DepartmentFormBuilder, one_line
from forms.storage import PrivateMediaStorage
from forms.uploads import MAX_FILE_FIELDS_PER_FORM, TEXT_BODY_BYTES, display_name, form_body_limit

logger = logging.getLogger(__name__)


class FormField(AbstractFormField):
    page = ParentalKey("forms.FormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField("field type", max_length=16, choices=FIELD_TYPE_CHOICES)
    field_type.required_on_save = True
    error_message = models.CharField(
        "message when left blank",
        max_length=200,
        blank=True,
        help_text="Optional. What the resident reads if they skip this required field, e.g. "
        "“Enter the street or nearest intersection”. Left empty, one is made from the label.",
    )

    panels = AbstractFormField.panels + [FieldPanel("error_message")]

    def clean(self):
        super().clean()
        # One line of plain text: it is shown as an error message, escaped, next to the field.
        self.error_message = one_line(self.error_message)
        if (self.clean_name or self.get_field_clean_name()) in RESERVED_NAMES:
            raise ValidationError({"label": "This label is reserved by the form itself; please reword it."})
        if self.field_type in ("dropdown", "radio", "checkboxes") and not self.choices.strip():
            raise ValidationError({"choices": "List the choices, one per line."})


class FormPage(AbstractEmailForm, BasePage):
    #: Spam protection shared with the feedback component (one scope for all department forms,
    #: so the per-client rate limit counts across forms).
    GUARD_SCOPE = "department-form"
    GUARD_RATE = 20
    GUARD_PER_SECONDS = 600
    GUARD_MIN_SECONDS = 3
    THANKS_PARAM = "thanks"

    form_builder = DepartmentFormBuilder

    intro = RichTextField(features=["bold", "italic", "link", "ul", "ol"], blank=True)
    thank_you_text = RichTextField(
        "Confirmation message",
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Shown after a resident submits the form.",
    )

    reference_prefix = models.CharField(
        max_length=references.PREFIX_MAX,
        blank=True,
        validators=[references.validate_prefix],
        help_text="Letters that start each submission's reference number, like PW in PW-7K3Q-2M. "
        "Left empty, the department's initials are used.",
    )
    confirmation_email_text = models.TextField(
        "what happens next (resident's email)",
        max_length=2000,
        validators=[MaxLengthValidator(2000)],
        blank=True,
        help_text="Plain text for the confirmation emailed to a resident who gives an email address "
        "(the form's first email field). Say what happens next and when. Left empty, a general "
        "message is used.",
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form fields"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("reference_prefix"), FieldPanel("confirmation_email_text")],
            heading="Reference number and resident's confirmation",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="Email notifications to staff",
        ),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("search_description"),
        index.SearchField("intro", boost=1.5),
        index.SearchField("get_department_name"),
    ]

    parent_page_types = ["departments.DepartmentPage"]
    subpage_types = []
    api_fields = [APIField("intro"), APIField("department_name")]
    type_label = "Form"

    def listing_summary(self):
        from django.utils.html import strip_tags

        return self.search_description or strip_tags(self.intro)

    def clean_fields(self, exclude=None):
        # "pw " is what the editor meant by PW: normalise before the letters-only check.
        self.reference_prefix = (self.reference_prefix or "").strip().upper()
        super().clean_fields(exclude=exclude)

    def clean(self):
        super().clean()
        files = [field for field in self.form_fields.all() if field.field_type == "file"]
        if len(files) > MAX_FILE_FIELDS_PER_FORM:
            raise ValidationError(
                f"A form can ask for at most {MAX_FILE_FIELDS_PER_FORM} files; "
                f"this one has {len(files)} file upload fields."
            )

    # -- the resident's side ------------------------------------------------------------------

    DEFAULT_NEXT_STEPS = (
        "Staff in the department will read your submission, usually within two working days, "
        "and contact you if they need more information. Quote your reference number if you "
        "call or write to us about it."
    )

    def effective_reference_prefix(self):
        """The editor's prefix, else the department's initials, else the form's."""
        if self.reference_prefix:
            return self.reference_prefix
        department = self.department
        return references.initials(department.title if department else self.title)

    def next_steps_text(self):
        return self.confirmation_email_text.strip() or self.DEFAULT_NEXT_STEPS

    def resident_email_field_name(self):
        """The form's first email field: the address a confirmation goes to, if the resident gave one."""
        for field in self.get_form_fields():
            if field.field_type == "email":
                return field.clean_name
        return None

    def get_data_fields(self):
        """The inbox's columns: reference, date, status and assignee before the answers."""
        return [
            ("reference", "Reference"),
            ("submit_time", "Received"),
            ("status", "Status"),
            ("assignee", "Assigned to"),
        ] + [(field.clean_name, field.label) for field in self.get_form_fields()]

    def file_field_names(self):
        return [field.clean_name for field in self.get_form_fields() if field.field_type == "file"]

    def guard(self):
        body_limit = form_body_limit(len(self.file_field_names()))
        return SubmissionGuard(
            scope=self.GUARD_SCOPE,
            rate=self.GUARD_RATE,
            per=self.GUARD_PER_SECONDS,
            min_seconds=self.GUARD_MIN_SECONDS,
            max_body_bytes=body_limit,
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guard_fields"] = self.guard().fields_context()
        return context

    def _thanks_salt(self):
        return f"jackson.forms.thanks.{self.pk}"

    def thanks_url(self, request, submission):
        """Where a successful post redirects (post/redirect/get: reloading cannot send it twice)."""
        # The reference, not the id: the token is readable (only signed), and an id would count submissions.
        token = signing.dumps(submission.reference if submission else "", salt=self._thanks_salt())
        return f"{self.get_url(request)}?{urlencode({self.THANKS_PARAM: token})}"

    def thanks_submission(self, request):
        """``(True, submission or None)`` for a valid thank-you link, ``(False, None)`` otherwise."""
        try:
            reference = signing.loads(
                request.GET.get(self.THANKS_PARAM, "")[:200], salt=self._thanks_salt(), max_age=3600
            )
        except signing.BadSignature:
            return False, None
        if not reference or not isinstance(reference, str):
            return True, None
        return True, FormPageSubmission.objects.filter(reference=reference, page=self).first()

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            if self.THANKS_PARAM in request.GET:
                valid, submission = self.thanks_submission(request)
                if valid:
                    return self.render_landing_page(request, submission, *args, **kwargs)
            return super().serve(request, *args, **kwargs)
        # Size, origin and rate come from the headers and the cache: nothing reads the body
        # (request.POST / FILES) until they pass.
        guard = self.guard()
        refused = guard.check_size(request) or guard.check_origin(request) or guard.check_rate(request)
        if refused:
            return self.serve_refusal(request, refused)
        verdict = guard.check_content(request.POST)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if form.is_valid():
            if verdict.spam:
                logger.info("Dropped a spam submission to form %s (%s)", self.pk, verdict.reason)
                return redirect(self.thanks_url(request, None))
            submission = self.process_form_submission(form)
            return redirect(self.thanks_url(request, submission))
        return self.render_form(request, form)

    def render_form(self, request, form, status=200):
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def serve_refusal(self, request, verdict):
        """The form again with the reason it was refused, and the resident's typed answers if cheap.

        A body too large is never read: the form comes back empty. For another site or too many
        posts, the typed answers are kept only when the body is small enough to hold nothing but
        text (``TEXT_BODY_BYTES``), and any files in it are skipped, not parsed; otherwise
        the form comes back empty too, rather than parsing uploads we are refusing.
        """
        data = None
        if verdict.reason != "too_large" and _body_length(request) <= TEXT_BODY_BYTES:
            if not hasattr(request, "_files"):  # not yet parsed (the CSRF check may have done it)
                request.upload_handlers = [SkipFilesHandler()]
            data = request.POST
        form = self.get_form(data, page=self, user=request.user)
        if data is None:
            form.cleaned_data = {}  # an unbound form has none; add_error expects it
        form.add_error(None, verdict.message)
        return self.render_form(request, form, status=verdict.status)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        email_field = self.resident_email_field_name()
        response.context_data["resident_emailed"] = bool(
            form_submission and email_field and form_submission.form_data.get(email_field)
        )
        return response

    def get_submission_class(self):
        return FormPageSubmission

    def process_form_submission(self, form):
        """Store the answers and files first; only then ask for the notification email."""
        from forms.notifications import notify_form_submission, send_resident_confirmation

        file_names = set(self.file_field_names())
        data, files = {}, []
        for name, value in form.cleaned_data.items():
            if name in file_names or isinstance(value, UploadedFile):
                data[name] = display_name(value.name) if value else ""
                if value:
                    files.append((name, value))
            else:
                data[name] = value
        with transaction.atomic():
            submission = FormPageSubmission(form_data=data, page=self)
            submission.reference = FormPageSubmission.new_reference(self.effective_reference_prefix())
            submission.save()
            for name, uploaded in files:
                FormUpload.store(submission, name, uploaded)
        notify_form_submission.enqueue(submission.pk)
        email_field = self.resident_email_field_name()
        if email_field and data.get(email_field):
            send_resident_confirmation.enqueue(submission.pk)
        return submission

    # -- the staff side -----------------------------------------------------------------------

    def get_submissions_list_view_class(self):
        from forms.submission_admin import DepartmentSubmissionsListView

        return DepartmentSubmissionsListView

    def notification_recipients(self):
        """The department's form contacts, plus any extra addresses set on this form."""
        department = self.department
        recipients = list(department.form_recipients) if department else []
        for address in (self.to_address or "").split(","):
            if address.strip() and address.strip() not in recipients:
                recipients.append(address.strip())
        return recipients


def _body_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class SkipFilesHandler(FileUploadHandler):
    """Reads a multipart body's text fields and drops its files unstored."""

    def new_file(self, *args, **kwargs):
        raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


class FormPageSubmission(AbstractFormSubmission):
    """One resident's answers to a department form; uploaded files hang off it as ``FormUpload`` rows."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DUPLICATE = "duplicate", "Duplicate"

    OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)

    STATUS_ACTION = "forms.submission.status"
    ASSIGN_ACTION = "forms.submission.assign"

    reference = models.CharField(max_length=references.REFERENCE_MAX_LENGTH, unique=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_form_submissions",
        verbose_name="assigned to",
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "form submission"
        verbose_name_plural = "form submissions"
        ordering = ["-submit_time"]

    def __str__(self):
        return f"Submission {self.reference or self.pk}"

    def save(self, *args, **kwargs):
        # Every submission has a reference, however it was made (the form, an import, a test).
        if not self.reference:
            page = self.page.specific
            prefix = page.effective_reference_prefix() if isinstance(page, FormPage) else references.FALLBACK_PREFIX
            self.reference = self.new_reference(prefix)
        super().save(*args, **kwargs)

    @classmethod
    def new_reference(cls, prefix):
        return references.new_reference(prefix, lambda ref: cls.objects.filter(reference=ref).exists())

    @property
    def assignee_label(self):
        if not self.assignee_id:
            return ""
        return self.assignee.get_full_name() or self.assignee.get_username()

    def get_data(self):
        return {
            **super().get_data(),
            "reference": self.reference,
            "status": self.get_status_display(),
            "assignee": self.assignee_label,
        }

    def set_status(self, status, user):
        """Change the status and log who did it; returns whether anything changed."""
        if status == self.status:
            return False
        old = self.get_status_display()
        self.status = status
        self.save(update_fields=["status"])
        log(self, self.STATUS_ACTION, user=user, data={"from": old, "to": self.get_status_display()})
        return True

    def assign(self, assignee, user):
        """Assign (or unassign, with ``None``) and log who did it; returns whether anything changed."""
        if (assignee.pk if assignee else None) == self.assignee_id:
            return False
        old = self.assignee_label
        self.assignee = assignee
        self.save(update_fields=["assignee"])
        log(self, self.ASSIGN_ACTION, user=user, data={"from": old, "to": self.assignee_label})
        return True


def upload_path(instance, filename):
    """A random name under the form's folder: the resident's file name never reaches the disk."""
    extension = os.path.splitext(filename)[1].lower()
    now = timezone.now()
    return f"form-uploads/{instance.submission.page_id}/{now:%Y/%m}/{uuid.uuid4().hex}{extension}"


class FormUpload(models.Model):
    submission = models.ForeignKey(FormPageSubmission, on_delete=models.CASCADE, related_name="uploads")
    field_name = models.CharField(max_length=255)
    file = models.FileField(storage=PrivateMediaStorage(), upload_to=upload_path, max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "form upload"
        verbose_name_plural = "form uploads"

    def __str__(self):
        return self.original_name

    @classmethod
    def store(cls, submission, field_name, uploaded):
        kind = uploaded.upload_kind
        upload = cls(
            submission=submission,
            field_name=field_name,
            original_name=display_name(uploaded.name),
            content_type=kind.content_type,
            size=uploaded.size,
        )
        upload.file.save(f"upload.{kind.extension}", uploaded, save=False)
        upload.save()
        return upload


@receiver(post_delete, sender=FormUpload)
def delete_stored_file(sender, instance, **kwargs):
    """Deleting a submission in the admin also removes its files from disk."""
    if instance.file:
        instance.file.delete(save=False)
