"""RFC 6901 JSON Pointers."""

import re

from .errors import JsonPointerError

_INDEX = re.compile(r"0|[1-9][0-9]*")
_BAD_ESCAPE = re.compile(r"~(?![01])")


def escape(token):
    """Escape one reference token: ``~`` becomes ``~0`` and ``/`` becomes ``~1``."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token):
    """Undo :func:`escape`. ``~1`` is decoded before ``~0`` so that ``~01`` reads as ``~1``."""
    return token.replace("~1", "/").replace("~0", "~")


def array_index(token, length, *, allow_end=False):
    """The list index a reference token designates in an array of ``length`` items.

    ``-`` designates the position after the last item and is accepted only when ``allow_end`` is true (adding).
    Indexes are base-10 without leading zeros. With ``allow_end`` the index may equal ``length`` (append).
    """
    if token == "-":
        if allow_end:
            return length
        raise JsonPointerError("'-' designates no existing array element")
    if not _INDEX.fullmatch(token):
        raise JsonPointerError(f"invalid array index {token!r}")
    index = int(token)
    limit = length if allow_end else length - 1
    if index > limit:
        raise JsonPointerError(f"array index {index} out of range for length {length}")
    return index


class JsonPointer:
    """A parsed JSON Pointer. ``JsonPointer("")`` designates the whole document."""

    __slots__ = ("parts",)

    def __init__(self, text):
        if not isinstance(text, str):
            raise JsonPointerError(f"a pointer is a string, not {type(text).__name__}")
        if text == "":
            self.parts = ()
            return
        if not text.startswith("/"):
            raise JsonPointerError(f"pointer {text!r} must be empty or start with '/'")
        if _BAD_ESCAPE.search(text):
            raise JsonPointerError(f"pointer {text!r} has a '~' not followed by 0 or 1")
        self.parts = tuple(unescape(token) for token in text[1:].split("/"))

    @classmethod
    def from_parts(cls, parts):
        pointer = cls.__new__(cls)
        pointer.parts = tuple(str(part) for part in parts)
        return pointer

    def __str__(self):
        return "".join("/" + escape(part) for part in self.parts)

    def __repr__(self):
        return f"JsonPointer({str(self)!r})"

    def __eq__(self, other):
        if not isinstance(other, JsonPointer):
            return NotImplemented
        return self.parts == other.parts

    def __hash__(self):
        return hash(self.parts)

    def __truediv__(self, token):
        return JsonPointer.from_parts((*self.parts, str(token)))

    @property
    def parent(self):
        if not self.parts:
            raise JsonPointerError("the root pointer has no parent")
        return JsonPointer.from_parts(self.parts[:-1])

    @property
    def last(self):
        if not self.parts:
            raise JsonPointerError("the root pointer has no last token")
        return self.parts[-1]

    def is_prefix_of(self, other):
        """True when ``other`` designates a value strictly inside the one this pointer designates."""
        return len(self.parts) < len(other.parts) and other.parts[: len(self.parts)] == self.parts

    def resolve(self, document):
        """The value this pointer designates in ``document``; JsonPointerError when there is none."""
        value = document
        for depth, token in enumerate(self.parts):
            value = _step(value, token, self.parts[: depth + 1])
        return value


def _step(container, token, walked):
    if isinstance(container, dict):
        try:
            return container[token]
        except KeyError:
            raise JsonPointerError(f"no member {token!r} at {str(JsonPointer.from_parts(walked[:-1])) or '/'}") from None
    if isinstance(container, list):
        return container[array_index(token, len(container))]
    raise JsonPointerError(f"cannot descend into a {type(container).__name__} at {token!r}")


def resolve(document, pointer):
    """Shorthand for ``JsonPointer(pointer).resolve(document)``."""
    if not isinstance(pointer, JsonPointer):
        pointer = JsonPointer(pointer)
    return pointer.resolve(document)
