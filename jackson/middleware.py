"""A strict Content-Security-Policy and Permissions-Policy for the public site.

Our templates carry no inline script or style, so the policy needs no
'unsafe-inline'. The Wagtail admin is left alone: its own pages rely on
inline script we do not control.

Django's own debug pages (the yellow 404 and 500 pages shown with ``DEBUG``)
are all inline style and script; under the strict policy they render as bare
text. With ``DEBUG`` on *and* ``CSP_RELAX_DEBUG_PAGES`` (set only in
jackson/settings/dev.py), those pages, and only those, get a policy that
allows their inline code. Production has ``DEBUG`` off, so the relaxation can
never apply there.
"""

from django.conf import settings

#: Both of Django's technical pages (technical_404.html, technical_500.html) carry this tag.
DEBUG_PAGE_MARKER = b'<meta name="robots" content="NONE,NOARCHIVE">'

#: What the debug pages need on top of the site's policy.
DEBUG_PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'; "
    "object-src 'none'"
)


def is_debug_page(response):
    """True for Django's technical 404/500 page while DEBUG and the development relaxation are on."""
    if not (settings.DEBUG and getattr(settings, "CSP_RELAX_DEBUG_PAGES", False)):
        return False
    if response.status_code < 400 or getattr(response, "streaming", False):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    return DEBUG_PAGE_MARKER in _body(response)[:2000]


def _body(response):
    """The body as the view wrote it: jackson.compression runs before this middleware sees it."""
    encoding = response.get("Content-Encoding", "")
    try:
        if encoding == "br":
            import brotli

            return brotli.decompress(response.content)
        if encoding == "gzip":
            import gzip

            return gzip.decompress(response.content)
    except Exception:  # noqa: BLE001 - an undecodable body is simply not a debug page
        return b""
    return response.content


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.exempt_prefixes = ("/admin/", "/django-admin/")

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(settings, "CSP_ENABLED", False)
            and "Content-Security-Policy" not in response
            and not request.path.startswith(self.exempt_prefixes)
        ):
            response["Content-Security-Policy"] = DEBUG_PAGE_POLICY if is_debug_page(response) else settings.CSP_POLICY
        if "Permissions-Policy" not in response and not request.path.startswith(self.exempt_prefixes):
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response
