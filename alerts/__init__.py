"""Emergency alerts: a banner at the top of every page in scope, and the feeds that relay it.

The alert is a Wagtail snippet with revisions and publishing (``models.Alert``). Which
alerts a page shows is decided on the server from a small cached list (``active.py``), so
a banner works without JavaScript and reaches cached pages the moment an alert is
published, expired or reaches its start or end time.
"""
