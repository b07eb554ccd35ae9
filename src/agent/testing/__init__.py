"""Scripted models for tests, docs and the evals' reference agents: one script, two ways to serve it.

`FakeAnthropic` serves a script over real HTTP (JSON and SSE) to the real `anthropic` SDK; `ScriptedModel` answers
the same script in process. Both take `Turn`s built with `tool_use` and `text`, `Failure`s and `Disconnect`s, or a
`Responder` (a function of the request body).
"""

from __future__ import annotations

from agent.testing.fake_anthropic import (
    Disconnect,
    Failure,
    FakeAnthropic,
    RecordedRequest,
    Responder,
    ScriptItem,
    Turn,
    text,
    tool_use,
)
from agent.testing.scripted import ScriptedModel

__all__ = ["Disconnect", "Failure", "FakeAnthropic", "RecordedRequest", "Responder", "ScriptItem", "ScriptedModel",
           "Turn", "text", "tool_use"]
