"""Pause per-save search indexing while the seed writes many pages.

Every page save normally re-indexes that page inline (django-tasks'
immediate backend), and one publish saves a page up to three times. The seed
rebuilds the whole index with ``update_index`` at the end anyway, so indexing
each save along the way only costs time: about a third of it.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save


@contextmanager
def search_indexing_paused():
    from modelsearch import index
    from modelsearch.signal_handlers import post_save_signal_handler

    paused = [
        model for model in index.get_indexed_models() if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)
