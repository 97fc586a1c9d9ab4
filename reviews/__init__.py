"""Page review reminders: when each page's owners should next check it is still right.

Every published page gets a next-review date 12 months out (``signals``); staff move it or mark
the page reviewed in the admin; *Reports → Pages due for review* lists what is due, per
department (``views``); ``manage.py send_review_reminders`` emails each department's
publishers weekly. Reviews cover every page type, so they are an app of their own above
departments (whose roles say whom to remind), not part of it.
"""
