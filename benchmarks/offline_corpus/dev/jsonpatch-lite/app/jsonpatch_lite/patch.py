"""RFC 6902 JSON Patch.

A patch is applied to a deep copy of the document, so the caller's document is never modified and a patch whose
fifth operation fails leaves nothing of the first four behind: :func:`apply_patch` either returns the fully patched
document or raises.
"""

import copy
import json

from .errors import InvalidPatch, JsonPointerError, PatchConflict, TestFailed
from .pointer import JsonPointer, array_index

OPS = ("add", "remove", "replace", "move", "copy", "test")
_NEEDS_VALUE = ("add", "replace", "test")
_NEEDS_FROM = ("move", "copy")


def json_equal(a, b):
    """Equality as JSON sees it: ``true`` is not ``1``, ``1`` equals ``1.0``, objects ignore member order."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[key], b[key]) for key in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


class Operation:
    __slots__ = ("op", "path", "from_", "value", "index")

    def __init__(self, raw, index):
        if not isinstance(raw, dict):
            raise InvalidPatch(f"operation {index} is not an object")
        op = raw.get("op")
        if op not in OPS:
            raise InvalidPatch(f"operation {index} has an unknown op {op!r}")
        if "path" not in raw:
            raise InvalidPatch(f"operation {index} ({op}) has no 'path'")
        if op in _NEEDS_VALUE and "value" not in raw:
            raise InvalidPatch(f"operation {index} ({op}) has no 'value'")
        if op in _NEEDS_FROM and "from" not in raw:
            raise InvalidPatch(f"operation {index} ({op}) has no 'from'")
        try:
            self.path = JsonPointer(raw["path"])
            self.from_ = JsonPointer(raw["from"]) if op in _NEEDS_FROM else None
        except JsonPointerError as exc:
            raise InvalidPatch(f"operation {index} ({op}): {exc}") from exc
        self.op = op
        self.value = raw.get("value")
        self.index = index

    def to_dict(self):
        out = {"op": self.op, "path": str(self.path)}
        if self.from_ is not None:
            out["from"] = str(self.from_)
        if self.op in _NEEDS_VALUE:
            out["value"] = self.value
        return out


class Patch:
    """A validated JSON Patch: a sequence of operations applied in order."""

    def __init__(self, operations):
        if not isinstance(operations, list):
            raise InvalidPatch("a patch is a list of operations")
        self.operations = [Operation(raw, index) for index, raw in enumerate(operations)]

    @classmethod
    def from_json(cls, text):
        try:
            return cls(json.loads(text))
        except json.JSONDecodeError as exc:
            raise InvalidPatch(f"not JSON: {exc}") from exc

    def to_list(self):
        return [operation.to_dict() for operation in self.operations]

    def __len__(self):
        return len(self.operations)

    def __iter__(self):
        return iter(self.to_list())

    def apply(self, document):
        """Return a patched copy of ``document``; the argument itself is left untouched."""
        result = copy.deepcopy(document)
        for operation in self.operations:
            result = _apply_one(result, operation)
        return result


def apply_patch(document, operations):
    """Apply a patch (a list of operation dicts or a :class:`Patch`) and return the new document."""
    patch = operations if isinstance(operations, Patch) else Patch(operations)
    return patch.apply(document)


def _conflict(operation, message):
    return PatchConflict(f"operation {operation.index} ({operation.op} {operation.path}): {message}",
                         index=operation.index, op=operation.to_dict())


def _get(document, pointer, operation):
    try:
        return pointer.resolve(document)
    except JsonPointerError as exc:
        raise _conflict(operation, str(exc)) from exc


def _container(document, pointer, operation):
    parent = _get(document, pointer.parent, operation)
    if not isinstance(parent, (dict, list)):
        raise _conflict(operation, f"the parent of {str(pointer)!r} is a {type(parent).__name__}")
    return parent


def _add(document, pointer, value, operation):
    if not pointer.parts:
        return value
    parent = _container(document, pointer, operation)
    if isinstance(parent, dict):
        parent[pointer.last] = value
    else:
        try:
            index = array_index(pointer.last, len(parent), allow_end=True)
        except JsonPointerError as exc:
            raise _conflict(operation, str(exc)) from exc
        parent.insert(index, value)
    return document


def _remove(document, pointer, operation):
    if not pointer.parts:
        raise _conflict(operation, "cannot remove the whole document")
    parent = _container(document, pointer, operation)
    if isinstance(parent, dict):
        if pointer.last not in parent:
            raise _conflict(operation, f"no member {pointer.last!r} to remove")
        return parent.pop(pointer.last)
    try:
        index = array_index(pointer.last, len(parent))
    except JsonPointerError as exc:
        raise _conflict(operation, str(exc)) from exc
    return parent.pop(index)


def _replace(document, pointer, value, operation):
    if not pointer.parts:
        return value
    parent = _container(document, pointer, operation)
    if isinstance(parent, dict):
        if pointer.last not in parent:
            raise _conflict(operation, f"no member {pointer.last!r} to replace")
        parent[pointer.last] = value
    else:
        try:
            index = array_index(pointer.last, len(parent))
        except JsonPointerError as exc:
            raise _conflict(operation, str(exc)) from exc
        parent[index] = value
    return document


def _apply_one(document, operation):
    op, path = operation.op, operation.path
    if op == "add":
        return _add(document, path, copy.deepcopy(operation.value), operation)
    if op == "remove":
        _remove(document, path, operation)
        return document
    if op == "replace":
        return _replace(document, path, copy.deepcopy(operation.value), operation)
    if op == "move":
        if operation.from_ == path:
            _get(document, path, operation)
            return document
        if operation.from_.is_prefix_of(path):
            raise _conflict(operation, "cannot move a value into one of its own children")
        value = _remove(document, operation.from_, operation)
        return _add(document, path, value, operation)
    if op == "copy":
        value = copy.deepcopy(_get(document, operation.from_, operation))
        return _add(document, path, value, operation)
    # test
    actual = _get(document, path, operation)
    if not json_equal(actual, operation.value):
        raise TestFailed(str(path), operation.value, actual, index=operation.index)
    return document
