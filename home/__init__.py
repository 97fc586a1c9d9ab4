"""The home page and the site-wide frame around every page.

Owns ``HomePage`` and ``StandardPage`` (home.models), the city settings (name, contact details,
social and policy links), the main navigation and footer template tags (``home.templatetags``),
tap-to-call phone links, the kept site and settings (``home.middleware``), the page-serving rules
every page shares (``home.wagtail_hooks``: expired pages are gone, restricted pages never kept)
and the deploy checks. It sits above departments, news, events and forms, so it may show their
pages; the base page, shared blocks and caches are ``core``'s.
"""
