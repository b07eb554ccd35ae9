"""The typed protocol between the engine and its in-sandbox scripts: one versioned JSON envelope on one line.

The scripts print `{"assay_protocol": 1, "kind": ..., "data": ...}` as the last line of their stdout; the engine
finds that line and validates it against the TypedDicts below with pydantic (`agent.offline.envelope`). Standard
library only (typing_extensions when present): this module runs inside the sandbox too. Only the keys the engine
relies on are declared; every record allows more keys (the probe's observations are open-ended), so validation
never drops data.
"""

from __future__ import annotations  # annotations stay text: the repo's interpreter may predate `X | None`

import base64
import json
import sys
import zlib
from typing import Any, Literal

try:  # the engine's pydantic validates only typing_extensions' TypedDict on Python < 3.12 (it ships with pydantic)
    from typing_extensions import TypedDict
except ImportError:  # inside the sandbox nothing validates: the standard library's is enough
    from typing import TypedDict

PROTOCOL_VERSION = 1
"""Bumped when a script and the engine stop understanding each other's envelope."""
MARK = '{"assay_protocol": '
"""How the envelope line starts (`json.dumps` puts `assay_protocol` first)."""


class Credential(TypedDict, total=False):
    """A token the app accepts (from settings, a factory argument or a constant it compares with)."""

    token: Any
    role: str | None
    source: str
    login: dict[str, Any]
    """For a user who signs up and logs in through the app's routes: how (the token is fetched per client)."""
    unproven: bool
    """The app answered this user's credentials as it answers a wrong token: no role refusal is pinned with them."""


class Route(TypedDict, total=False):
    """One route: method, path template, parameters and body fields, auth and what the current code answered."""

    method: str
    path: str
    params: list[dict[str, Any]]
    body: list[dict[str, Any]]
    auth: dict[str, Any] | None
    role: str | None
    observed: dict[str, Any]


class AppSpec(TypedDict, total=False):
    """How to build the app for tests: module, attribute or factory, framework, and the set-up it needed."""

    kind: str
    module: str
    attr: str
    file: str
    framework: str | None
    factory_args: Any
    config_keys: dict[str, str]
    env: dict[str, Any]
    databases: dict[str, Any] | None
    setup_commands: list[Any]
    state: list[dict[str, Any]]
    instance_path: bool


class Uncallable(TypedDict, total=False):
    """A function the probe could not call without fixtures, and why."""

    name: str
    file: str
    reason: str


class Inventory(TypedDict, total=False):
    """What discovery found: the app and its routes with observations, or plain functions and classes."""

    root: str
    app: AppSpec | None
    routes: list[Route]
    credentials: list[Credential]
    functions: list[dict[str, Any]]
    classes: list[dict[str, Any]]
    uncallable: list[Uncallable]
    errors: list[str]
    fixtures: dict[str, list[str]]
    test_files: list[str]
    assay_files: list[str]
    session: dict[str, Any] | None
    """The sign-in flow's observations; None when the app has forms but no usable register/login."""
    forms: bool


class PytestRun(TypedDict, total=False):
    """One pytest run: exit code, the failing test ids and the tail of its output."""

    exit: int | None
    failed: list[str]
    tail: str


class IsolationReport(TypedDict, total=False):
    """Each test file alone vs the suite together, the order-dependent tests and the shared module state."""

    test_files: list[str]
    alone: dict[str, PytestRun]
    together: PytestRun | None
    order_dependent: list[str]
    state: list[dict[str, Any]]
    conftest: list[str]


class InventoryEnvelope(TypedDict):
    """The discovery script's answer."""

    assay_protocol: Literal[1]
    kind: Literal["inventory"]
    data: Inventory


class IsolationEnvelope(TypedDict):
    """The isolation script's answer."""

    assay_protocol: Literal[1]
    kind: Literal["isolation"]
    data: IsolationReport


for _record in (Credential, Route, AppSpec, Uncallable, Inventory, PytestRun, IsolationReport):
    # pydantic reads this attribute (what `pydantic.with_config` sets): keep undeclared keys, never drop them.
    setattr(_record, "__pydantic_config__", {"extra": "allow"})  # noqa: B010


PACK_OVER = 16_000
"""An envelope longer than this goes out packed: its data as zlib-compressed JSON in base64 (`packed`), so a large
inventory stays whole within what a command's output keeps (its head and tail)."""


def emit(kind: str, data: Any, default: Any = None) -> None:
    """Print the envelope as one line of its own (a fresh line even after the app's unterminated output)."""
    line = json.dumps({"assay_protocol": PROTOCOL_VERSION, "kind": kind, "data": data}, default=default)
    if len(line) > PACK_OVER:
        text = json.dumps(data, default=default, separators=(",", ":")).encode()
        packed = base64.b64encode(zlib.compress(text, 9)).decode()
        line = json.dumps({"assay_protocol": PROTOCOL_VERSION, "kind": kind, "packed": packed})
    sys.stdout.write("\n" + line + "\n")
    sys.stdout.flush()


def unpack(raw: dict[str, Any]) -> dict[str, Any]:
    """The envelope with its `packed` data (see `emit`) back under `data`; ValueError when it does not unpack."""
    if "packed" not in raw:
        return raw
    try:
        data = json.loads(zlib.decompress(base64.b64decode(raw["packed"], validate=True)))
    except (ValueError, zlib.error) as exc:
        raise ValueError(f"its packed data does not unpack ({exc})") from None
    out = {k: v for k, v in raw.items() if k != "packed"}
    out["data"] = data
    return out


def envelope_line(output: str) -> str | None:
    """The last line of `output` that is an envelope, or None."""
    for line in reversed(output.splitlines()):
        if line.startswith(MARK):
            return line
    return None
