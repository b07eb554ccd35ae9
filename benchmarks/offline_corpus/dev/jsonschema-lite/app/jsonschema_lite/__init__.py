"""A validator for a practical subset of JSON Schema.

Supported keywords: ``type`` (a name or a list of names), ``enum``, ``minimum``, ``maximum``,
``exclusiveMinimum``, ``exclusiveMaximum``, ``minLength``, ``maxLength``, ``pattern``, ``items``,
``minItems``, ``uniqueItems``, ``required``, ``properties`` and ``additionalProperties``.
Unknown keywords are ignored, as the specification asks.

    >>> from jsonschema_lite import validate, iter_errors
    >>> schema = {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}
    >>> validate({"id": 3}, schema)
    >>> [e.path for e in iter_errors({"id": "3"}, schema)]
    ['/id']
"""

from .errors import SchemaError, ValidationError
from .pointer import escape_token, to_pointer
from .schema import check_schema
from .validator import is_valid, iter_errors, validate

__all__ = [
    "SchemaError",
    "ValidationError",
    "check_schema",
    "escape_token",
    "is_valid",
    "iter_errors",
    "to_pointer",
    "validate",
]
