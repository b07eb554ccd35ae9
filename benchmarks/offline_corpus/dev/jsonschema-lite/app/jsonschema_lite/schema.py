"""Checking that a schema is well formed before any instance is validated against it."""

from __future__ import annotations

import re
from typing import Any

from .errors import SchemaError
from .pointer import to_pointer
from .types import TYPE_NAMES

_NUMBER_KEYWORDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
_COUNT_KEYWORDS = ("minLength", "maxLength", "minItems")


def _fail(message: str, path: tuple) -> SchemaError:
    return SchemaError(message, schema_path=to_pointer(path))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_schema(schema: Any, _path: tuple = ()) -> None:
    """Raise ``SchemaError`` if ``schema`` (or any schema nested in it) is malformed."""
    if isinstance(schema, bool):
        return
    if not isinstance(schema, dict):
        raise _fail(f"a schema must be an object or a boolean, not {type(schema).__name__}", _path)

    if "type" in schema:
        names = schema["type"]
        if isinstance(names, str):
            names = [names]
        elif not isinstance(names, list) or not names:
            raise _fail("'type' must be a type name or a non-empty list of names", (*_path, "type"))
        for name in names:
            if name not in TYPE_NAMES:
                raise _fail(f"unknown type {name!r}", (*_path, "type"))

    if "enum" in schema:
        if not isinstance(schema["enum"], list) or not schema["enum"]:
            raise _fail("'enum' must be a non-empty array", (*_path, "enum"))

    for keyword in _NUMBER_KEYWORDS:
        if keyword in schema and not _is_number(schema[keyword]):
            raise _fail(f"{keyword!r} must be a number", (*_path, keyword))

    for keyword in _COUNT_KEYWORDS:
        if keyword in schema:
            value = schema[keyword]
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise _fail(f"{keyword!r} must be a non-negative integer", (*_path, keyword))

    if "pattern" in schema:
        pattern = schema["pattern"]
        if not isinstance(pattern, str):
            raise _fail("'pattern' must be a string", (*_path, "pattern"))
        try:
            re.compile(pattern)
        except re.error as exc:
            raise _fail(f"'pattern' is not a valid regular expression: {exc}", (*_path, "pattern")) from None

    if "uniqueItems" in schema and not isinstance(schema["uniqueItems"], bool):
        raise _fail("'uniqueItems' must be a boolean", (*_path, "uniqueItems"))

    if "required" in schema:
        required = schema["required"]
        if not isinstance(required, list) or not all(isinstance(name, str) for name in required):
            raise _fail("'required' must be an array of strings", (*_path, "required"))
        if len(set(required)) != len(required):
            raise _fail("'required' must not repeat a name", (*_path, "required"))

    _check_subschemas(schema, _path)


def _check_subschemas(schema: dict, path: tuple) -> None:
    if "items" in schema:
        if isinstance(schema["items"], list):
            raise _fail("the array form of 'items' is not supported", (*path, "items"))
        check_schema(schema["items"], (*path, "items"))

    if "properties" in schema:
        properties = schema["properties"]
        if not isinstance(properties, dict):
            raise _fail("'properties' must be an object", (*path, "properties"))
        for name, subschema in properties.items():
            check_schema(subschema, (*path, "properties", name))

    if "additionalProperties" in schema:
        check_schema(schema["additionalProperties"], (*path, "additionalProperties"))
