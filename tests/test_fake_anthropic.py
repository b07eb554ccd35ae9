"""The fake Messages API, driven by the real `anthropic` SDK, and by raw HTTP where the wire format is the point."""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import anthropic
import pytest

from agent.testing import Disconnect, Failure, FakeAnthropic, Turn, text, tool_use

MODEL = "claude-sonnet-5-5"
HELLO: list[Any] = [{"role": "user", "content": "hello"}]
TOOLS: list[Any] = [{"name": "read_file", "description": "Read a file.",
                     "input_schema": {"type": "object", "properties": {"path": {"type": "string"}}}}]


@contextmanager
def client_for(server: FakeAnthropic, **options: Any) -> Iterator[anthropic.Anthropic]:
    """A real SDK client on the fake server, closed afterwards (no socket left to warn about)."""
    options.setdefault("max_retries", 0)
    with anthropic.Anthropic(api_key="sk-ant-test", base_url=server.url, **options) as client:
        yield client


def raw_post(server: FakeAnthropic, body: dict[str, Any], headers: dict[str, str]) -> tuple[int, dict[str, str], str]:
    """POST /v1/messages without the SDK: status, lower-cased headers, body text."""
    conn = http.client.HTTPConnection(server.url.removeprefix("http://"), timeout=5)
    try:
        conn.request("POST", "/v1/messages", json.dumps(body), {"content-type": "application/json", **headers})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
    finally:
        conn.close()


def test_create_returns_the_scripted_text() -> None:
    with FakeAnthropic([text("All tests written.")]) as server, client_for(server) as client:
        message = client.messages.create(model=MODEL, max_tokens=100, messages=HELLO)
    assert [(b.type, getattr(b, "text", None)) for b in message.content] == [("text", "All tests written.")]
    assert message.stop_reason == "end_turn"
    assert message.model == MODEL and message.id.startswith("msg_")
    assert message.usage.input_tokens > 0 and message.usage.output_tokens > 0
    assert server.remaining == 0 and server.errors == []


def test_stream_delivers_the_tool_input_whole() -> None:
    tool_input = {"path": 'tests/test_"orders".py', "content": "def test_ü():\n    assert 1 == 1\n",
                  "nested": {"lines": [1, 2, None], "ok": True}}
    with (
        FakeAnthropic([tool_use("write_file", tool_input, id="toolu_1")]) as server,
        client_for(server) as client,
        client.messages.stream(model=MODEL, max_tokens=64000, messages=HELLO, tools=TOOLS) as stream,
    ):
        events = [event.type for event in stream]
        message = stream.get_final_message()
    block = message.content[0]
    assert block.type == "tool_use" and block.id == "toolu_1" and block.name == "write_file"
    assert block.input == tool_input
    assert message.stop_reason == "tool_use"
    assert server.requests[0].body["stream"] is True
    assert events.count("input_json") >= 3, "the JSON arrives in several fragments the SDK must join"


def test_stream_mixes_text_and_several_tool_calls_in_order() -> None:
    turn = Turn([{"type": "text", "text": "Reading both files first."},
                 *tool_use("read_file", {"path": "a.py"}).content, *tool_use("read_file", {"path": "b.py"}).content])
    with (
        FakeAnthropic([turn]) as server,
        client_for(server) as client,
        client.messages.stream(model=MODEL, max_tokens=100, messages=HELLO, tools=TOOLS) as stream,
    ):
        message = stream.get_final_message()
    assert [b.type for b in message.content] == ["text", "tool_use", "tool_use"]
    assert message.content[0].type == "text" and message.content[0].text == "Reading both files first."
    assert [b.input for b in message.content if b.type == "tool_use"] == [{"path": "a.py"}, {"path": "b.py"}]
    assert message.stop_reason == "tool_use"


