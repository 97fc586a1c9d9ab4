from wagtail import hooks

from alerts import active


@hooks.register("page_cache_key_parts")
def alerts_showing_now(request):
    """Kept pages show the alerts of their moment: the set showing now is part of every page's key.

    ``state()`` compares start and end times with the clock, so an alert that starts or ends
    changes the key on the second, with no write and no cron (jackson/page_cache.py).
    """
    return active.state()
