import pytest

from textkit import truncate


def test_short_text_is_unchanged():
    assert truncate("hello", 10) == "hello"


def test_text_of_exactly_width_is_unchanged():
    assert truncate("hello world", 11) == "hello world"


def test_cuts_on_a_word_boundary():
    assert truncate("the quick brown fox", 12) == "the quick…"


def test_keeps_a_word_that_ends_exactly_at_the_room():
    # 11 characters of room plus the one-character ellipsis.
    assert truncate("hello world and more", 12) == "hello world…"


def test_result_never_exceeds_width():
    text = "lorem ipsum dolor sit amet consectetur adipiscing elit"
    for width in range(1, len(text) + 1):
        assert len(truncate(text, width)) <= width


def test_custom_ellipsis():
    assert truncate("the quick brown fox", 13, ellipsis="...") == "the quick..."
    assert truncate("the quick brown fox", 11, ellipsis="...") == "the..."
    assert truncate("the quick brown fox", 11, ellipsis="") == "the quick"


def test_long_first_word_is_cut_hard():
    assert truncate("supercalifragilistic word", 6) == "super…"


def test_width_must_leave_room_for_the_ellipsis():
    with pytest.raises(ValueError, match="ellipsis"):
        truncate("anything at all", 2, ellipsis="...")
