import pytest

from jsonschema_lite import ValidationError, escape_token, iter_errors, to_pointer, validate

PERSON = {
    "type": "object",
    "required": ["name", "email", "age"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "email": {"type": "string", "pattern": "@"},
        "age": {"type": "integer", "minimum": 0},
        "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        "address": {
            "type": "object",
            "required": ["city"],
            "properties": {"city": {"type": "string"}, "zip": {"type": "string", "pattern": "^[0-9]{5}$"}},
            "additionalProperties": False,
        },
    },
}


def test_valid_document_has_no_errors():
    doc = {"name": "Ada", "email": "ada@example.org", "age": 36, "tags": ["math"], "address": {"city": "London"}}
    validate(doc, PERSON)
    assert list(iter_errors(doc, PERSON)) == []


def test_validate_raises_the_first_error_in_document_order():
    doc = {"name": "", "email": "nope", "age": -1}
    with pytest.raises(ValidationError) as info:
        validate(doc, PERSON)
    assert info.value.path == "/name"
    assert info.value.keyword == "minLength"
    assert info.value.instance == ""


def test_iter_errors_yields_every_failure_in_document_order():
    doc = {
        "email": "nope",
        "tags": ["a", 3, "a"],
        "address": {"zip": "1234", "country": "UK"},
        "age": True,
    }
    errors = list(iter_errors(doc, PERSON))
    assert [(e.path, e.keyword) for e in errors] == [
        ("", "required"),
        ("/email", "pattern"),
        ("/tags", "uniqueItems"),
        ("/tags/1", "type"),
        ("/address", "required"),
        ("/address/zip", "pattern"),
        ("/address/country", "additionalProperties"),
        ("/age", "type"),
    ]


def test_every_missing_required_property_is_reported_in_schema_order():
    errors = list(iter_errors({}, PERSON))
    assert [e.message for e in errors] == [
        "'name' is a required property",
        "'email' is a required property",
        "'age' is a required property",
    ]
    assert {e.path for e in errors} == {""}


def test_every_additional_property_is_reported():
    schema = {"properties": {"a": {}}, "additionalProperties": False}
    errors = list(iter_errors({"x": 1, "a": 2, "y": 3}, schema))
    assert [e.path for e in errors] == ["/x", "/y"]


def test_array_paths_are_zero_based_indexes():
    schema = {"items": {"items": {"type": "integer"}}}
    errors = list(iter_errors([[1], [2, "b"], ["c"]], schema))
    assert [e.path for e in errors] == ["/1/1", "/2/0"]


def test_nested_path_through_objects_and_arrays():
    schema = {"properties": {"orders": {"items": {"properties": {"qty": {"minimum": 1}}}}}}
    with pytest.raises(ValidationError) as info:
        validate({"orders": [{"qty": 2}, {"qty": 0}]}, schema)
    assert info.value.path == "/orders/1/qty"


def test_member_names_are_escaped_in_paths():
    schema = {"additionalProperties": {"type": "string"}}
    errors = list(iter_errors({"a/b": 1, "m~n": 2, "~1": 3}, schema))
    assert [e.path for e in errors] == ["/a~1b", "/m~0n", "/~01"]


def test_escape_token_and_to_pointer():
    assert escape_token("plain") == "plain"
    assert escape_token("a/b") == "a~1b"
    assert escape_token("a~b") == "a~0b"
    assert escape_token("~/") == "~0~1"
    assert escape_token(3) == "3"
    assert to_pointer([]) == ""
    assert to_pointer(["", "x/y", 0]) == "//x~1y/0"


def test_root_error_has_empty_path_and_plain_message():
    with pytest.raises(ValidationError) as info:
        validate("x", {"type": "integer"})
    assert info.value.path == ""
    assert str(info.value) == "'x' is not of type 'integer'"


def test_str_names_the_path():
    with pytest.raises(ValidationError) as info:
        validate({"n": 5}, {"properties": {"n": {"maximum": 3}}})
    assert str(info.value) == "5 is greater than the maximum of 3 (at /n)"


def test_type_message_lists_all_names():
    errors = list(iter_errors(1.5, {"type": ["string", "integer"]}))
    assert errors[0].message == "1.5 is not of type 'string', 'integer'"


def test_several_keywords_on_one_value_report_in_order():
    schema = {"enum": ["aa", "bbbbbb"], "maxLength": 3, "pattern": "^a"}
    errors = list(iter_errors("bbbbbb", schema))
    assert [e.keyword for e in errors] == ["maxLength", "pattern"]
    errors = list(iter_errors("zzzzz", schema))
    assert [e.keyword for e in errors] == ["enum", "maxLength", "pattern"]


def test_iter_errors_is_lazy_but_checks_the_schema_at_once():
    errors = iter_errors([1, 2, 3], {"items": {"type": "string"}})
    first = next(errors)
    assert first.path == "/0"
