"""The forms app's models: department form pages, and resident feedback.

Split into modules so each area stays small; Django finds them through this
package.
"""

from forms.models.feedback import Feedback, FeedbackEvent
from forms.models.form_pages import FormField, FormPage, FormPageSubmission, FormUpload

__all__ = ["Feedback", "FeedbackEvent", "FormField", "FormPage", "FormPageSubmission", "FormUpload"]
