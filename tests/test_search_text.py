"""The query handling that runs before any backend: pure functions, no database."""

import pytest
from modelsearch.query import And, Or, Phrase, PlainText

from core.text import phone_variants
from search.query import build_query, word_forms
from search.text import (
    MAX_QUERY_LENGTH,
    clean_query,
    meaningful_tokens,
    normalise_for_analytics,
    tokens,
)


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("601-555-0142", "6015550142 5550142"),
        ("(601) 555-0142", "6015550142 5550142"),
        ("+1 601.555.0142", "6015550142 5550142"),
        ("555-0142", "5550142"),
        ("call 601 555 0142 today", "6015550142 5550142"),
        ("", ""),
        ("no number here", ""),
        ("ZIP 39201-1234", ""),
    ],
)
def test_phone_variants(typed, expected):
    assert phone_variants(typed) == expected


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("601-555-0142", ["6015550142"]),
        ("(601) 555-0142", ["6015550142"]),
        ("555-0142", ["5550142"]),
        ("Pay  Water-Bill!", ["pay", "water", "bill"]),
        ('"NEAR(trash*) AND -x:y', ["near", "trash", "and", "x", "y"]),
        ("wasn't", ["wasnt"]),
        ("Email publicworks@example.gov", ["email", "publicworks@example.gov"]),
        ("a_b", ["a", "b"]),
        ("ñandú café", ["ñandú", "café"]),
        ("\x00", []),
    ],
)
def test_tokens(typed, expected):
    assert tokens(typed) == expected


def test_stop_words_dropped_unless_nothing_else():
    assert meaningful_tokens("how do I pay my water bill") == ["pay", "water", "bill"]
    assert meaningful_tokens("how do I") == ["how", "do", "i"]


def test_clean_query():
    assert clean_query("  a \t b\x00c ") == ("a b c", False)
    query, truncated = clean_query("x" * 5000)
    assert truncated and len(query) == MAX_QUERY_LENGTH
    assert clean_query(None) == ("", False)


def test_analytics_form_masks_email():
    assert normalise_for_analytics("Me@Example.com  Water") == "[email] water"


@pytest.mark.parametrize(
    "token,forms",
    [
        ("permits", ["permits", "permit"]),
        ("permit", ["permit", "permits"]),
        ("libraries", ["libraries", "library"]),
        ("missed", ["missed", "miss"]),
        ("billing", ["billing", "bill"]),
        ("bus", ["bus"]),
        ("grass", ["grass", "grasss"]),
        ("601", ["601"]),
    ],
)
def test_word_forms(token, forms):
    assert word_forms(token) == forms


def test_build_query_with_synonyms():
    groups = [[("trash",), ("garbage",), ("solid", "waste")], [("water", "bill"), ("utility", "billing")]]
    query = build_query("garbage pickup", groups, forms=False)
    assert isinstance(query, And)
    synonyms, word = query.subqueries
    assert isinstance(synonyms, Or) and isinstance(word, PlainText) and word.query_string == "pickup"
    assert [type(q) for q in synonyms.subqueries] == [PlainText, PlainText, Phrase]
    # Multi-word synonyms are one concept: "pay water bill" is two clauses, not three.
    assert len(build_query("pay water bill", groups, forms=False).subqueries) == 2
    assert isinstance(build_query("pay water bill", groups, match_all=False, forms=False), Or)


def test_build_query_nothing_searchable():
    assert build_query('" * ( ) :') is None
    assert build_query("") is None
