"""City news: stories, the news index with its department and topic filters, and the RSS feed.

Stories live in a department's subtree or under /news/. The app contributes ``latest_news`` to
the home and department pages (``news.wagtail_hooks``, through ``core.page_context``).
"""
