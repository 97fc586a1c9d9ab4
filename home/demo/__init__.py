"""The demo city: content as plain Python data, plus the code that loads it.

The data modules (``city``, ``departments``, ``news``, ``events``) hold lists
of dicts so a reader can review the city's words without reading any page
logic. ``upsert`` turns one dict into one published page, idempotently;
``scale`` bulk-creates generated pages for benchmarks. The management command
``seed_demo`` strings them together.
"""
