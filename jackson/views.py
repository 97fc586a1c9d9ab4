"""The site's own error view: the 500 page shows the site-wide alerts.

During an emergency the site is under the most load and the most likely to fail, and a
resident who meets an error page still needs the boil-water notice and its hotline. So
``handler500`` renders 500.html with the alerts that show on pages that are not Wagtail
pages (``alerts.active.for_page(None)``), read from the cache like any page.

A 500 must never become a second crash: if reading the alerts or rendering the page fails
(the database or the cache is down, which may be why we are here), Django's own
``server_error`` renders the plain 500.html with an empty context.
"""

import logging

from django.http import HttpResponseServerError
from django.template import loader
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

from alerts import active

logger = logging.getLogger(__name__)


@requires_csrf_token
def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    try:
        context = {"site_alerts": active.for_page(None)}
        html = loader.render_to_string(template_name, context, request=request)
    except Exception:  # noqa: BLE001 - anything at all: fall back to the page that needs nothing
        logger.warning("500 page rendered without alerts", exc_info=True)
        return defaults.server_error(request, template_name)
    return HttpResponseServerError(html)
