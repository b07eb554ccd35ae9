import copy

import pytest

from jsonpatch_lite import (
    InvalidPatch,
    JsonPatchError,
    Patch,
    PatchConflict,
    TestFailed,
    apply_patch,
    json_equal,
)


# --- add ---------------------------------------------------------------------------------------------------------

def test_add_object_member():
    assert apply_patch({"foo": "bar"}, [{"op": "add", "path": "/baz", "value": "qux"}]) == {"foo": "bar", "baz": "qux"}


def test_add_replaces_an_existing_member():
    assert apply_patch({"foo": "bar"}, [{"op": "add", "path": "/foo", "value": 1}]) == {"foo": 1}


def test_add_inserts_into_an_array():
    doc = {"foo": ["bar", "baz"]}
    assert apply_patch(doc, [{"op": "add", "path": "/foo/1", "value": "qux"}]) == {"foo": ["bar", "qux", "baz"]}
    assert apply_patch(doc, [{"op": "add", "path": "/foo/0", "value": "qux"}]) == {"foo": ["qux", "bar", "baz"]}


def test_add_at_the_length_of_an_array_appends():
    assert apply_patch([1, 2], [{"op": "add", "path": "/2", "value": 3}]) == [1, 2, 3]
    assert apply_patch([], [{"op": "add", "path": "/0", "value": "x"}]) == ["x"]


def test_add_with_dash_appends():
    assert apply_patch({"a": [1]}, [{"op": "add", "path": "/a/-", "value": 2}]) == {"a": [1, 2]}


def test_add_past_the_end_is_a_conflict():
    with pytest.raises(PatchConflict):
        apply_patch([1, 2], [{"op": "add", "path": "/3", "value": 3}])


def test_add_with_leading_zero_index_is_a_conflict():
    with pytest.raises(PatchConflict):
        apply_patch([1, 2], [{"op": "add", "path": "/01", "value": 3}])


def test_add_to_a_missing_parent_is_a_conflict():
    with pytest.raises(PatchConflict):
        apply_patch({"q": {"bar": 2}}, [{"op": "add", "path": "/a/b", "value": 1}])


def test_add_at_root_replaces_the_document():
    assert apply_patch({"a": 1}, [{"op": "add", "path": "", "value": [1]}]) == [1]


@pytest.mark.parametrize("value", [0, None, False, "", [], {}])
def test_falsy_values_are_values(value):
    assert apply_patch({}, [{"op": "add", "path": "/v", "value": value}]) == {"v": value}
    assert apply_patch({"v": 1}, [{"op": "replace", "path": "/v", "value": value}]) == {"v": value}


# --- remove ------------------------------------------------------------------------------------------------------

def test_remove_member_and_element():
    assert apply_patch({"baz": "qux", "foo": "bar"}, [{"op": "remove", "path": "/baz"}]) == {"foo": "bar"}
    assert apply_patch({"foo": ["bar", "qux", "baz"]}, [{"op": "remove", "path": "/foo/1"}]) == {"foo": ["bar", "baz"]}


def test_remove_missing_is_a_conflict():
    with pytest.raises(PatchConflict):
        apply_patch({"a": 1}, [{"op": "remove", "path": "/b"}])
    with pytest.raises(PatchConflict):
        apply_patch([1, 2], [{"op": "remove", "path": "/2"}])
    with pytest.raises(PatchConflict):
        apply_patch([1, 2], [{"op": "remove", "path": "/-"}])


# --- replace -----------------------------------------------------------------------------------------------------

def test_replace_value():
    doc = {"baz": "qux", "foo": "bar"}
    assert apply_patch(doc, [{"op": "replace", "path": "/baz", "value": "boo"}]) == {"baz": "boo", "foo": "bar"}
    assert apply_patch([1, 2, 3], [{"op": "replace", "path": "/2", "value": 9}]) == [1, 2, 9]


