import pytest

from jsonschema_lite import ValidationError, is_valid, iter_errors, validate


@pytest.mark.parametrize(
    ("instance", "name"),
    [
        (None, "null"),
        (True, "boolean"),
        (False, "boolean"),
        (3, "integer"),
        (-7, "integer"),
        (2.0, "integer"),
        (3, "number"),
        (2.5, "number"),
        ("x", "string"),
        ([], "array"),
        ({}, "object"),
    ],
)
def test_type_accepts(instance, name):
    validate(instance, {"type": name})


@pytest.mark.parametrize(
    ("instance", "name"),
    [
        (True, "integer"),
        (False, "integer"),
        (True, "number"),
        (2.5, "integer"),
        ("3", "integer"),
        ("3", "number"),
        (0, "boolean"),
        (0, "null"),
        ("", "null"),
        ({}, "array"),
        ([], "object"),
        ((1, 2), "array"),
        (None, "string"),
    ],
)
def test_type_rejects(instance, name):
    with pytest.raises(ValidationError) as info:
        validate(instance, {"type": name})
    assert info.value.keyword == "type"
    assert info.value.path == ""


def test_type_list_accepts_any_of_the_names():
    schema = {"type": ["string", "null"]}
    validate("a", schema)
    validate(None, schema)
    with pytest.raises(ValidationError):
        validate(1, schema)


def test_type_list_with_integer_still_refuses_booleans():
    assert not is_valid(True, {"type": ["integer", "string"]})
    assert is_valid(True, {"type": ["integer", "boolean"]})


def test_type_failure_skips_the_other_keywords_of_that_value():
    errors = list(iter_errors(12, {"type": "string", "minLength": 5}))
    assert [e.keyword for e in errors] == ["type"]


def test_keywords_of_another_type_are_ignored():
    schema = {"minLength": 3, "minimum": 10, "minItems": 2, "required": ["a"]}
    for instance in ("abcd", 12, [1, 2], {"a": 1}, None, True):
        validate(instance, schema)


def test_minimum_is_inclusive():
    schema = {"minimum": 5}
    validate(5, schema)
    validate(5.0, schema)
    with pytest.raises(ValidationError) as info:
        validate(4.999, schema)
    assert info.value.keyword == "minimum"


def test_maximum_is_inclusive():
    schema = {"maximum": 10}
    validate(10, schema)
    validate(-3, schema)
    with pytest.raises(ValidationError) as info:
        validate(10.5, schema)
    assert info.value.keyword == "maximum"


def test_exclusive_minimum_refuses_the_bound_itself():
    schema = {"exclusiveMinimum": 0}
    validate(0.001, schema)
    validate(1, schema)
    with pytest.raises(ValidationError) as info:
        validate(0, schema)
    assert info.value.keyword == "exclusiveMinimum"
    assert not is_valid(-1, schema)


def test_exclusive_maximum_refuses_the_bound_itself():
    schema = {"exclusiveMaximum": 100}
    validate(99.99, schema)
    assert not is_valid(100, schema)


def test_min_and_max_length_count_characters():
    schema = {"minLength": 2, "maxLength": 4}
    validate("ab", schema)
    validate("abcd", schema)
    validate("żółw", schema)  # four code points, eight bytes in UTF-8
    with pytest.raises(ValidationError) as info:
        validate("a", schema)
    assert info.value.keyword == "minLength"
    with pytest.raises(ValidationError) as info:
        validate("abcde", schema)
    assert info.value.keyword == "maxLength"


def test_min_length_zero_accepts_the_empty_string():
    validate("", {"minLength": 0})


def test_pattern_is_searched_not_anchored():
    schema = {"pattern": "[0-9]{3}"}
    validate("abc123", schema)
    validate("123", schema)
    with pytest.raises(ValidationError) as info:
        validate("ab12", schema)
    assert info.value.keyword == "pattern"


