"""The forms app's models: department form pages, their fields, submissions and uploads.

Resident feedback on pages lives in its own app, ``feedback``.
"""

from forms.models.form_pages import FormField, FormPage, FormPageSubmission, FormUpload

__all__ = ["FormField", "FormPage", "FormPageSubmission", "FormUpload"]
