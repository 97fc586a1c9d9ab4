"""``/healthz``: a load balancer's "is this server up?" probe.

It answers "ok" from the Python process without touching the database, so a
slow or restarting database does not make every web server look dead at once
and get taken out of rotation together; it still passes through the whole
middleware stack, so a worker that cannot serve a request fails it. Never
cached anywhere: a probe must reach the server it asks about.
"""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
