"""A strict Content-Security-Policy and Permissions-Policy for the public site.

Our templates carry no inline script or style, so the policy needs no
'unsafe-inline'. The Wagtail admin is left alone: its own pages rely on
inline script we do not control.
"""

from django.conf import settings


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
            response["Content-Security-Policy"] = settings.CSP_POLICY
        if "Permissions-Policy" not in response and not request.path.startswith(self.exempt_prefixes):
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response