def test_sse_wire_format_is_the_apis_event_sequence() -> None:
    with FakeAnthropic([text("hi there")]) as server:
        status, headers, body = raw_post(server, {"model": MODEL, "max_tokens": 10, "messages": HELLO, "stream": True},
                                         {"x-api-key": "k", "anthropic-version": "2023-06-01"})
    assert status == 200 and headers["content-type"].startswith("text/event-stream")
    events = [chunk.split("\n") for chunk in body.strip().split("\n\n")]
    names = [lines[0].removeprefix("event: ") for lines in events]
    data = [json.loads(lines[1].removeprefix("data: ")) for lines in events]
    assert all(d["type"] == name for name, d in zip(names, data, strict=True))
    assert names[:3] == ["message_start", "ping", "content_block_start"]
    assert names[-3:] == ["content_block_stop", "message_delta", "message_stop"]
    assert set(names[3:-3]) == {"content_block_delta"}
    start_usage = data[0]["message"]["usage"]
    assert set(start_usage) >= {"input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens",
                                "output_tokens"}
    assert "".join(d["delta"]["text"] for d in data[3:-3]) == "hi there"
    assert data[-2]["delta"]["stop_reason"] == "end_turn" and data[-2]["usage"]["output_tokens"] > 0


def test_sdk_retries_529_on_its_own() -> None:
    with FakeAnthropic([Failure(529), text("recovered")]) as server, client_for(server, max_retries=2) as client:
        message = client.messages.create(model=MODEL, max_tokens=10, messages=HELLO)
    assert message.content[0].type == "text" and message.content[0].text == "recovered"
    assert len(server.requests) == 2


def test_scripted_401_raises_authentication_error_in_the_apis_shape() -> None:
    with (
        FakeAnthropic([Failure(401), text("never")]) as server,
        client_for(server, max_retries=2) as client,
        pytest.raises(anthropic.AuthenticationError) as caught,
    ):
        client.messages.create(model=MODEL, max_tokens=10, messages=HELLO)
    assert caught.value.body == {"type": "error", "error": {"type": "authentication_error",
                                                            "message": "invalid x-api-key"}}
    assert caught.value.response.headers["request-id"].startswith("req_")
    assert len(server.requests) == 1


def test_missing_api_key_is_401_and_spends_no_turn() -> None:
    with FakeAnthropic([text("kept")]) as server:
        status, _, body = raw_post(server, {"model": MODEL, "max_tokens": 10, "messages": HELLO},
                                   {"anthropic-version": "2023-06-01"})
    assert status == 401
    assert json.loads(body)["error"]["type"] == "authentication_error"
    assert server.remaining == 1


def test_429_retry_after_is_honoured_by_the_sdk() -> None:
    limited = Failure(429, headers={"retry-after": "1"})
    with FakeAnthropic([limited, text("after the wait")]) as server, client_for(server, max_retries=1) as client:
        message = client.messages.create(model=MODEL, max_tokens=10, messages=HELLO)
    assert message.content[0].type == "text" and message.content[0].text == "after the wait"
    assert server.requests[1].time - server.requests[0].time >= 0.95


def test_429_without_retries_raises_rate_limit_error_with_its_header() -> None:
    with (
        FakeAnthropic([Failure(429, headers={"retry-after": "7"})]) as server,
        client_for(server) as client,
        pytest.raises(anthropic.RateLimitError) as caught,
    ):
        client.messages.create(model=MODEL, max_tokens=10, messages=HELLO)
    assert caught.value.response.headers["retry-after"] == "7"
    assert isinstance(caught.value.body, dict) and caught.value.body["error"]["type"] == "rate_limit_error"


def test_responder_sees_the_request_body() -> None:
    def count_messages(body: dict[str, Any]) -> Turn:
        return text(f"{len(body['messages'])} messages, last from {body['messages'][-1]['role']}")

    conversation: list[Any] = [*HELLO, {"role": "assistant", "content": "hi"}, {"role": "user", "content": "again"}]
    with FakeAnthropic(count_messages) as server, client_for(server) as client:
        first = client.messages.create(model=MODEL, max_tokens=10, messages=HELLO)
        third = client.messages.create(model=MODEL, max_tokens=10, messages=conversation)
    assert [m.content[0].text for m in (first, third) if m.content[0].type == "text"] == [
        "1 messages, last from user", "3 messages, last from user"]


def test_recorded_requests_hold_system_tools_and_messages_as_sent() -> None:
    system: list[Any] = [{"type": "text", "text": "You write tests.", "cache_control": {"type": "ephemeral"}}]
    with FakeAnthropic([text("ok")]) as server, client_for(server) as client:
        client.messages.create(model=MODEL, max_tokens=321, system=system, tools=TOOLS, messages=HELLO)
    recorded = server.requests[0]
    assert (recorded.method, recorded.path) == ("POST", "/v1/messages")
    assert recorded.body["system"] == system and recorded.body["tools"] == TOOLS
    assert recorded.body["messages"] == HELLO and recorded.body["max_tokens"] == 321
    # This SDK sends the key as a bearer token; the server takes either header, as the API does.
    assert "sk-ant-test" in (recorded.headers.get("x-api-key"), recorded.headers.get("authorization", "")[7:])
    assert "anthropic-version" in recorded.headers


