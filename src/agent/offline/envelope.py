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
)

_ADAPTERS: dict[str, TypeAdapter[Any]] = {"inventory": TypeAdapter(InventoryEnvelope),
                                          "isolation": TypeAdapter(IsolationEnvelope)}


class EnvelopeError(ValueError):
    """The script's output carries no valid envelope of the expected kind (the message says which problem)."""


def read_envelope(output: str, kind: str) -> dict[str, Any]:
    """The validated `data` of the `kind` envelope in `output`; EnvelopeError when it is missing or malformed."""
    line = envelope_line(output)
    if line is None:
        raise EnvelopeError("it printed no protocol envelope")
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EnvelopeError(f"its envelope is not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(raw, dict) or raw.get("assay_protocol") != PROTOCOL_VERSION or raw.get("kind") != kind:
        got = (raw.get("assay_protocol"), raw.get("kind")) if isinstance(raw, dict) else type(raw).__name__
        raise EnvelopeError(f"expected a protocol {PROTOCOL_VERSION} {kind!r} envelope, got {got}")
    try:
        _ADAPTERS[kind].validate_python(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise EnvelopeError(f"its {kind} envelope is malformed at {where}: {first['msg']}") from None
    # The parsed data as the script printed it (validation never reorders nor coerces what the engine reads).
    return cast(dict[str, Any], raw["data"])
