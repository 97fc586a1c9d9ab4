"""Resident feedback on pages, and the staff triage behind it.

Owns the "Was this page helpful?" component on every public page and its endpoint
(``feedback.views``), the ``Feedback`` and ``FeedbackEvent`` models, the admin triage
queue with its bulk actions, the dashboard panel and the page feedback report
(``feedback.admin_views``, registered in ``feedback.wagtail_hooks``), the department
notification task and the retention purge command.

It sits beside ``forms`` in the layers and imports nothing from it: the spam guard both
use is ``core.protection.SubmissionGuard``, with its template
``core/includes/protection_fields.html``.

Until December 2026 this lived inside ``forms``; its migrations moved the tables and
content types across without touching a row (see ``feedback/migrations/0001_initial.py``),
and the old admin addresses under ``/admin/snippets/forms/feedback/`` redirect here.
"""
