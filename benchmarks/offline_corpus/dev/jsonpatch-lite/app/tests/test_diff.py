import copy

import pytest

from jsonpatch_lite import Patch, apply_patch, make_patch

PAIRS = [
    ({}, {}),
    ({"a": 1}, {"a": 2}),
    ({"a": 1, "b": 2}, {"b": 2, "c": 3}),
    ({"a": {"b": {"c": 1, "d": 2}}}, {"a": {"b": {"c": 1, "e": 3}}}),
    ({"list": [1, 2, 3]}, {"list": [1, 3]}),
    ({"a/b": 1, "m~n": 2}, {"a/b": 2, "x~1": 3}),
    ({"flag": 1}, {"flag": True}),
    ({"n": 0}, {"n": False}),
    ({"x": None}, {"x": {"y": None}}),
    ({"a": {"b": 1}}, {"a": [1]}),
    ({"": 1, "k": {"": 2}}, {"": 3, "k": {"": 4}}),
]


@pytest.mark.parametrize("source, target", PAIRS)
def test_make_patch_round_trips(source, target):
    before = copy.deepcopy(source)
    patch = make_patch(source, target)
    assert isinstance(patch, Patch)
    assert patch.apply(source) == target
    assert apply_patch(source, patch.to_list()) == target
    assert source == before


def test_equal_documents_need_no_operations():
    assert make_patch({"a": [1, {"b": 2}]}, {"a": [1, {"b": 2}]}).to_list() == []


def test_make_patch_operations_are_minimal_and_ordered():
    ops = make_patch({"keep": 1, "gone": 2, "nested": {"x": 1}}, {"keep": 1, "nested": {"x": 2}, "new": 3}).to_list()
    assert ops == [
        {"op": "remove", "path": "/gone"},
        {"op": "replace", "path": "/nested/x", "value": 2},
        {"op": "add", "path": "/new", "value": 3},
    ]


def test_make_patch_escapes_member_names():
    ops = make_patch({}, {"a/b": 1, "c~d": 2}).to_list()
    assert ops == [
        {"op": "add", "path": "/a~1b", "value": 1},
        {"op": "add", "path": "/c~0d", "value": 2},
    ]


def test_make_patch_replaces_whole_arrays():
    assert make_patch({"l": [1, 2]}, {"l": [2, 1]}).to_list() == [{"op": "replace", "path": "/l", "value": [2, 1]}]


def test_make_patch_between_different_roots():
    assert make_patch([1], {"a": 1}).to_list() == [{"op": "replace", "path": "", "value": {"a": 1}}]
