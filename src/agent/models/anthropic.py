"""The Claude backend: the official SDK, streamed responses, prompt caching, tenacity retries.

Caching: one breakpoint on the system prompt (which caches tools + system, the stable
prefix) and a moving one on the last block of each of the two latest user turns, so every
request re-reads the conversation so far from cache and stays inside the API's 4-breakpoint,
20-block lookback rules.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass
from typing import Any

import anthropic
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt, stop_after_delay

from agent.errors import ModelError
from agent.models.base import ModelRequest, ModelResponse, TokenUsage
from agent.models.catalog import DEFAULT_MODEL

_EPHEMERAL = {"type": "ephemeral"}


@dataclass(frozen=True)
class RetryPolicy:
    """How transient API failures are retried."""

    max_attempts: int = 6
    initial_wait_s: float = 1.0
    max_wait_s: float = 30.0
    """Cap on one wait, including a server's retry-after."""
    max_total_s: float = 120.0
    """Give up once this much time has passed since the first attempt."""


def _transient(exc: BaseException) -> bool:
    if isinstance(exc, anthropic.APIConnectionError):  # includes timeouts
        return True
    if isinstance(exc, anthropic.APIStatusError):
        if exc.status_code in (408, 409, 429) or exc.status_code >= 500:
            return True
        # Overload reported inside an SSE stream arrives with the stream's HTTP 200 status.
        return _error_type(exc) in ("overloaded_error", "rate_limit_error", "api_error")
    return False


def _error_type(exc: anthropic.APIStatusError) -> str | None:
    body = exc.body
    error = body.get("error") if isinstance(body, dict) else None
    kind = error.get("type") if isinstance(error, dict) else None
    return kind if isinstance(kind, str) else None


def _retry_after(exc: BaseException | None) -> float | None:
    if not isinstance(exc, anthropic.APIStatusError):
        return None
    value = exc.response.headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class AnthropicModel:
    """`Model` backed by the Messages API."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        retry: RetryPolicy | None = None,
        timeout_s: float = 600.0,
    ) -> None:
        self.name = model
        self.retry = retry or RetryPolicy()
        # The SDK's own retries are off: tenacity owns the policy, so it is one place and observable.
        self.client = anthropic.Anthropic(api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout_s)

    def respond(self, request: ModelRequest) -> ModelResponse:
        kwargs = _request_kwargs(self.name, request)
        retrying = Retrying(
            retry=retry_if_exception(_transient),
            stop=stop_after_attempt(self.retry.max_attempts) | stop_after_delay(self.retry.max_total_s),
            wait=self._wait,
            reraise=True,
        )
        try:
            message = retrying(self._stream, kwargs)
        except anthropic.APIStatusError as exc:
            raise ModelError(f"model API error {exc.status_code}: {_api_message(exc)}") from None
        except anthropic.APIConnectionError as exc:
            raise ModelError(f"cannot reach the model API: {exc}") from None
        return _to_response(message)

    def close(self) -> None:
        """Close the SDK's connection pool."""
        self.client.close()

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        server = _retry_after(exc)
        if server is not None:
            return min(server, self.retry.max_wait_s)
        backoff = self.retry.initial_wait_s * 2 ** (state.attempt_number - 1)
        return float(min(backoff, self.retry.max_wait_s) * random.uniform(0.5, 1.0))

    def _stream(self, kwargs: dict[str, Any]) -> anthropic.types.Message:
        # Streaming: the SDK refuses long non-streamed requests for large max_tokens.
        with self.client.messages.stream(**kwargs) as stream:
            return stream.get_final_message()


def _api_message(exc: anthropic.APIStatusError) -> str:
    body = exc.body
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict) and error.get("message"):
            return f"{error.get('type', 'error')}: {error['message']}"
    return str(exc.message)


def _request_kwargs(model: str, request: ModelRequest) -> dict[str, Any]:
    tools = [spec.to_api() for spec in request.tools]
    system = [{"type": "text", "text": request.system, "cache_control": _EPHEMERAL}]
    return {
        "model": model,
        "max_tokens": request.max_tokens,
        "system": system,
        "tools": tools,
        "messages": with_cache_breakpoints(request.messages),
    }


def with_cache_breakpoints(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A copy of `messages` with a cache breakpoint on the last block of the two latest user turns."""
    out = copy.deepcopy(messages)
    marked = 0
    for message in reversed(out):
        if marked == 2:
            break
        if message["role"] != "user" or not message["content"]:
            continue
        content = message["content"]
        if isinstance(content, str):
            message["content"] = content = [{"type": "text", "text": content}]
        content[-1]["cache_control"] = _EPHEMERAL
        marked += 1
    return out


def _to_response(message: anthropic.types.Message) -> ModelResponse:
    blocks: list[dict[str, Any]] = []
    for block in message.content:
        if block.type == "text":
            blocks.append({"type": "text", "text": block.text})
        elif block.type == "tool_use":
            blocks.append({"type": "tool_use", "id": block.id, "name": block.name, "input": block.input})
        else:
            blocks.append(block.model_dump(mode="json", exclude_none=True))
    u = message.usage
    usage = TokenUsage(
        input_tokens=u.input_tokens or 0,
        output_tokens=u.output_tokens or 0,
        cache_creation_input_tokens=u.cache_creation_input_tokens or 0,
        cache_read_input_tokens=u.cache_read_input_tokens or 0,
    )
    return ModelResponse(content=blocks, stop_reason=message.stop_reason or "end_turn", usage=usage)
