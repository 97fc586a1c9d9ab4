"""``{% kept_fragment %}``: a piece of a page rendered once per content version, then reused.

Why: after every publish or alert the page cache forgets every page at once, and each one is
rendered again. Most of what those renders repeat (the footer, breadcrumbs, a department's
listings, the home page's news cards with their image renditions) depends only on what is
published, which the content version (``core.freshness``) names. Keeping those pieces under
it makes a page-cache miss cost the parts that really vary: the alerts, the feedback form's
guard fields, upcoming events.

    {% load kept_fragments %}
    {% kept_fragment "department-listings" page.pk %} ... {% endkept_fragment %}

The key is the name, the given parts, the request's scheme and host (``pageurl`` writes a
relative or an absolute address depending on the site) and the content version. Unlike
Django's ``{% cache %}``:

- a preview (``request.is_preview``) is never kept nor served from the cache: it shows a draft;
- a cache outage costs speed, never the page (``freshness.kept`` fails open);
- nothing needs the version passed in, so a template cannot forget it.

Only wrap markup that is the same for everyone who may see the page: nothing from the
request, the user, the clock or a CSRF token, and no ``{% ... as var %}`` used outside it.

It lives in core, the bottom layer, because templates of every layer use it (the departments app's
department page, the project's breadcrumbs and footer, the home page) and it needs only
``core.freshness``.
"""

import hashlib

from django import template
from django.utils.safestring import mark_safe

from core import freshness

register = template.Library()

#: Bounds how long an unused fragment stays; the content version in its key forgets it sooner.
FRAGMENT_SECONDS = 600


class KeptFragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        name = self.name.resolve(context)
        parts = [request.scheme, request.get_host(), *(str(part.resolve(context)) for part in self.parts)]
        digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        fragment = freshness.kept(
            f"fragment:{name}:{digest}", FRAGMENT_SECONDS, lambda: str(self.nodelist.render(context)), in_process=True
        )
        # The template's own output, escaped when it was rendered; a cache may hand back a plain str.
        return mark_safe(fragment)  # noqa: S308


@register.tag
def kept_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f'{bits[0]} needs a name: {{% {bits[0]} "name" part... %}}')
    nodelist = parser.parse(("endkept_fragment",))
    parser.delete_first_token()
    return KeptFragmentNode(nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]])


@register.filter
def pks(objects):
    """The primary keys of ``objects`` as one key part ("3,8,12"): a listing whose members depend on
    the clock (upcoming events) is kept per member set. A queryset is evaluated once, here, and the
    template's loop reuses its results.
    """
    return ",".join(str(item.pk) for item in objects or ())
