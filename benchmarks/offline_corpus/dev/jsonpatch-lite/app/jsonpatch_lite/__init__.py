"""JSON Pointer (RFC 6901) and JSON Patch (RFC 6902) for plain Python data."""

from .diff import make_patch
from .errors import InvalidPatch, JsonPatchError, JsonPointerError, PatchConflict, TestFailed
from .patch import Patch, apply_patch, json_equal
from .pointer import JsonPointer, escape, resolve, unescape

__all__ = [
    "InvalidPatch",
    "JsonPatchError",
    "JsonPointer",
    "JsonPointerError",
    "Patch",
    "PatchConflict",
    "TestFailed",
    "apply_patch",
    "escape",
    "json_equal",
    "make_patch",
    "resolve",
    "unescape",
]
