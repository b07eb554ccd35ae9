"""The in-process twin of the fake Messages API: the same script, answered without HTTP or the SDK.

    model = ScriptedModel([tool_use("list_files", {}), text("done")])

A script is what `FakeAnthropic` takes: a list of `Turn`s (a `Failure` or `Disconnect` raises `ModelError`), or a
`Responder` called with the request body in the Messages API's shape (`system`, `messages`, `tools`,
`max_tokens`), so one responder can drive either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from agent.errors import ModelError
from agent.models.base import ModelRequest, ModelResponse, TokenUsage
from agent.testing.fake_anthropic import Disconnect, Failure, Responder, ScriptItem


@dataclass
class ScriptedModel:
    """A `Model` that answers with `script` in order, or with `script(body)` when given a responder."""

    script: Sequence[ScriptItem] | Responder
    name: str = "scripted"
    requests: list[ModelRequest] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._iter = None if callable(self.script) else iter(list(self.script))

    def respond(self, request: ModelRequest) -> ModelResponse:
        self.requests.append(request)
        if self._iter is None:
            assert callable(self.script)
            item = self.script(_body(request))
        else:
            scripted = next(self._iter, None)
            if scripted is None:
                raise ModelError("scripted model ran out of turns")
            item = scripted
        if isinstance(item, Failure):
            raise ModelError(f"scripted API error {item.status} {item.error_type}: {item.message}")
        if isinstance(item, Disconnect):
            raise ModelError("scripted connection error: the server closed the connection")
        size = sum(len(str(m)) for m in request.messages) // 4
        usage = TokenUsage(**item.usage) if item.usage else TokenUsage(input_tokens=size, output_tokens=20)
        return ModelResponse([dict(b) for b in item.content], item.stop_reason or "end_turn", usage)


def _body(request: ModelRequest) -> dict[str, Any]:
    return {"system": request.system, "messages": request.messages, "max_tokens": request.max_tokens,
            "tools": [tool.to_api() for tool in request.tools]}
