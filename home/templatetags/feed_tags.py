"""Links to the site's feeds and calendars on its public host (core/public_url.py).

A ``webcal://`` link must be absolute, so it cannot be a path like every other link on a page:
calendar apps subscribe to it and keep it, so it names the public host, not the request's.
"""

from django import template

from core.public_url import public_base_url, webcal_url

register = template.Library()


@register.simple_tag(takes_context=True)
def webcal(context, path, query=""):
    """``webcal://<public host><path><query>``: a path and query string (``?department=parks``) as a subscription.

    The query is a separate argument so a listing without one (a page rendered outside its
    routed view) still gets a link rather than a template error.
    """
    return webcal_url(f"{path}{query or ''}", public_base_url(context.get("request")))
