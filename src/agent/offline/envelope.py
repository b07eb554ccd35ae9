"""The engine's side of the sandbox protocol: find the one envelope line a script printed and validate it.

The types are the in-sandbox package's own (`agent.offline.sandbox.protocol`), checked here with pydantic.
"""

from __future__ import annotations

import json
from typing import Any, cast

from pydantic import TypeAdapter, ValidationError

from agent.offline.sandbox.protocol import (
    PROTOCOL_VERSION,
    InventoryEnvelope,
    IsolationEnvelope,
    envelope_line,
    unpack,
)

_ADAPTERS: dict[str, TypeAdapter[Any]] = {"inventory": TypeAdapter(InventoryEnvelope),
                                          "isolation": TypeAdapter(IsolationEnvelope)}


class EnvelopeError(ValueError):
    """The script's output carries no valid envelope of the expected kind (the message says which problem)."""


def read_envelope(output: str, kind: str, dropped: list[str] | None = None) -> dict[str, Any]:
    """The validated `data` of the `kind` envelope in `output`; EnvelopeError when it is missing or malformed.

    With a `dropped` list the reading is lenient: each malformed part inside `data` (a route, a field) is left out
    and its path added to `dropped`, so one value of a shape the protocol did not foresee costs that part, not the
    whole discovery. `data` itself must still be well formed."""
    line = envelope_line(output)
    if line is None:
        raise EnvelopeError("it printed no protocol envelope")
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EnvelopeError(f"its envelope is not JSON ({exc.msg} at column {exc.colno})") from None
    if isinstance(raw, dict):
        try:
            raw = unpack(raw)
        except ValueError as exc:
            raise EnvelopeError(str(exc)) from None
    if not isinstance(raw, dict) or raw.get("assay_protocol") != PROTOCOL_VERSION or raw.get("kind") != kind:
        got = (raw.get("assay_protocol"), raw.get("kind")) if isinstance(raw, dict) else type(raw).__name__
        raise EnvelopeError(f"expected a protocol {PROTOCOL_VERSION} {kind!r} envelope, got {got}")
    for _ in range(50):
        try:
            _ADAPTERS[kind].validate_python(raw)
            break
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            if dropped is None or len(first["loc"]) < 3 or not _drop(raw, list(first["loc"])):
                raise EnvelopeError(f"its {kind} envelope is malformed at {where}: {first['msg']}") from None
            dropped.append(f"{where} ({first['msg']})")
    else:
        raise EnvelopeError(f"its {kind} envelope has too many malformed parts")
    # The parsed data as the script printed it (validation never reorders nor coerces what the engine reads).
    return cast(dict[str, Any], raw["data"])


def _drop(raw: Any, loc: list[Any]) -> bool:
    """Remove the list item that holds the malformed value at `loc` (a route, a parameter), or the key when no list
    holds it; False when the path does not lead there."""
    items = [i for i, step in enumerate(loc) if isinstance(step, int) and i >= 2]
    if not items:  # a key of the app or the inventory itself: too much hangs on it to leave it out
        return False
    loc = loc[: items[-1] + 1]
    *path, last = loc
    node = raw
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return False
    if isinstance(node, dict) and last in node:
        del node[last]
        return True
    if isinstance(node, list) and isinstance(last, int) and 0 <= last < len(node):
        del node[last]
        return True
    return False