def test_anchored_pattern_matches_the_whole_string():
    schema = {"pattern": "^[a-z]+$"}
    validate("slug", schema)
    assert not is_valid("slug-2", schema)


def test_enum_uses_json_equality():
    schema = {"enum": [0, 1, "one", None]}
    validate(1, schema)
    validate(1.0, schema)
    validate(None, schema)
    with pytest.raises(ValidationError) as info:
        validate(True, schema)
    assert info.value.keyword == "enum"
    assert not is_valid(False, schema)
    assert not is_valid("1", schema)


def test_enum_compares_containers_deeply():
    schema = {"enum": [{"a": 1}, [1, 2]]}
    validate({"a": 1}, schema)
    validate([1, 2], schema)
    assert not is_valid({"a": True}, schema)
    assert not is_valid([2, 1], schema)


def test_items_applies_to_every_item():
    schema = {"type": "array", "items": {"type": "integer", "minimum": 0}}
    validate([], schema)
    validate([0, 4, 9], schema)
    errors = list(iter_errors([1, -2, "x"], schema))
    assert [(e.path, e.keyword) for e in errors] == [("/1", "minimum"), ("/2", "type")]


def test_min_items():
    schema = {"minItems": 2}
    validate([1, 2], schema)
    with pytest.raises(ValidationError) as info:
        validate([1], schema)
    assert info.value.keyword == "minItems"
    assert info.value.path == ""


def test_unique_items_finds_any_repeat():
    schema = {"uniqueItems": True}
    validate([1, 2, 3], schema)
    with pytest.raises(ValidationError) as info:
        validate([1, 2, 1], schema)
    assert info.value.keyword == "uniqueItems"
    assert "0 and 2" in info.value.message


def test_unique_items_uses_json_equality():
    schema = {"uniqueItems": True}
    validate([1, True], schema)
    validate([0, False, None, ""], schema)
    assert not is_valid([1, 1.0], schema)
    assert not is_valid([{"a": [1]}, {"a": [1]}], schema)


def test_unique_items_false_allows_repeats():
    validate([1, 1], {"uniqueItems": False})


def test_required_properties():
    schema = {"type": "object", "required": ["id", "name"]}
    validate({"id": 1, "name": "x", "extra": True}, schema)
    with pytest.raises(ValidationError) as info:
        validate({"id": 1}, schema)
    assert info.value.keyword == "required"
    assert "'name'" in info.value.message


def test_a_null_value_counts_as_present():
    validate({"id": None}, {"required": ["id"]})


def test_properties_validate_only_present_members():
    schema = {"properties": {"age": {"type": "integer", "minimum": 0}}}
    validate({}, schema)
    validate({"age": 30}, schema)
    with pytest.raises(ValidationError) as info:
        validate({"age": -1}, schema)
    assert info.value.path == "/age"


def test_additional_properties_false_refuses_unknown_members():
    schema = {"properties": {"a": {}, "b": {}}, "additionalProperties": False}
    validate({"a": 1, "b": 2}, schema)
    validate({}, schema)
    with pytest.raises(ValidationError) as info:
        validate({"a": 1, "c": 3}, schema)
    assert info.value.keyword == "additionalProperties"
    assert info.value.path == "/c"


def test_additional_properties_schema_applies_to_the_others():
    schema = {"properties": {"name": {"type": "string"}}, "additionalProperties": {"type": "integer"}}
    validate({"name": "n", "x": 1, "y": 2}, schema)
    with pytest.raises(ValidationError) as info:
        validate({"name": "n", "x": "1"}, schema)
    assert info.value.path == "/x"


def test_boolean_schemas():
    validate({"anything": [1]}, True)
    with pytest.raises(ValidationError):
        validate(None, False)
    schema = {"properties": {"gone": False}}
    validate({}, schema)
    assert not is_valid({"gone": 1}, schema)


def test_unknown_keywords_are_ignored():
    validate("x", {"type": "string", "format": "email", "description": "not checked"})
