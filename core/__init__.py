"""The shared bottom layer every app builds on; it imports no app of the project.

Owns the base page (``core.pages``: ``BasePage``, ``MenuTitleMixin``, ``department_of``), the
StreamField blocks every page body shares and their templates (``core.blocks``), the generic
listing helpers (``core.listings``), the content-version cache (``core.freshness``), which parts
of the tree are private (``core.visibility``), what a response tells the page cache
(``core.page_keeping``), front-end cache purging (``core.frontend_cache``), formula-safe exports
(``core.exports``), the spam guard every public post shares (``core.protection``), phone-number
text for the search index (``core.text``) and the hook through which apps add their content to
other apps' pages (``core.page_context``).

Higher apps reach down; this layer reaches up only by name (``apps.get_model``) or by letting
them register (Wagtail hooks, ``freshness.connect_model``). See README "Architecture".
"""
