"""Build the backend-neutral search query: tokens, synonyms, plural forms.

The result is a tree of ``modelsearch`` query objects (PlainText, Phrase, And,
Or) that the SQLite FTS5, PostgreSQL, Elasticsearch and OpenSearch backends
all compile themselves. Every leaf holds one clean token or a phrase of clean
tokens, so no backend ever sees query syntax typed by a resident.

Synonyms are expanded here, before the backend, so editors manage them once
for every backend. Plural forms are added because SQLite's FTS5 tokenizer
does not stem ("permit" would not find "permits"); PostgreSQL stems both
forms to the same lexeme, so the extra branch costs it nothing.
"""

from modelsearch.query import And, Or, Phrase, PlainText

from search.text import meaningful_tokens


def word_forms(token):
    """The token and its simplest other forms: singular or plural, and without -ed / -ing."""
    if not token.isalpha() or len(token) < 4:
        return [token]
    if token.endswith("ies"):
        return [token, token[:-3] + "y"]
    if token.endswith("s") and not token.endswith("ss"):
        return [token, token[:-1]]
    if token.endswith("ed") and len(token) >= 5:
        return [token, token[:-2]]
    if token.endswith("ing") and len(token) >= 6:
        return [token, token[:-3]]
    return [token, token + "s"]


def _leaf(term_tokens, forms=True):
    if len(term_tokens) == 1:
        if not forms:
            return PlainText(term_tokens[0])
        forms = word_forms(term_tokens[0])
        if len(forms) == 1:
            return PlainText(forms[0])
        return Or([PlainText(form) for form in forms])
    return Phrase(" ".join(term_tokens))


def _any_of(queries):
    return queries[0] if len(queries) == 1 else Or(queries)


def concepts(query_tokens, groups):
    """The concepts of a query: ``(the tokens asked, the term tuples that express them)`` for a word or phrase.

    A word that belongs to a synonym group is expressed by every term of the group.
    Multi-word synonyms ("solid waste", "water bill") are matched greedily,
    longest first, so "water bill" is one concept rather than two words.
    ``search.answers`` reads the same concepts to judge how well a page answers.
    """
    result = []
    position = 0
    while position < len(query_tokens):
        best_length, best_group = 0, None
        for group in groups:
            for term in group:
                length = len(term)
                if length > best_length and tuple(query_tokens[position : position + length]) == term:
                    best_length, best_group = length, group
        if best_group:
            result.append((tuple(query_tokens[position : position + best_length]), [tuple(t) for t in best_group]))
            position += best_length
        else:
            result.append(((query_tokens[position],), [(query_tokens[position],)]))
            position += 1
    return result


def clauses(query_tokens, groups, forms=True):
    """One clause per concept in the query (``concepts``): a word, or a synonym group it belongs to."""
    return [_any_of([_leaf(list(term), forms) for term in terms]) for _asked, terms in concepts(query_tokens, groups)]


def build_query(text, groups=(), match_all=True, forms=True):
    """The backend query for ``text``; None if it has nothing to search for.

    ``match_all`` requires every concept (AND); without it, any concept will
    do (OR), which the search view uses when AND finds little. ``forms=False``
    (for backends that stem: PostgreSQL, Elasticsearch, OpenSearch) leaves
    out the plural/-ed/-ing variants, halving the ``ts_rank`` calls
    PostgreSQL makes per matching page.
    """
    query_tokens = meaningful_tokens(text)
    if not query_tokens:
        return None
    parts = clauses(query_tokens, groups, forms)
    if len(parts) == 1:
        return parts[0]
    return And(parts) if match_all else Or(parts)
