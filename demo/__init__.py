"""The demo City of Jackson: content, the commands that load it, and nothing the product needs.

It sits on top of every other app (it imports them; none imports it) and is installed only
by the development and test settings, so a production server has no ``seed_demo`` at all.
It owns:

- the city's content as plain Python data (``city``, ``departments``, ``news``, ``events``,
  ``alerts``), kept apart from page logic so a reader can review the words;
- ``upsert`` and ``seeder``, which turn that data into a published page tree idempotently,
  and ``scale``, which bulk-creates generated pages for benchmarks (``seed_demo --scale N``);
- ``sample``, the small slice of the same city that the browser tests build;
- ``activity``, a believable week of feedback and form submissions for staff screens;
- the commands ``seed_demo``, ``create_demo_admin`` and ``create_demo_users``, which share
  one refusal to run under production settings (``guard``).
"""
