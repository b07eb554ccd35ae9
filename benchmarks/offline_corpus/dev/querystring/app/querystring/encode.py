from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import quote_plus


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"cannot encode a value of type {type(value).__name__}")


def _quote(text: str) -> str:
    return quote_plus(text, safe="")


def _walk(prefix: str, value: Any, *, sort: bool, brackets: bool, out: list[str]) -> None:
    if value is None:
        return
    if isinstance(value, Mapping):
        keys = sorted(value, key=str) if sort else list(value)
        for key in keys:
            _walk(f"{prefix}[{_quote(str(key))}]", value[key], sort=sort, brackets=brackets, out=out)
        return
    if isinstance(value, (list, tuple)):
        nested = any(isinstance(item, (Mapping, list, tuple)) for item in value)
        for index, item in enumerate(value):
            if nested:
                child = f"{prefix}[{index}]"
            elif brackets:
                child = f"{prefix}[]"
            else:
                child = prefix
            _walk(child, item, sort=sort, brackets=brackets, out=out)
        return
    out.append(f"{prefix}={_quote(_scalar(value))}")


def encode(obj: Mapping[str, Any], *, sort: bool = False, brackets: bool = True) -> str:
    """Build a query string from a mapping of strings, numbers, booleans, lists and nested mappings.

    Nested mappings become `a[b]=`, lists of plain values `a[]=1&a[]=2` (or `a=1&a=2` with `brackets=False`),
    lists holding mappings or lists use indices (`a[0][b]=`). Booleans are `true` / `false`; None, empty lists
    and empty mappings are left out. Keys and values are form-encoded (space as `+`). `sort=True` orders the keys
    of every mapping, at every level. `parse(encode(obj))` gives `obj` back when every leaf is a string.
    """
    if not isinstance(obj, Mapping):
        raise TypeError("encode() needs a mapping")
    out: list[str] = []
    keys = sorted(obj, key=str) if sort else list(obj)
    for key in keys:
        _walk(_quote(str(key)), obj[key], sort=sort, brackets=brackets, out=out)
    return "&".join(out)
