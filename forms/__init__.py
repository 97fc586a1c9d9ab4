"""Department forms: form pages built in the admin, their protected public posts and the submission inbox.

Owns the form builder (``FormPage``, ``FormField``), stored submissions and their private uploads, the
department inbox in the admin and the site-wide request limits; it lists a department's forms on its
page (``forms.wagtail_hooks``, through ``core.page_context``). The spam guard every public post shares
is ``core.protection``; resident feedback on pages is the ``feedback`` app's.
"""
