"""Model backends behind one small protocol: `anthropic`, `offline` (deterministic), `scripted` (tests, docs)."""

from agent.models.base import Model, ModelRequest, ModelResponse, TokenUsage, ToolCall, ToolSpec

__all__ = ["Model", "ModelRequest", "ModelResponse", "TokenUsage", "ToolCall", "ToolSpec"]
