"""The v1 API: one ``NinjaAPI`` with its routers, errors and documentation page.

The docs page is ninja's Swagger UI, served from ninja's own static files (``ninja`` is in
``INSTALLED_APPS``, so its template loads ``/static/ninja/…`` rather than a CDN, which the
site's Content-Security-Policy would block anyway).

The ``/ask`` endpoint ("Ask Jackson") lives in ``api/ask.py`` (a ``Router`` named ``router``, over
``search/answers.py``) and is mounted below, with the other routers.
"""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from api import ask, content, errors, pages, searching, site

DESCRIPTION = """Read-only JSON for apps, chatbots, voice assistants and other front ends: every page
the website shows anonymously, nothing more. Lists take `limit` (at most 100) and `offset`.
Errors are `{"error": …, "parameter": …}` with a 4xx status. Within v1, fields and endpoints
are only added, never removed or changed."""

api = NinjaAPI(
    title="City of Jackson API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs=Swagger(settings={"deepLinking": True, "defaultModelsExpandDepth": 0}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("/pages/", pages.router)
api.add_router("/", content.router)
api.add_router("/", searching.router)
api.add_router("/", site.router)
api.add_router("/", ask.router)