def test_exhausted_script_is_a_500_the_sdk_does_not_retry() -> None:
    with FakeAnthropic([text("only one")]) as server, client_for(server, max_retries=3) as client:
        client.messages.create(model=MODEL, max_tokens=10, messages=HELLO)
        with pytest.raises(anthropic.InternalServerError, match="script is exhausted"):
            client.messages.create(model=MODEL, max_tokens=10, messages=HELLO)
    assert len(server.requests) == 2
    assert server.errors and "exhausted" in server.errors[0]


def test_a_responder_that_raises_is_a_500_naming_the_exception() -> None:
    def broken(body: dict[str, Any]) -> Turn:
        raise KeyError("tool_choice")

    with (
        FakeAnthropic(broken) as server,
        client_for(server) as client,
        pytest.raises(anthropic.InternalServerError, match="responder raised KeyError"),
    ):
        client.messages.create(model=MODEL, max_tokens=10, messages=HELLO)
    assert "KeyError" in server.errors[0]


def test_cache_prefix_is_written_once_then_read() -> None:
    system: list[Any] = [{"type": "text", "text": "stable rules " * 600, "cache_control": {"type": "ephemeral"}}]
    first_turn: list[Any] = [{"role": "user", "content": [
        {"type": "text", "text": "add tests", "cache_control": {"type": "ephemeral"}}]}]
    second_turn: list[Any] = [
        {"role": "user", "content": [{"type": "text", "text": "add tests"}]},
        {"role": "assistant", "content": [{"type": "text", "text": "Which module?"}]},
        {"role": "user", "content": [{"type": "text", "text": "orders", "cache_control": {"type": "ephemeral"}}]},
    ]
    with FakeAnthropic([text("a"), text("b")]) as server, client_for(server) as client:
        one = client.messages.create(model=MODEL, max_tokens=10, system=system, messages=first_turn).usage
        two = client.messages.create(model=MODEL, max_tokens=10, system=system, messages=second_turn).usage
    assert one.cache_read_input_tokens == 0 and (one.cache_creation_input_tokens or 0) > 1024
    assert two.cache_read_input_tokens == one.cache_creation_input_tokens, "the moved breakpoint reads what was written"
    assert 0 < (two.cache_creation_input_tokens or 0) < 50, "only the new turns are written"
    assert two.input_tokens == 0


def test_prefixes_below_the_minimum_are_not_cached() -> None:
    system: list[Any] = [{"type": "text", "text": "short", "cache_control": {"type": "ephemeral"}}]
    with FakeAnthropic([text("a"), text("b")]) as server, client_for(server) as client:
        for _ in range(2):
            usage = client.messages.create(model=MODEL, max_tokens=10, system=system, messages=HELLO).usage
            assert (usage.cache_creation_input_tokens, usage.cache_read_input_tokens) == (0, 0)


def test_more_than_four_breakpoints_is_rejected_without_spending_a_turn() -> None:
    breakpoint_ = {"cache_control": {"type": "ephemeral"}}
    marked: list[Any] = [{"type": "text", "text": f"part {i}", **breakpoint_} for i in range(5)]
    with (
        FakeAnthropic([text("kept")]) as server,
        client_for(server) as client,
        pytest.raises(anthropic.BadRequestError, match="maximum of 4 blocks with cache_control"),
    ):
        client.messages.create(model=MODEL, max_tokens=10, messages=[{"role": "user", "content": marked}])
    assert server.remaining == 1


