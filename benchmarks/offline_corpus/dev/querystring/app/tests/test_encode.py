from decimal import Decimal

import pytest

from querystring import encode, parse


def test_flat():
    assert encode({"a": "1", "b": "two"}) == "a=1&b=two"


def test_scalars():
    assert encode({"n": 3, "f": 1.5, "d": Decimal("2.50"), "yes": True, "no": False}) == (
        "n=3&f=1.5&d=2.50&yes=true&no=false"
    )


def test_none_is_left_out():
    assert encode({"a": None, "b": "1", "c": {"d": None, "e": "2"}}) == "b=1&c[e]=2"


def test_empty_containers_are_left_out():
    assert encode({"a": [], "b": {}, "c": "x"}) == "c=x"
    assert encode({}) == ""


def test_nested_mapping():
    assert encode({"a": {"b": {"c": "1"}, "d": "2"}}) == "a[b][c]=1&a[d]=2"


def test_lists_with_brackets():
    assert encode({"ids": [3, 1, 2]}) == "ids[]=3&ids[]=1&ids[]=2"


def test_lists_without_brackets():
    assert encode({"ids": [3, 1], "f": {"tags": ["x", "y"]}}, brackets=False) == "ids=3&ids=1&f[tags]=x&f[tags]=y"


def test_lists_of_mappings_use_indices():
    assert encode({"u": [{"name": "ada"}, {"name": "alan"}]}) == "u[0][name]=ada&u[1][name]=alan"
    assert encode({"u": [{"name": "ada"}]}, brackets=False) == "u[0][name]=ada"


def test_values_are_form_encoded():
    assert encode({"q": "fish & chips", "sum": "1+1=2", "path": "/a/b"}) == (
        "q=fish+%26+chips&sum=1%2B1%3D2&path=%2Fa%2Fb"
    )
    assert encode({"city": "São Paulo"}) == "city=S%C3%A3o+Paulo"


def test_keys_are_form_encoded_at_every_level():
    assert encode({"first name": "Ada"}) == "first+name=Ada"
    assert encode({"f": {"a&b": "1", "c d": "2"}}) == "f[a%26b]=1&f[c+d]=2"


def test_sort_orders_keys_at_every_level():
    obj = {"b": "1", "a": {"z": "2", "m": {"y": "3", "x": "4"}}, "c": ["q", "p"]}
    assert encode(obj, sort=True) == "a[m][x]=4&a[m][y]=3&a[z]=2&b=1&c[]=q&c[]=p"
    assert encode(obj) == "b=1&a[z]=2&a[m][y]=3&a[m][x]=4&c[]=q&c[]=p"


def test_needs_a_mapping():
    with pytest.raises(TypeError):
        encode(["a", "b"])


def test_unsupported_values():
    with pytest.raises(TypeError):
        encode({"a": object()})


@pytest.mark.parametrize(
    "obj",
    [
        {"a": "1", "b": "two words"},
        {"a": {"b": {"c": "1"}, "d": "x&y=z"}},
        {"ids": ["3", "1", "2"]},
        {"u": [{"name": "ada", "langs": ["en", "fr"]}, {"name": "alan"}]},
        {"f": {"a&b": "1", "c d": "+"}},
        {"deep": {"a": {"b": {"c": {"d": "1"}}}}},
        {"unicode": "ünïcödé ☃"},
    ],
)
def test_round_trip(obj):
    assert parse(encode(obj)) == obj
    assert parse(encode(obj, sort=True)) == obj


def test_round_trip_without_brackets():
    obj = {"tag": ["a", "b", "c"], "x": "1"}
    assert parse(encode(obj, brackets=False)) == obj


def test_round_trip_of_booleans_and_numbers_gives_strings():
    assert parse(encode({"on": True, "n": 5, "skip": None})) == {"on": "true", "n": "5"}
