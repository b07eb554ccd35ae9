"""Validating instances.

Errors come in document order: the failures of a value itself first (``type``, ``enum``, then the
keywords of its type), then those of its members in the instance's key order, or of its items by index.
Keywords that do not apply to a value's type are skipped: ``minLength`` says nothing about a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .errors import ValidationError
from .pointer import to_pointer
from .schema import check_schema
from .types import is_type, json_equal


def validate(instance: Any, schema: Any) -> None:
    """Raise the first ``ValidationError`` (in document order) if ``instance`` is not valid."""
    for error in iter_errors(instance, schema):
        raise error


def is_valid(instance: Any, schema: Any) -> bool:
    return next(iter_errors(instance, schema), None) is None


def iter_errors(instance: Any, schema: Any) -> Iterator[ValidationError]:
    """Every failure of ``instance`` against ``schema``, in document order.

    The schema is checked first, when this is called, so a malformed schema raises ``SchemaError``
    even if the errors are never iterated.
    """
    check_schema(schema)
    return _errors(instance, schema, ())


def _error(message: str, path: tuple, keyword: str, instance: Any) -> ValidationError:
    return ValidationError(message, path=to_pointer(path), keyword=keyword, instance=instance)


def _errors(instance: Any, schema: Any, path: tuple) -> Iterator[ValidationError]:
    if schema is True:
        return
    if schema is False:
        yield _error("no value is allowed here", path, "false", instance)
        return

    if "type" in schema:
        names = schema["type"]
        if isinstance(names, str):
            names = [names]
        if not any(is_type(instance, name) for name in names):
            expected = ", ".join(repr(name) for name in names)
            yield _error(f"{instance!r} is not of type {expected}", path, "type", instance)
            return

    if "enum" in schema and not any(json_equal(instance, option) for option in schema["enum"]):
        yield _error(f"{instance!r} is not one of {schema['enum']!r}", path, "enum", instance)

    if is_type(instance, "number"):
        yield from _number_errors(instance, schema, path)
    elif isinstance(instance, str):
        yield from _string_errors(instance, schema, path)
    elif isinstance(instance, list):
        yield from _array_errors(instance, schema, path)
    elif isinstance(instance, dict):
        yield from _object_errors(instance, schema, path)


def _number_errors(instance: float, schema: dict, path: tuple) -> Iterator[ValidationError]:
    if "minimum" in schema and instance < schema["minimum"]:
        yield _error(f"{instance!r} is less than the minimum of {schema['minimum']!r}", path, "minimum", instance)
    if "exclusiveMinimum" in schema and instance <= schema["exclusiveMinimum"]:
        limit = schema["exclusiveMinimum"]
        yield _error(f"{instance!r} is not greater than {limit!r}", path, "exclusiveMinimum", instance)
    if "maximum" in schema and instance > schema["maximum"]:
        yield _error(f"{instance!r} is greater than the maximum of {schema['maximum']!r}", path, "maximum", instance)
    if "exclusiveMaximum" in schema and instance >= schema["exclusiveMaximum"]:
        limit = schema["exclusiveMaximum"]
        yield _error(f"{instance!r} is not less than {limit!r}", path, "exclusiveMaximum", instance)


def _string_errors(instance: str, schema: dict, path: tuple) -> Iterator[ValidationError]:
    # len() counts code points, which is what JSON Schema means by a string's length.
    if "minLength" in schema and len(instance) < schema["minLength"]:
        yield _error(f"{instance!r} is shorter than {schema['minLength']} characters", path, "minLength", instance)
    if "maxLength" in schema and len(instance) > schema["maxLength"]:
        yield _error(f"{instance!r} is longer than {schema['maxLength']} characters", path, "maxLength", instance)
    # Patterns are not anchored: "^...$" must be written out to match the whole string.
    if "pattern" in schema and re.search(schema["pattern"], instance) is None:
        yield _error(f"{instance!r} does not match {schema['pattern']!r}", path, "pattern", instance)


def _array_errors(instance: list, schema: dict, path: tuple) -> Iterator[ValidationError]:
    if "minItems" in schema and len(instance) < schema["minItems"]:
        count = schema["minItems"]
        yield _error(f"expected at least {count} items, got {len(instance)}", path, "minItems", instance)
    if schema.get("uniqueItems"):
        duplicate = _first_duplicate(instance)
        if duplicate is not None:
            first, second = duplicate
            yield _error(f"items {first} and {second} are equal", path, "uniqueItems", instance)
    if "items" in schema:
        for index, item in enumerate(instance):
            yield from _errors(item, schema["items"], (*path, index))


def _first_duplicate(items: list) -> tuple[int, int] | None:
    for second in range(1, len(items)):
        for first in range(second):
            if json_equal(items[first], items[second]):
                return first, second
    return None


def _object_errors(instance: dict, schema: dict, path: tuple) -> Iterator[ValidationError]:
    for name in schema.get("required", []):
        if name not in instance:
            yield _error(f"{name!r} is a required property", path, "required", instance)

    properties = schema.get("properties", {})
    additional = schema.get("additionalProperties", True)
    for name, value in instance.items():
        if name in properties:
            yield from _errors(value, properties[name], (*path, name))
        elif additional is False:
            yield _error(f"additional property {name!r} is not allowed", (*path, name), "additionalProperties", value)
        else:
            yield from _errors(value, additional, (*path, name))
