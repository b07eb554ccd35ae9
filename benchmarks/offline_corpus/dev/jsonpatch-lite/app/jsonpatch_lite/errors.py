"""Exceptions raised by jsonpatch_lite.

Everything derives from :class:`JsonPatchError`, so ``except JsonPatchError`` catches any failure of this library.
"""


class JsonPatchError(Exception):
    """Base class of every error raised by jsonpatch_lite."""


class JsonPointerError(JsonPatchError, ValueError):
    """A pointer is malformed, or does not resolve against the given document."""


class InvalidPatch(JsonPatchError, ValueError):
    """A patch document is malformed (unknown op, missing member, bad pointer syntax)."""


class PatchConflict(JsonPatchError):
    """An operation cannot be applied to the document (missing target, index out of range, ...)."""

    def __init__(self, message, *, index=None, op=None):
        super().__init__(message)
        self.index = index
        self.op = op


class TestFailed(JsonPatchError):
    """A ``test`` operation found a different value at its path."""

    __test__ = False  # not a pytest test class

    def __init__(self, path, expected, actual, *, index=None):
        super().__init__(f"test failed at {path!r}: expected {expected!r}, found {actual!r}")
        self.path = path
        self.expected = expected
        self.actual = actual
        self.index = index
