"""The Django project: settings, URLs, the page cache and the base templates, above every app.

It may import any app (URLs and middleware wire them together); no app imports it. The layer
test (tests/test_layers.py) places it at the top with ``bench``.
"""
