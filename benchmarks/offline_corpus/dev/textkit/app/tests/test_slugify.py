import pytest

from textkit import slugify


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello World", "hello-world"),
        ("Crème brûlée", "creme-brulee"),
        ("Ångström & Co.", "angstrom-co"),
        ("  spaces   and---dashes  ", "spaces-and-dashes"),
        ("already-a-slug", "already-a-slug"),
        ("Python 3.12 release notes", "python-3-12-release-notes"),
        ("!!!", ""),
    ],
)
def test_slugify(text, expected):
    assert slugify(text) == expected


def test_custom_separator():
    assert slugify("Hello, big World", separator="_") == "hello_big_world"


def test_max_length_cuts_the_slug():
    assert slugify("the quick brown fox", max_length=9) == "the-quick"
    assert len(slugify("abcdefghijklmnop", max_length=5)) == 5


def test_max_length_never_leaves_a_trailing_separator():
    # "the-quick-" would be 10 characters; the dash is dropped.
    assert slugify("the quick brown fox", max_length=10) == "the-quick"


def test_max_length_longer_than_the_slug():
    assert slugify("short", max_length=50) == "short"


def test_max_length_must_be_positive():
    with pytest.raises(ValueError, match="max_length"):
        slugify("anything", max_length=0)