def test_tool_use_without_a_result_in_the_next_message_is_rejected() -> None:
    messages: list[Any] = [
        *HELLO,
        {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_9", "name": "read_file", "input": {}}]},
        {"role": "user", "content": "go on"},
    ]
    with (
        FakeAnthropic([text("kept")]) as server,
        client_for(server) as client,
        pytest.raises(anthropic.BadRequestError, match="toolu_9"),
    ):
        client.messages.create(model=MODEL, max_tokens=10, tools=TOOLS, messages=messages)
    assert server.remaining == 1 and "without `tool_result`" in server.errors[0]


def test_a_result_for_an_unknown_tool_call_is_rejected() -> None:
    messages: list[Any] = [{"role": "user", "content": [
        {"type": "tool_result", "tool_use_id": "toolu_ghost", "content": "x"}]}]
    with (
        FakeAnthropic([text("kept")]) as server,
        client_for(server) as client,
        pytest.raises(anthropic.BadRequestError, match="toolu_ghost"),
    ):
        client.messages.create(model=MODEL, max_tokens=10, messages=messages)


def test_empty_text_block_is_rejected() -> None:
    messages: list[Any] = [{"role": "user", "content": [{"type": "text", "text": ""}]}]
    with (
        FakeAnthropic([text("kept")]) as server,
        client_for(server) as client,
        pytest.raises(anthropic.BadRequestError, match="non-empty"),
    ):
        client.messages.create(model=MODEL, max_tokens=10, messages=messages)


def test_mid_stream_overload_arrives_as_an_sse_error_event() -> None:
    overloaded = Failure(529, mid_stream=True)
    with (
        FakeAnthropic([overloaded]) as server,
        client_for(server) as client,
        pytest.raises(anthropic.APIStatusError) as caught,
        client.messages.stream(model=MODEL, max_tokens=10, messages=HELLO) as stream,
    ):
        stream.get_final_message()
    assert caught.value.status_code == 200, "the HTTP status was already sent when the error came"
    assert isinstance(caught.value.body, dict) and caught.value.body["error"]["type"] == "overloaded_error"


def test_disconnect_is_a_connection_error_the_sdk_retries() -> None:
    with FakeAnthropic([Disconnect(), text("back")]) as server, client_for(server, max_retries=1) as client:
        message = client.messages.create(model=MODEL, max_tokens=10, messages=HELLO)
    assert message.content[0].type == "text" and message.content[0].text == "back"
    assert len(server.requests) == 2


def test_a_slow_turn_times_the_client_out_and_stop_does_not_wait_for_it() -> None:
    server = FakeAnthropic([Turn([{"type": "text", "text": "late"}], delay_s=30)])
    server.start()
    try:
        with client_for(server, timeout=0.3) as client, pytest.raises(anthropic.APITimeoutError):
            client.messages.create(model=MODEL, max_tokens=10, messages=HELLO)
    finally:
        started = time.monotonic()
        server.stop()
    assert time.monotonic() - started < 2


def test_stop_ends_kept_alive_connections() -> None:
    before = set(threading.enumerate())
    server = FakeAnthropic([text("a"), text("b")])
    with server, client_for(server) as client:
        for _ in range(2):
            client.messages.create(model=MODEL, max_tokens=10, messages=HELLO)
        server.stop()
        left = [t for t in set(threading.enumerate()) - before if t.is_alive()]
    assert left == []


def test_count_tokens_and_models_spend_no_turn() -> None:
    with FakeAnthropic([text("kept")]) as server, client_for(server) as client:
        counted = client.messages.count_tokens(model=MODEL, messages=HELLO, tools=TOOLS)
        models = client.models.list()
    assert counted.input_tokens > 0
    assert [m.id for m in models.data] == [MODEL]
    assert server.remaining == 1


def test_a_malformed_scripted_tool_call_fails_when_the_script_is_written() -> None:
    with pytest.raises(ValueError, match="needs id, name and an input dict"):
        Turn([{"type": "tool_use", "name": "read_file"}])


def test_one_script_serves_the_in_process_model_and_the_fake_api_alike():
    from agent.errors import ModelError
    from agent.models.anthropic import AnthropicModel
    from agent.models.base import ModelRequest
    from agent.testing import ScriptedModel

    def responder(body):
        said = sum(1 for m in body["messages"] if m["role"] == "assistant")
        return tool_use("list_files", {}, id="toolu_same") if said == 0 else text(f"{len(body['tools'])} tools")

    request = ModelRequest(system="s", messages=[{"role": "user", "content": "hi"}], tools=[])
    in_process = ScriptedModel(responder).respond(request)
    with FakeAnthropic(responder) as server:
        over_http = AnthropicModel("claude-sonnet-5-5", api_key="k", base_url=server.url).respond(request)
    assert in_process.content == over_http.content == [
        {"type": "tool_use", "id": "toolu_same", "name": "list_files", "input": {}}]
    assert in_process.stop_reason == over_http.stop_reason == "tool_use"
    with pytest.raises(ModelError, match="529"):
        ScriptedModel([Failure(529)]).respond(request)
