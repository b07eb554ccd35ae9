"""The Claude backend: the real SDK against a local fake Messages API (real HTTP, JSON and SSE)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from anthropic._data import DEPRECATED_MODELS
from anthropic.types.model_param import ModelParam

from agent.errors import ModelError
from agent.models.anthropic import DEFAULT_MODEL, AnthropicModel, RetryPolicy, with_cache_breakpoints
from agent.models.base import ModelRequest, ToolSpec
from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session
from agent.testing import Failure, FakeAnthropic, text, tool_use

from scripts import GOOD_TEST, good_submission

FAST_RETRY = RetryPolicy(max_attempts=5, initial_wait_s=0.05, max_wait_s=2.0, max_total_s=20.0)
REQUEST = ModelRequest(system="sys", messages=[{"role": "user", "content": [{"type": "text", "text": "hi"}]}],
                       tools=[ToolSpec("read_file", "read", {"type": "object", "properties": {}})], max_tokens=64000)


_models: list[AnthropicModel] = []


@pytest.fixture(autouse=True)
def _close_models() -> Iterator[None]:
    yield
    while _models:
        _models.pop().close()


def model_for(server: FakeAnthropic) -> AnthropicModel:
    model = AnthropicModel(DEFAULT_MODEL, api_key="sk-ant-test", base_url=server.url, retry=FAST_RETRY)
    _models.append(model)
    return model


def test_default_model_is_current_and_not_deprecated() -> None:
    literal_models = ModelParam.__args__[0].__args__  # type: ignore[attr-defined]
    assert DEFAULT_MODEL in literal_models
    assert DEFAULT_MODEL not in DEPRECATED_MODELS


def test_streamed_tool_use_arrives_whole() -> None:
    with FakeAnthropic([tool_use("read_file", {"path": "app/orders.py", "start_line": 3})]) as server:
        response = model_for(server).respond(REQUEST)
    assert response.tool_calls[0].name == "read_file"
    assert response.tool_calls[0].input == {"path": "app/orders.py", "start_line": 3}
    body = server.requests[0].body
    assert body["stream"] is True and body["max_tokens"] == 64000
    assert response.usage.input_tokens > 0


def test_cache_breakpoints_on_the_stable_prefix_and_the_latest_turns() -> None:
    messages = [
        {"role": "user", "content": [{"type": "text", "text": "request"}]},
        {"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "list_files", "input": {}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": "a.py"}]},
        {"role": "assistant", "content": [{"type": "tool_use", "id": "t2", "name": "list_files", "input": {}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t2", "content": "b.py"}]},
    ]
    with FakeAnthropic([text("ok")]) as server:
        model_for(server).respond(ModelRequest("sys", messages, REQUEST.tools))
    body = server.requests[0].body
    assert body["system"][-1]["cache_control"] == {"type": "ephemeral"}
    marked = [i for i, m in enumerate(body["messages"]) if "cache_control" in m["content"][-1]]
    assert marked == [2, 4]
    breakpoints = 1 + len(marked)
    assert breakpoints <= 4
    assert "cache_control" not in messages[4]["content"][-1], "the caller's conversation is not mutated"
    assert with_cache_breakpoints(messages)[0]["content"][-1].get("cache_control") is None


def test_529_twice_then_success_is_retried() -> None:
    overloaded = Failure(529, "overloaded_error", "Overloaded")
    with FakeAnthropic([overloaded, overloaded, text("fine")]) as server:
        response = model_for(server).respond(REQUEST)
    assert response.text == "fine"
    assert len(server.requests) == 3


def test_429_waits_for_retry_after() -> None:
    limited = Failure(429, "rate_limit_error", "slow down", headers={"retry-after": "1"})
    with FakeAnthropic([limited, text("after the wait")]) as server:
        start = time.monotonic()
        response = model_for(server).respond(REQUEST)
        waited = server.requests[1].time - server.requests[0].time
    assert response.text == "after the wait"
    assert waited >= 0.95, waited
    assert time.monotonic() - start < 10


def test_errors_that_will_not_heal_fail_at_once() -> None:
    script = [Failure(401, "authentication_error", "invalid x-api-key"), text("never")]
    with FakeAnthropic(script) as server, pytest.raises(ModelError, match=r"401.*invalid x-api-key"):
        model_for(server).respond(REQUEST)
    assert len(server.requests) == 1


def test_retries_are_bounded() -> None:
    with FakeAnthropic([Failure(500, "api_error", "boom")] * 10) as server, pytest.raises(ModelError, match="500"):
        model_for(server).respond(REQUEST)
    assert len(server.requests) == FAST_RETRY.max_attempts


def test_full_run_through_the_sdk_is_runtime_verified(py_repo: Path) -> None:
    script = [tool_use("write_file", {"path": "tests/test_pricing.py", "content": GOOD_TEST}),
              tool_use("run_command", {"command": "python -m pytest -q"}),
              tool_use("submit_outcome", good_submission())]
    with FakeAnthropic(script) as server:
        result = run_session(RunConfig(repo=py_repo, request="add tests for line_total"), model=model_for(server),
                             sandbox=ProcessSandbox(), progress=lambda _: None)
    assert result.exit_code == 0
    assert result.outcome.run.verified and result.outcome.run.commands[0].passed == 2
    usage = result.outcome.run.usage
    assert usage is not None and usage.model == DEFAULT_MODEL and usage.turns == 3 and usage.estimated_cost_usd > 0
    tool_results = server.requests[-1].body["messages"][-1]["content"]
    assert tool_results[0]["type"] == "tool_result"


def test_overload_in_the_middle_of_a_stream_is_retried() -> None:
    with FakeAnthropic([Failure(529, "overloaded_error", "Overloaded", mid_stream=True), text("recovered")]) as server:
        response = model_for(server).respond(REQUEST)
    assert response.text == "recovered"
    assert len(server.message_requests) == 2
