from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from .errors import QueryStringError

_SEGMENT = re.compile(r"\[([^\[\]]*)\]")
_INDEX = re.compile(r"0|[1-9][0-9]*")


class _Append:
    """The `[]` segment: the next free list index."""

    def __repr__(self) -> str:
        return "[]"


APPEND = _Append()


class _Node(dict):
    """A container while parsing; int keys are list positions, str keys are names."""


def decode(text: str, *, strict: bool = False, key: str | None = None) -> str:
    """Form decoding: `+` is a space, then %XX escapes as UTF-8."""
    text = text.replace("+", " ")
    if strict:
        if re.search(r"%(?![0-9A-Fa-f]{2})", text):
            raise QueryStringError("malformed percent-escape", key if key is not None else text)
        try:
            return unquote(text, errors="strict")
        except UnicodeDecodeError:
            raise QueryStringError("percent-escape is not UTF-8", key if key is not None else text) from None
    return unquote(text, errors="replace")


def split_key(key: str, *, max_depth: int, strict: bool) -> list[str]:
    """`a[b][c]` -> ["a", "b", "c"]. Segments past `max_depth` stay one literal key (`[d][e]`); a key with
    unbalanced brackets is taken whole."""
    start = key.find("[")
    if start <= 0:
        if strict and ("[" in key or "]" in key):
            raise QueryStringError("malformed brackets", key)
        return [key]
    root, rest = key[:start], key[start:]
    segments: list[str] = []
    pos = 0
    for match in _SEGMENT.finditer(rest):
        if match.start() != pos:
            break
        segments.append(match.group(1))
        pos = match.end()
    if pos != len(rest):
        if strict:
            raise QueryStringError("malformed brackets", key)
        return [key]
    if len(segments) > max_depth:
        if strict:
            raise QueryStringError(f"key nested deeper than {max_depth}", key)
        kept = segments[:max_depth]
        tail = "".join(f"[{s}]" for s in segments[max_depth:])
        if max_depth == 0:
            return [root + tail]
        return [root, *kept, tail]
    return [root, *segments]


def _slot(segment: str, *, list_limit: int, strict: bool, key: str) -> Any:
    """The key a segment stands for: an int for a list position under the limit, else the name."""
    if segment == "":
        return APPEND
    if _INDEX.fullmatch(segment):
        index = int(segment)
        if index < list_limit:
            return index
        if strict:
            raise QueryStringError(f"list index past the limit of {list_limit}", key)
    return segment


def _next_index(node: _Node) -> int:
    indices = [k for k in node if isinstance(k, int)]
    return max(indices) + 1 if indices else 0


def _assign(node: _Node, path: list[Any], value: str, *, list_limit: int, strict: bool, key: str) -> None:
    for position, slot in enumerate(path):
        if slot is APPEND:
            slot = _next_index(node)
            if slot >= list_limit:
                if strict:
                    raise QueryStringError(f"more than {list_limit} list items", key)
                slot = str(slot)
        last = position == len(path) - 1
        if last:
            if slot in node:
                existing = node[slot]
                if isinstance(existing, _Node):
                    if strict:
                        raise QueryStringError("value conflicts with nested keys", key)
                    node[slot] = value
                elif isinstance(existing, list):
                    existing.append(value)
                else:
                    node[slot] = [existing, value]
            else:
                node[slot] = value
            return
        child = node.get(slot)
        if not isinstance(child, _Node):
            if child is not None and strict:
                raise QueryStringError("nested keys conflict with a value", key)
            child = _Node()
            node[slot] = child
        node = child


def _finish(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if not isinstance(value, _Node):
        return value
    if value and all(isinstance(k, int) for k in value):
        return [_finish(value[k]) for k in sorted(value)]
    return {str(k): _finish(v) for k, v in value.items()}


def parse(qs: str, *, max_depth: int = 5, list_limit: int = 20, strict: bool = False) -> dict[str, Any]:
    """Parse a query string into nested dicts and lists of strings.

    - `a=1&b=2` -> {"a": "1", "b": "2"}; a key without `=` has the value "".
    - `a=1&a=2` -> {"a": ["1", "2"]} (repeated keys collect into a list).
    - `a[b][c]=1` -> {"a": {"b": {"c": "1"}}}, at most `max_depth` levels below the root; deeper segments stay
      one literal key.
    - `a[]=1&a[]=2` and `a[0]=x&a[1]=y` -> lists; indices are compacted in index order. An index of
      `list_limit` or more becomes a dict key.
    - `+` is a space and %XX escapes are UTF-8, in keys and in values.

    With `strict=True`, malformed keys, too-deep nesting, indices past the limit, conflicting keys and bad
    escapes raise `QueryStringError` instead of being worked around.
    """
    if max_depth < 0 or list_limit < 0:
        raise ValueError("max_depth and list_limit must not be negative")
    if qs.startswith("?"):
        qs = qs[1:]
    root = _Node()
    for part in qs.split("&"):
        if not part:
            continue
        raw_key, sep, raw_value = part.partition("=")
        key = decode(raw_key, strict=strict)
        if not key:
            if strict:
                raise QueryStringError("empty key", part)
            continue
        value = decode(raw_value, strict=strict, key=key) if sep else ""
        names = split_key(key, max_depth=max_depth, strict=strict)
        path: list[Any] = [names[0]]
        for segment in names[1:]:
            path.append(_slot(segment, list_limit=list_limit, strict=strict, key=key))
        _assign(root, path, value, list_limit=list_limit, strict=strict, key=key)
    return {str(k): _finish(v) for k, v in root.items()}
