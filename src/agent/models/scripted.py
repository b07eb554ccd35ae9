"""A model that plays back turns or calls a function: for tests, docs and the evals' reference agents."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from agent.errors import ModelError
from agent.models.base import ModelRequest, ModelResponse, TokenUsage

_ids = itertools.count(1)


def tool_use(name: str, input: dict[str, Any]) -> ModelResponse:
    """A turn that calls one tool."""
    block = {"type": "tool_use", "id": f"toolu_scripted_{next(_ids):04d}", "name": name, "input": input}
    return ModelResponse(content=[block], stop_reason="tool_use")


def say(text: str) -> ModelResponse:
    """A turn that only talks."""
    return ModelResponse(content=[{"type": "text", "text": text}], stop_reason="end_turn")


@dataclass
class ScriptedModel:
    """Answers with `turns` in order, or with `policy(request)` when given a function."""

    turns: Iterable[ModelResponse] | Callable[[ModelRequest], ModelResponse]
    name: str = "scripted"
    requests: list[ModelRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._iter = None if callable(self.turns) else iter(self.turns)

    def respond(self, request: ModelRequest) -> ModelResponse:
        self.requests.append(request)
        if self._iter is None:
            assert callable(self.turns)
            response = self.turns(request)
        else:
            scripted = next(self._iter, None)
            if scripted is None:
                raise ModelError("scripted model ran out of turns")
            response = scripted
        size = sum(len(str(m)) for m in request.messages) // 4
        usage = response.usage if response.usage.input_tokens else TokenUsage(input_tokens=size, output_tokens=20)
        return ModelResponse(response.content, response.stop_reason, usage)
