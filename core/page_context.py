"""Other apps' content on a page, contributed by those apps (the page never imports them).

A page that shows content owned by another app (the home page's latest news and upcoming
events, a department's forms) names it in ``contributed_context``, a dict of context name to
how many items (``None`` for all). Every function registered under the Wagtail hook
``jackson_page_context`` is then called as ``fn(page, request, context)`` from
``BasePage.get_context`` and fills in the names its app owns, the way cfgov's base page runs its
``cfgovpage_context_handlers``. So a lower app's page can show a higher app's content and the
imports still point one way: news and events know departments, never the reverse.

Contributors live in their app's ``wagtail_hooks.py``::

    @hooks.register(page_context.HOOK)
    def latest_news(page, request, context):
        if "latest_news" in page.contributed_context:
            context["latest_news"] = ...
"""

from wagtail import hooks

HOOK = "jackson_page_context"


def contribute(page, request, context):
    """Run every registered contributor on ``context`` (a page's template context), in hook order."""
    for contributor in hooks.get_hooks(HOOK):
        contributor(page, request, context)
