import pytest

from querystring import QueryStringError, parse


def test_error_is_a_value_error_with_the_key():
    with pytest.raises(ValueError) as info:
        parse("a[b=1", strict=True)
    assert isinstance(info.value, QueryStringError)
    assert info.value.key == "a[b"
    assert "a[b" in str(info.value)


@pytest.mark.parametrize("qs, key", [("a[b=1", "a[b"), ("c]=2", "c]"), ("a[b]c=1", "a[b]c"), ("[x]=1", "[x]")])
def test_malformed_brackets(qs, key):
    with pytest.raises(QueryStringError) as info:
        parse(qs, strict=True)
    assert info.value.key == key


def test_too_deep():
    with pytest.raises(QueryStringError) as info:
        parse("ok=1&a[b][c][d][e][f][g]=1", strict=True)
    assert info.value.key == "a[b][c][d][e][f][g]"
    with pytest.raises(QueryStringError):
        parse("a[b][c]=1", strict=True, max_depth=1)
    assert parse("a[b][c][d][e][f]=1", strict=True) == {"a": {"b": {"c": {"d": {"e": {"f": "1"}}}}}}


def test_index_past_the_limit():
    with pytest.raises(QueryStringError) as info:
        parse("a[20]=x", strict=True)
    assert info.value.key == "a[20]"
    assert parse("a[19]=x", strict=True) == {"a": ["x"]}


def test_too_many_appended_items():
    with pytest.raises(QueryStringError):
        parse("a[]=1&a[]=2&a[]=3", strict=True, list_limit=2)
    assert parse("a[]=1&a[]=2", strict=True, list_limit=2) == {"a": ["1", "2"]}


def test_conflicting_keys():
    with pytest.raises(QueryStringError) as info:
        parse("a=1&a[b]=2", strict=True)
    assert info.value.key == "a[b]"
    with pytest.raises(QueryStringError):
        parse("a[b]=2&a=1", strict=True)


@pytest.mark.parametrize("qs", ["x=%zz", "x=100%", "x=%E9"])
def test_bad_escapes(qs):
    with pytest.raises(QueryStringError) as info:
        parse(qs, strict=True)
    assert info.value.key == "x"


def test_empty_key():
    with pytest.raises(QueryStringError):
        parse("=1", strict=True)


def test_strict_accepts_well_formed_input():
    qs = "a[b][]=1&a[b][]=2&c=x+y&d[0][e]=%C3%A9"
    assert parse(qs, strict=True) == parse(qs) == {"a": {"b": ["1", "2"]}, "c": "x y", "d": [{"e": "é"}]}