def test_replace_missing_member_is_a_conflict():
    with pytest.raises(PatchConflict):
        apply_patch({"a": 1}, [{"op": "replace", "path": "/b", "value": 2}])


def test_replace_out_of_range_is_a_conflict():
    with pytest.raises(PatchConflict):
        apply_patch([1], [{"op": "replace", "path": "/1", "value": 2}])


def test_replace_root():
    assert apply_patch({"a": 1}, [{"op": "replace", "path": "", "value": {"b": 2}}]) == {"b": 2}


# --- move / copy -------------------------------------------------------------------------------------------------

def test_move_member():
    doc = {"foo": {"bar": "baz", "waldo": "fred"}, "qux": {"corge": "grault"}}
    result = apply_patch(doc, [{"op": "move", "from": "/foo/waldo", "path": "/qux/thud"}])
    assert result == {"foo": {"bar": "baz"}, "qux": {"corge": "grault", "thud": "fred"}}


def test_move_array_element_removes_before_adding():
    doc = {"foo": ["all", "grass", "cows", "eat"]}
    result = apply_patch(doc, [{"op": "move", "from": "/foo/1", "path": "/foo/3"}])
    assert result == {"foo": ["all", "cows", "eat", "grass"]}


def test_move_to_the_front():
    assert apply_patch(["a", "b", "c"], [{"op": "move", "from": "/2", "path": "/0"}]) == ["c", "a", "b"]


def test_move_to_same_place_is_a_no_op():
    assert apply_patch({"a": 1}, [{"op": "move", "from": "/a", "path": "/a"}]) == {"a": 1}


def test_move_into_own_child_is_a_conflict():
    with pytest.raises(PatchConflict):
        apply_patch({"a": {"b": {}}}, [{"op": "move", "from": "/a", "path": "/a/b/c"}])


def test_move_from_missing_is_a_conflict():
    with pytest.raises(PatchConflict):
        apply_patch({"a": 1}, [{"op": "move", "from": "/x", "path": "/y"}])


def test_copy_member():
    result = apply_patch({"a": {"b": [1]}}, [{"op": "copy", "from": "/a", "path": "/c"}])
    assert result == {"a": {"b": [1]}, "c": {"b": [1]}}


def test_copy_is_independent_of_its_source():
    patch = [
        {"op": "copy", "from": "/a", "path": "/c"},
        {"op": "add", "path": "/c/b/-", "value": 2},
    ]
    assert apply_patch({"a": {"b": [1]}}, patch) == {"a": {"b": [1]}, "c": {"b": [1, 2]}}


# --- test --------------------------------------------------------------------------------------------------------

def test_test_passes_on_equal_values():
    doc = {"baz": "qux", "foo": ["a", 2, "c"], "n": 1.0, "o": {"x": 1, "y": 2}}
    patch = [
        {"op": "test", "path": "/baz", "value": "qux"},
        {"op": "test", "path": "/foo/1", "value": 2},
        {"op": "test", "path": "/n", "value": 1},
        {"op": "test", "path": "/o", "value": {"y": 2, "x": 1}},
    ]
    assert apply_patch(doc, patch) == doc


def test_test_failure_carries_the_values():
    with pytest.raises(TestFailed) as info:
        apply_patch({"baz": "qux"}, [{"op": "test", "path": "/baz", "value": "bar"}])
    assert info.value.path == "/baz"
    assert info.value.expected == "bar"
    assert info.value.actual == "qux"
    assert info.value.index == 0


@pytest.mark.parametrize("actual, expected", [(True, 1), (1, True), (False, 0), (0, False), (None, False),
                                              ("1", 1), ([1, 2], [2, 1])])
def test_test_uses_json_equality(actual, expected):
    with pytest.raises(TestFailed):
        apply_patch({"v": actual}, [{"op": "test", "path": "/v", "value": expected}])


def test_json_equal():
    assert json_equal({"a": [1, {"b": None}]}, {"a": [1.0, {"b": None}]})
    assert not json_equal(True, 1)
    assert not json_equal({"a": 1}, {"a": 1, "b": 2})


