import pytest

from jsonschema_lite import SchemaError, check_schema, is_valid, iter_errors, validate


@pytest.mark.parametrize(
    "schema",
    [
        {},
        True,
        False,
        {"type": ["string", "null"]},
        {"minimum": 0, "maximum": 1.5, "exclusiveMinimum": -1, "exclusiveMaximum": 2},
        {"minLength": 0, "maxLength": 10, "pattern": "^a(b|c)*$"},
        {"items": {"type": "string"}, "minItems": 1, "uniqueItems": True},
        {"required": ["a"], "properties": {"a": True, "b": {"enum": [1, 2]}}, "additionalProperties": False},
        {"x-custom": object()},
    ],
)
def test_well_formed_schemas(schema):
    check_schema(schema)


@pytest.mark.parametrize(
    ("schema", "schema_path"),
    [
        ("string", ""),
        ({"type": "strng"}, "/type"),
        ({"type": []}, "/type"),
        ({"type": ["string", 1]}, "/type"),
        ({"enum": []}, "/enum"),
        ({"enum": "abc"}, "/enum"),
        ({"minimum": "0"}, "/minimum"),
        ({"maximum": True}, "/maximum"),
        ({"exclusiveMinimum": None}, "/exclusiveMinimum"),
        ({"minLength": -1}, "/minLength"),
        ({"maxLength": 2.5}, "/maxLength"),
        ({"minItems": True}, "/minItems"),
        ({"pattern": "([a-z"}, "/pattern"),
        ({"pattern": 5}, "/pattern"),
        ({"uniqueItems": "yes"}, "/uniqueItems"),
        ({"required": "id"}, "/required"),
        ({"required": ["id", "id"]}, "/required"),
        ({"required": [1]}, "/required"),
        ({"properties": ["a"]}, "/properties"),
        ({"items": [{"type": "string"}]}, "/items"),
    ],
)
def test_malformed_schemas(schema, schema_path):
    with pytest.raises(SchemaError) as info:
        check_schema(schema)
    assert info.value.schema_path == schema_path


@pytest.mark.parametrize(
    ("schema", "schema_path"),
    [
        ({"items": {"type": "strng"}}, "/items/type"),
        ({"items": {"items": {"minLength": -2}}}, "/items/items/minLength"),
        ({"properties": {"a/b": {"pattern": "("}}}, "/properties/a~1b/pattern"),
        ({"properties": {"a": {"properties": {"b": 3}}}}, "/properties/a/properties/b"),
        ({"additionalProperties": {"enum": []}}, "/additionalProperties/enum"),
        ({"additionalProperties": "no"}, "/additionalProperties"),
    ],
)
def test_nested_schemas_are_checked(schema, schema_path):
    with pytest.raises(SchemaError) as info:
        check_schema(schema)
    assert info.value.schema_path == schema_path


def test_validate_checks_the_schema_even_when_nothing_would_reach_the_bad_part():
    with pytest.raises(SchemaError):
        validate([], {"items": {"type": "strng"}})
    with pytest.raises(SchemaError):
        validate({}, {"properties": {"a": {"minLength": "1"}}})


def test_iter_errors_raises_schema_error_when_called():
    with pytest.raises(SchemaError):
        iter_errors("x", {"type": "text"})


def test_is_valid_raises_schema_error_too():
    with pytest.raises(SchemaError):
        is_valid(1, {"maximum": "10"})


def test_schema_error_str_names_the_schema_path():
    with pytest.raises(SchemaError) as info:
        check_schema({"properties": {"n": {"type": "int"}}})
    assert str(info.value) == "unknown type 'int' (at /properties/n/type)"
