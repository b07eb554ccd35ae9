"""A scripted reflection model for offline runs and tests: it reads the graders' feedback in the reflection prompt
and, for every scenario the feedback says no test covered, adds a rule naming that scenario to the SKILL.md part
it was asked to rewrite. It proposes nothing for reference files, and nothing when no scenario is missing."""

from __future__ import annotations

import re
from typing import Any

from agent.optimize.adapter import COMPONENT_BEGIN, COMPONENT_END
from agent.testing import Responder, ScriptItem, text

RULES = {
    "success": "a success case through the public boundary, asserting what the caller gets back",
    "invalid_input": "missing fields, wrong types and malformed values are refused with a clear error",
    "boundary": "each limit and threshold on both sides (the last allowed value and the first refused one)",
    "unauthorized": "every protected endpoint refuses a request with no or bad credentials",
    "forbidden": "every state-changing endpoint refuses a wrong role or another user's record",
    "side_effect": "the row written, the message queued, the counter changed, and nothing changed on a refusal",
    "regression": "the reported bug reproduced first by a test that fails on today's code",
    "not_found": "unknown ids answer not found and change nothing",
    "edge_case": "empty collections, duplicates and repeated calls",
}
"""Guidance per scenario of the outcome contract: generic, never about one repository."""
_MISSING = re.compile(r"scenarios_covered: missing: ([a-z_, ]+)")
_NAME = re.compile(r"This is one part of it, `([^`]+)`")


def _prompt(body: dict[str, Any]) -> str:
    content = body["messages"][-1]["content"]
    if isinstance(content, list):
        return "\n".join(str(b.get("text", "")) for b in content if isinstance(b, dict))
    return str(content)


def propose(prompt: str) -> str:
    """The new component text the scripted reflector answers `prompt` with (the current text when it has no
    rule to add)."""
    start, end = prompt.find(COMPONENT_BEGIN + "\n"), prompt.find("\n" + COMPONENT_END)
    current = prompt[start + len(COMPONENT_BEGIN) + 1:end] if 0 <= start < end else ""
    name = _NAME.search(prompt)
    if not name or not name.group(1).startswith("SKILL.md#"):
        return current
    missing = [s.strip() for m in _MISSING.finditer(prompt) for s in m.group(1).split(",")]
    words = {s: s.replace("_", " ") for s in dict.fromkeys(missing) if s in RULES}
    new = [f"- Always test {word}: {RULES[s]}." for s, word in words.items()
           if not re.search(rf"\b{word}\b", current, re.I)]
    return current.rstrip() + ("\n\n" + "\n".join(new) if new else "")


def scripted_reflector() -> Responder:
    """The reflector as a `Responder` for `agent.testing.FakeAnthropic`."""
    def respond(body: dict[str, Any]) -> ScriptItem:
        return text("```\n" + propose(_prompt(body)) + "\n```")

    return respond
