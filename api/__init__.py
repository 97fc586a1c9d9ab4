"""The public, read-only JSON API, version 1 (``/api/v1/``), for apps, chatbots and voice assistants.

This app owns the API's endpoints, their typed schemas, its parameter rules, its error bodies,
and its web behaviour (cache headers, the per-client rate limit, the documentation page). It
owns no models and no content: it reads what the other apps publish, through the same
visibility rules the website uses, and sits at the top of the layers (it may import core,
departments, news, events, forms, alerts, home and search; nothing imports it but
``jackson/urls.py``).

Built on django-ninja: typed parameters and pydantic schemas give the OpenAPI 3 schema at
``/api/v1/openapi.json`` for free, and ninja is installed with Wagtail 8 already.
"""
