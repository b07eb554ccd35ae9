"""Model backends behind one small protocol: `anthropic`, `offline` (deterministic); scripted models for tests
and docs live in `agent.testing`."""

from agent.models.base import Model, ModelRequest, ModelResponse, TokenUsage, ToolCall, ToolSpec

__all__ = ["Model", "ModelRequest", "ModelResponse", "TokenUsage", "ToolCall", "ToolSpec"]
