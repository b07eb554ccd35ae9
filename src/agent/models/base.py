"""The `Model` seam. Messages use the Anthropic content-block shape, the loop's lingua franca.

A conversation is a list of `{"role": "user"|"assistant", "content": [blocks]}`;
tool results go back as `{"type": "tool_result", "tool_use_id", "content", "is_error"}` blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class ToolSpec:
    """A tool as the model sees it."""

    name: str
    description: str
    input_schema: dict[str, Any]

    def to_api(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "input_schema": self.input_schema}


@dataclass(frozen=True)
class ToolCall:
    """One `tool_use` block of a response."""

    id: str
    name: str
    input: dict[str, Any]


@dataclass
class TokenUsage:
    """Tokens of one response, or of a whole run when summed."""

    input_tokens: int = 0
    output_tokens: int = 0
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0

    def add(self, other: TokenUsage) -> None:
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.cache_creation_input_tokens += other.cache_creation_input_tokens
        self.cache_read_input_tokens += other.cache_read_input_tokens


@dataclass(frozen=True)
class ModelRequest:
    """Everything a backend needs for one turn."""

    system: str
    messages: list[dict[str, Any]]
    tools: list[ToolSpec]
    max_tokens: int = 8192


@dataclass(frozen=True)
class ModelResponse:
    """One assistant turn: its content blocks (appended to the conversation verbatim) and usage."""

    content: list[dict[str, Any]]
    stop_reason: str
    usage: TokenUsage = field(default_factory=TokenUsage)

    @property
    def tool_calls(self) -> list[ToolCall]:
        blocks = [b for b in self.content if b.get("type") == "tool_use"]
        return [ToolCall(b["id"], b["name"], dict(b.get("input") or {})) for b in blocks]

    @property
    def text(self) -> str:
        return "\n".join(b["text"] for b in self.content if b.get("type") == "text")


class Model(Protocol):
    """A backend that answers one request with one assistant turn."""

    name: str
    """Model id as recorded in transcripts and evals, e.g. `claude-sonnet-5-5` or `offline`."""

    def respond(self, request: ModelRequest) -> ModelResponse:
        """Return the next assistant turn; raise `agent.errors.ModelError` when the API cannot answer."""
        ...
