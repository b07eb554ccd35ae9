"""A fake Anthropic Messages API on 127.0.0.1: real HTTP, the real JSON and SSE wire format, scripted turns.

The real `anthropic` SDK talks to it through `base_url`. It serves the tests, the evals'
reference agents and the docs; it never reaches the network.

    with FakeAnthropic([tool_use("list_files", {}), text("done")]) as server:
        client = anthropic.Anthropic(api_key="test", base_url=server.url)
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_ids = itertools.count(1)


@dataclass
class Turn:
    """One scripted assistant response."""

    content: list[dict[str, Any]]
    stop_reason: str | None = None
    """Defaults to `tool_use` when the content calls a tool, else `end_turn`."""
    usage: dict[str, int] | None = None


@dataclass
class Failure:
    """A scripted HTTP error in the API's real error shape."""

    status: int
    error_type: str = "api_error"
    message: str = "scripted failure"
    headers: dict[str, str] = field(default_factory=dict)


Responder = Callable[[dict[str, Any]], "Turn | Failure"]
"""A function of the request body, for agents that react to what they see."""


def tool_use(name: str, input: dict[str, Any], id: str | None = None) -> Turn:
    """A turn that calls one tool."""
    return Turn([{"type": "tool_use", "id": id or f"toolu_fake_{next(_ids):05d}", "name": name, "input": input}])


def text(message: str) -> Turn:
    """A turn that only talks."""
    return Turn([{"type": "text", "text": message}])


@dataclass
class RecordedRequest:
    """A request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    time: float


class FakeAnthropic:
    """A Messages API server in a thread; use it as a context manager."""

    def __init__(self, script: Sequence[Turn | Failure] | Responder, *, model_echo: bool = True) -> None:
        self._script = script if callable(script) else iter(list(script))
        self._lock = threading.Lock()
        self._seen_prefixes: set[str] = set()
        self.requests: list[RecordedRequest] = []
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    def __enter__(self) -> FakeAnthropic:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)

    def next_answer(self, body: dict[str, Any]) -> Turn | Failure:
        with self._lock:
            if callable(self._script):
                return self._script(body)
            answer = next(self._script, None)
        if answer is None:
            return Failure(500, "api_error", "fake server: the script is exhausted (more requests than turns)")
        return answer

    def usage_for(self, body: dict[str, Any], turn: Turn) -> dict[str, int]:
        """Plausible, deterministic usage: cache writes the first time a prefix is seen, reads afterwards."""
        if turn.usage:
            return {"input_tokens": 0, "output_tokens": 0, "cache_creation_input_tokens": 0,
                    "cache_read_input_tokens": 0, **turn.usage}
        size = len(json.dumps(body)) // 4
        output = max(1, len(json.dumps(turn.content)) // 4)
        if not _has_cache_control(body):
            return {"input_tokens": size, "output_tokens": output, "cache_creation_input_tokens": 0,
                    "cache_read_input_tokens": 0}
        prefix = json.dumps([body.get("tools"), body.get("system")], sort_keys=True)
        with self._lock:
            seen = prefix in self._seen_prefixes
            self._seen_prefixes.add(prefix)
        cached = size * 3 // 4
        return {"input_tokens": size - cached, "output_tokens": output,
                "cache_creation_input_tokens": 0 if seen else cached, "cache_read_input_tokens": cached if seen else 0}


def _has_cache_control(obj: Any) -> bool:
    if isinstance(obj, dict):
        return "cache_control" in obj or any(_has_cache_control(v) for v in obj.values())
    if isinstance(obj, list):
        return any(_has_cache_control(v) for v in obj)
    return False


class _Handler(BaseHTTPRequestHandler):
    fake: FakeAnthropic
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read `requests`, not logs."""

    def do_GET(self) -> None:
        if self.path.startswith("/v1/models"):
            self._json(200, {"data": [{"type": "model", "id": "claude-sonnet-5-5", "display_name": "fake"}],
                             "has_more": False, "first_id": None, "last_id": None})
        else:
            self._error(Failure(404, "not_found_error", f"no route {self.path}"))

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._error(Failure(400, "invalid_request_error", "body is not JSON"))
            return
        self.fake.requests.append(RecordedRequest("POST", self.path, {k.lower(): v for k, v in self.headers.items()},
                                                  body, time.monotonic()))
        if not self.path.startswith("/v1/messages"):
            self._error(Failure(404, "not_found_error", f"no route {self.path}"))
            return
        if not self.headers.get("x-api-key") and not self.headers.get("authorization"):
            self._error(Failure(401, "authentication_error", "x-api-key header is required"))
            return
        if not self.headers.get("anthropic-version"):
            self._error(Failure(400, "invalid_request_error", "anthropic-version header is required"))
            return
        answer = self.fake.next_answer(body)
        if isinstance(answer, Failure):
            self._error(answer)
            return
        message = self._message(body, answer)
        if body.get("stream"):
            self._stream(message)
        else:
            self._json(200, message)

    def _message(self, body: dict[str, Any], turn: Turn) -> dict[str, Any]:
        calls_tool = any(b.get("type") == "tool_use" for b in turn.content)
        return {
            "id": f"msg_fake_{next(_ids):05d}",
            "type": "message",
            "role": "assistant",
            "model": body.get("model", "claude-fake"),
            "content": turn.content,
            "stop_reason": turn.stop_reason or ("tool_use" if calls_tool else "end_turn"),
            "stop_sequence": None,
            "usage": self.fake.usage_for(body, turn),
        }

    def _stream(self, message: dict[str, Any]) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("cache-control", "no-cache")
        self.send_header("request-id", f"req_fake_{next(_ids):05d}")
        self.send_header("connection", "close")
        self.end_headers()
        usage = message["usage"]
        start = {**message, "content": [], "stop_reason": None, "usage": {**usage, "output_tokens": 1}}
        self._event("message_start", {"type": "message_start", "message": start})
        for index, block in enumerate(message["content"]):
            for event in _block_events(index, block):
                self._event(event["type"], event)
        self._event("message_delta", {"type": "message_delta",
                                      "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
                                      "usage": {"output_tokens": usage["output_tokens"]}})
        self._event("message_stop", {"type": "message_stop"})
        self.close_connection = True

    def _event(self, name: str, data: dict[str, Any]) -> None:
        self.wfile.write(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())
        self.wfile.flush()

    def _json(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.send_header("request-id", f"req_fake_{next(_ids):05d}")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _error(self, failure: Failure) -> None:
        # The SDK would retry on its own when told to; tests keep `x-should-retry` out of it.
        self._json(failure.status, {"type": "error", "error": {"type": failure.error_type, "message": failure.message}},
                   failure.headers)


def _block_events(index: int, block: dict[str, Any]) -> list[dict[str, Any]]:
    """The start / delta / stop events of one content block, as the real API streams them."""
    kind = block["type"]
    start: dict[str, Any]
    deltas: list[dict[str, Any]]
    if kind == "text":
        words = block["text"]
        half = len(words) // 2
        deltas = [{"type": "text_delta", "text": part} for part in (words[:half], words[half:]) if part]
        start = {"type": "text", "text": ""}
    elif kind == "tool_use":
        raw = json.dumps(block["input"])
        step = max(1, len(raw) // 3)
        deltas = [{"type": "input_json_delta", "partial_json": raw[i:i + step]} for i in range(0, len(raw), step)]
        start = {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}
    else:
        deltas, start = [], block
    return [
        {"type": "content_block_start", "index": index, "content_block": start},
        *({"type": "content_block_delta", "index": index, "delta": d} for d in deltas),
        {"type": "content_block_stop", "index": index},
    ]
