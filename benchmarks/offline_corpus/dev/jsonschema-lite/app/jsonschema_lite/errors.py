from __future__ import annotations

from typing import Any


class ValidationError(Exception):
    """An instance does not satisfy a schema.

    ``path`` is the JSON pointer (RFC 6901) of the failing value inside the instance: ``""`` for the
    instance itself, ``"/tags/0"`` for the first item of its ``tags`` member.
    ``keyword`` names the schema keyword that failed.
    """

    def __init__(self, message: str, *, path: str = "", keyword: str | None = None, instance: Any = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.keyword = keyword
        self.instance = instance

    def __str__(self) -> str:
        if not self.path:
            return self.message
        return f"{self.message} (at {self.path})"

    def __repr__(self) -> str:
        return f"ValidationError({self.message!r}, path={self.path!r}, keyword={self.keyword!r})"


class SchemaError(Exception):
    """The schema itself is malformed; ``schema_path`` points at the offending part of the schema."""

    def __init__(self, message: str, *, schema_path: str = ""):
        super().__init__(message)
        self.message = message
        self.schema_path = schema_path

    def __str__(self) -> str:
        if not self.schema_path:
            return self.message
        return f"{self.message} (at {self.schema_path})"
