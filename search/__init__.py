"""Site search: one query over every page type, best bets, synonyms, and search analytics.

Owns the search page and its engine (``search.engine``; on PostgreSQL one SQL statement per
search, ``search.one_statement``), ranking by page type (``search.ranking``), query handling
(``search.text``), synonym groups, best bets and query statistics, and the checks on the index
table. It sits above home and every content app, and nothing but the project package imports it.
"""
