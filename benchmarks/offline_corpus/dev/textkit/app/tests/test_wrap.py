import pytest

from textkit import wrap


def test_wraps_greedily():
    assert wrap("the quick brown fox jumps over the lazy dog", 10) == [
        "the quick",
        "brown fox",
        "jumps over",
        "the lazy",
        "dog",
    ]


def test_a_line_may_be_exactly_width_long():
    assert wrap("abcd efgh ij", 9) == ["abcd efgh", "ij"]


def test_whitespace_runs_collapse():
    assert wrap("one\n\ntwo   three", 80) == ["one two three"]


def test_long_words_are_split():
    assert wrap("a abcdefghij b", 4) == ["a", "abcd", "efgh", "ij b"]


def test_empty_text():
    assert wrap("", 10) == []
    assert wrap("   ", 10) == []


def test_width_must_be_positive():
    with pytest.raises(ValueError):
        wrap("text", 0)