def test_test_on_missing_path_is_a_conflict():
    with pytest.raises(PatchConflict):
        apply_patch({}, [{"op": "test", "path": "/a", "value": 1}])


# --- whole patches -----------------------------------------------------------------------------------------------

def test_operations_apply_in_order():
    patch = [
        {"op": "add", "path": "/list", "value": []},
        {"op": "add", "path": "/list/-", "value": "a"},
        {"op": "add", "path": "/list/0", "value": "b"},
        {"op": "test", "path": "/list", "value": ["b", "a"]},
    ]
    assert apply_patch({}, patch) == {"list": ["b", "a"]}


def test_input_document_is_not_mutated():
    doc = {"a": {"b": [1, 2]}, "c": 3}
    before = copy.deepcopy(doc)
    result = apply_patch(doc, [
        {"op": "add", "path": "/a/b/-", "value": 3},
        {"op": "remove", "path": "/c"},
        {"op": "add", "path": "/a/x", "value": 1},
    ])
    assert doc == before
    assert result == {"a": {"b": [1, 2, 3], "x": 1}}


def test_patch_is_atomic():
    doc = {"a": {"b": 1}, "list": [1]}
    before = copy.deepcopy(doc)
    with pytest.raises(TestFailed):
        apply_patch(doc, [
            {"op": "replace", "path": "/a/b", "value": 2},
            {"op": "add", "path": "/list/-", "value": 2},
            {"op": "test", "path": "/a/b", "value": 99},
        ])
    assert doc == before


def test_added_values_are_copied_from_the_patch():
    value = {"nested": [1]}
    result = apply_patch({}, [{"op": "add", "path": "/v", "value": value}])
    result["v"]["nested"].append(2)
    assert value == {"nested": [1]}


def test_patch_can_be_reused():
    patch = Patch([{"op": "add", "path": "/n/-", "value": 1}])
    assert patch.apply({"n": []}) == {"n": [1]}
    assert patch.apply({"n": []}) == {"n": [1]}
    assert len(patch) == 1


def test_conflict_names_the_failing_operation():
    with pytest.raises(PatchConflict) as info:
        apply_patch({"a": 1}, [{"op": "test", "path": "/a", "value": 1}, {"op": "remove", "path": "/zz"}])
    assert info.value.index == 1
    assert info.value.op == {"op": "remove", "path": "/zz"}


# --- validation --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "operation",
    [
        {"op": "frobnicate", "path": "/a"},
        {"path": "/a", "value": 1},
        {"op": "add", "value": 1},
        {"op": "add", "path": "/a"},
        {"op": "replace", "path": "/a"},
        {"op": "test", "path": "/a"},
        {"op": "move", "path": "/a"},
        {"op": "copy", "path": "/a"},
        {"op": "add", "path": "a", "value": 1},
        {"op": "move", "from": "/a~9", "path": "/b"},
        "add /a 1",
    ],
)
def test_malformed_operations_are_invalid(operation):
    with pytest.raises(InvalidPatch):
        Patch([operation])


def test_null_value_is_present():
    assert Patch([{"op": "add", "path": "/a", "value": None}]).to_list() == [{"op": "add", "path": "/a", "value": None}]


def test_patch_must_be_a_list():
    with pytest.raises(InvalidPatch):
        Patch({"op": "add", "path": "/a", "value": 1})


def test_from_json():
    patch = Patch.from_json('[{"op": "add", "path": "/a", "value": true}]')
    assert patch.apply({}) == {"a": True}
    with pytest.raises(InvalidPatch):
        Patch.from_json("[{")


def test_exception_hierarchy():
    for exc in (InvalidPatch, PatchConflict, TestFailed):
        assert issubclass(exc, JsonPatchError)
    assert issubclass(InvalidPatch, ValueError)
    assert not issubclass(TestFailed, PatchConflict)
