"""A fake Anthropic Messages API on 127.0.0.1: real HTTP, the real JSON and SSE wire format, scripted turns.

The real `anthropic` SDK talks to it through `base_url`; it serves the tests, the evals'
reference agents and the docs, and never reaches the network.

    with FakeAnthropic([tool_use("list_files", {}), text("done")]) as server:
        client = anthropic.Anthropic(api_key="test", base_url=server.url)
        ...
    server.requests[0].body["messages"]   # what the SDK sent

What it checks, as the real API does, before a scripted turn is spent: the `x-api-key` and
`anthropic-version` headers, the body's required fields, at most four `cache_control`
breakpoints, non-empty text blocks, and that every `tool_use` is answered by a `tool_result`
in the next message (and no `tool_result` answers nothing). A rejected request gets the
API's own 400 and leaves the script where it was.

Usage is plausible and deterministic: about four characters a token; a prefix up to a
`cache_control` breakpoint is written to the cache the first time it is seen and read
afterwards, with the API's 20-block lookback and minimum cacheable size.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

_ids = itertools.count(1)

_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}
_MESSAGES = {
    "invalid_request_error": "invalid request",
    "authentication_error": "invalid x-api-key",
    "permission_error": "your API key does not have permission to use the specified resource",
    "not_found_error": "not found",
    "request_too_large": "request exceeds the maximum allowed number of bytes",
    "rate_limit_error": "rate limited: number of request tokens has exceeded your per-minute rate limit",
    "api_error": "internal server error",
    "overloaded_error": "Overloaded",
}
MAX_CACHE_BREAKPOINTS = 4
CACHE_LOOKBACK_BLOCKS = 20


@dataclass
class Turn:
    """One scripted assistant response: Anthropic content blocks, as the model would return them."""

    content: list[dict[str, Any]]
    stop_reason: str | None = None
    """`tool_use` when the content calls a tool, else `end_turn`, unless given."""
    usage: dict[str, int] | None = None
    """Overrides the computed usage, key by key."""
    delay_s: float = 0.0
    """Wait this long before answering: for timeouts and wall-clock budgets."""

    def __post_init__(self) -> None:
        for block in self.content:
            kind = block.get("type")
            if kind == "text" and not isinstance(block.get("text"), str):
                raise ValueError(f"scripted text block needs a 'text' string: {block!r}")
            well_formed = block.get("id") and block.get("name") and isinstance(block.get("input"), dict)
            if kind == "tool_use" and not well_formed:
                raise ValueError(f"scripted tool_use block needs id, name and an input dict: {block!r}")
            if kind is None:
                raise ValueError(f"scripted content block has no type: {block!r}")
        if self.stop_reason is None:
            calls_tool = any(b["type"] == "tool_use" for b in self.content)
            self.stop_reason = "tool_use" if calls_tool else "end_turn"


@dataclass
class Failure:
    """A scripted API error in the real error shape, instead of a turn."""

    status: int
    error_type: str = ""
    """The API's error type; derived from `status` when empty (429: rate_limit_error, 529: overloaded_error...)."""
    message: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    """Extra response headers, e.g. {"retry-after": "1"}."""
    mid_stream: bool = False
    """For a streamed request: HTTP 200, `message_start`, then an SSE `error` event, as the API does under load."""

    def __post_init__(self) -> None:
        self.error_type = self.error_type or _ERROR_TYPES.get(self.status, "api_error")
        self.message = self.message or _MESSAGES.get(self.error_type, self.error_type)


@dataclass
class Disconnect:
    """Close the connection without answering: the SDK sees a connection error."""


ScriptItem = Turn | Failure | Disconnect
Responder = Callable[[dict[str, Any]], ScriptItem]
"""A function of the request body, for agents that react to what they see."""


def tool_use(name: str, input: dict[str, Any], id: str | None = None) -> Turn:
    """A turn that calls one tool; the id is generated (and unique) unless given."""
    return Turn([{"type": "tool_use", "id": id or f"toolu_fake_{next(_ids):05d}", "name": name, "input": input}])


def text(message: str) -> Turn:
    """A turn that only talks."""
    return Turn([{"type": "text", "text": message}])


@dataclass
class RecordedRequest:
    """A request as the server received it; headers are lower-cased, `time` is `time.monotonic()`."""

    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    time: float


class FakeAnthropic:
    """A Messages API server in a thread on 127.0.0.1; use it as a context manager.

    `script` is a list of turns and failures answered in order (an exhausted script answers
    500 with `x-should-retry: false`, and says so in `errors`), or a `Responder`.
    """

    def __init__(
        self,
        script: Sequence[ScriptItem] | Responder,
        *,
        min_cache_tokens: int = 1024,
        models: Sequence[str] = ("claude-sonnet-5-5",),
    ) -> None:
        self._responder: Responder | None = script if callable(script) else None
        self._script: list[ScriptItem] = [] if callable(script) else list(script)
        self._served = 0
        self.min_cache_tokens = min_cache_tokens
        """Prefixes shorter than this are not cached (the API's per-model minimum; 1024 for Sonnet)."""
        self.models = tuple(models)
        self.requests: list[RecordedRequest] = []
        self.errors: list[str] = []
        """What went wrong on the server side: an exhausted script, a responder that raised, a rejected request."""
        self.url = ""
        self._lock = threading.Lock()
        self._cache: set[str] = set()
        self._stopping = threading.Event()
        self._connections: dict[threading.Thread, socket.socket] = {}
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> FakeAnthropic:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def remaining(self) -> int:
        """Scripted items not served yet (0 for a responder)."""
        return len(self._script) - self._served

    @property
    def message_requests(self) -> list[RecordedRequest]:
        """The requests to `POST /v1/messages`, in order."""
        return [r for r in self.requests if r.method == "POST" and urlsplit(r.path).path == "/v1/messages"]

    def start(self) -> None:
        """Listen on a free port on 127.0.0.1 and serve in a background thread."""
        if self._server is not None:
            return
        handler = type("Handler", (_Handler,), {"fake": self})
        self._stopping.clear()
        self._server = _Server(("127.0.0.1", 0), handler)
        self._server.fake = self
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        # A short poll keeps stop() fast; the default half second would add up over a test suite.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="fake-anthropic",
                                        daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, close every open connection and wait for the handler threads."""
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        with self._lock:
            open_connections = list(self._connections.items())
        for _, conn in open_connections:
            # Wakes handlers blocked reading a kept-alive connection.
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        for thread, _ in open_connections:
            thread.join(timeout=5)
        self._server.server_close()
        self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def next_item(self, body: dict[str, Any]) -> ScriptItem:
        """The scripted answer to `body` (a failure when the script is exhausted or the responder raises)."""
        if self._responder is not None:
            try:
                return self._responder(body)
            except Exception as exc:  # the test must see it as an answer, not as a dead server thread
                return self._problem(f"fake server: the responder raised {type(exc).__name__}: {exc}")
        with self._lock:
            if self._served >= len(self._script):
                item: ScriptItem | None = None
            else:
                item = self._script[self._served]
                self._served += 1
        if item is None:
            return self._problem(f"fake server: the script is exhausted (request {len(self.message_requests)}, "
                                 f"{len(self._script)} scripted items)")
        return item

    def _problem(self, message: str) -> Failure:
        with self._lock:
            self.errors.append(message)
        return Failure(500, "api_error", message, headers={"x-should-retry": "false"})

    def usage_for(self, body: dict[str, Any], turn: Turn) -> dict[str, int]:
        """Plausible, deterministic usage for answering `body` with `turn`."""
        blocks = list(_prompt_blocks(body))
        tokens = [_tokens(_plain(block)) for block in blocks]
        prefix_hashes = list(_prefix_hashes(str(body.get("model")), blocks))
        breakpoints = [i for i, block in enumerate(blocks) if "cache_control" in block]
        total = sum(tokens)
        cumulative = list(itertools.accumulate(tokens))
        read_end = write_end = -1
        with self._lock:
            for point in breakpoints:
                for i in range(point, max(-1, point - CACHE_LOOKBACK_BLOCKS), -1):
                    if prefix_hashes[i] in self._cache:
                        read_end = max(read_end, i)
                        break
            for point in breakpoints:
                if cumulative[point] >= self.min_cache_tokens:
                    write_end = max(write_end, point)
                    self._cache.add(prefix_hashes[point])
        read = cumulative[read_end] if read_end >= 0 else 0
        cached_to = max(read_end, write_end)
        written = cumulative[cached_to] - read if cached_to >= 0 else 0
        usage = {
            "input_tokens": total - read - written,
            "cache_creation_input_tokens": written,
            "cache_read_input_tokens": read,
            "output_tokens": max(1, _tokens(turn.content)),
        }
        return {**usage, **(turn.usage or {})}

    def count_tokens(self, body: dict[str, Any]) -> int:
        """What `POST /v1/messages/count_tokens` answers for `body`."""
        return sum(_tokens(_plain(block)) for block in _prompt_blocks(body))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeAnthropic

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Quiet for clients that hang up (timeouts, `Disconnect`); anything else is recorded for the test."""
        exc = sys.exc_info()[1]
        if not isinstance(exc, ConnectionError | TimeoutError):
            with self.fake._lock:
                self.fake.errors.append(f"fake server: handler raised {type(exc).__name__}: {exc}")


class _Handler(BaseHTTPRequestHandler):
    fake: FakeAnthropic
    protocol_version = "HTTP/1.1"
    timeout = 30  # an idle kept-alive connection does not hold a thread forever

    def setup(self) -> None:
        super().setup()
        with self.fake._lock:
            self.fake._connections[threading.current_thread()] = self.connection

    def finish(self) -> None:
        with self.fake._lock:
            self.fake._connections.pop(threading.current_thread(), None)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read `requests` and `errors`, not logs."""

    def do_GET(self) -> None:
        self._record({})
        path = urlsplit(self.path).path
        if not self._authorised():
            return
        models = [{"type": "model", "id": m, "display_name": m, "created_at": "2025-01-01T00:00:00Z"}
                  for m in self.fake.models]
        if path == "/v1/models":
            self._json(200, {"data": models, "has_more": False,
                             "first_id": models[0]["id"] if models else None,
                             "last_id": models[-1]["id"] if models else None})
            return
        found = [m for m in models if path == f"/v1/models/{m['id']}"]
        if found:
            self._json(200, found[0])
        else:
            self._error(Failure(404, message=f"model or route not found: {path}"))

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            body = None
        self._record(body if isinstance(body, dict) else {"_raw": raw.decode(errors="replace")})
        path = urlsplit(self.path).path
        if path not in ("/v1/messages", "/v1/messages/count_tokens"):
            self._error(Failure(404, message=f"route not found: POST {path}"))
            return
        if not self._authorised():
            return
        if not isinstance(body, dict):
            self._reject("request body is not a JSON object")
            return
        problem = _invalid(body, counting=path.endswith("count_tokens"))
        if problem:
            self._reject(problem)
            return
        if path.endswith("count_tokens"):
            self._json(200, {"input_tokens": self.fake.count_tokens(body)})
            return
        self._answer(body, self.fake.next_item(body))

    def _record(self, body: dict[str, Any]) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        with self.fake._lock:
            self.fake.requests.append(RecordedRequest(self.command, self.path, headers, body, time.monotonic()))

    def _authorised(self) -> bool:
        if not self.headers.get("x-api-key") and not self.headers.get("authorization"):
            self._error(Failure(401, message="x-api-key header is required"))
            return False
        if not self.headers.get("anthropic-version"):
            self._reject("anthropic-version: header is required")
            return False
        return True

    def _reject(self, message: str) -> None:
        with self.fake._lock:
            self.fake.errors.append(f"fake server: rejected a request: {message}")
        self._error(Failure(400, message=message))

    def _answer(self, body: dict[str, Any], item: ScriptItem) -> None:
        streaming = bool(body.get("stream"))
        if isinstance(item, Disconnect):
            self.close_connection = True
            return
        if isinstance(item, Failure):
            if item.mid_stream and streaming:
                self._stream_failure(body, item)
            else:
                self._error(item)
            return
        if item.delay_s and self.fake._stopping.wait(item.delay_s):
            self.close_connection = True
            return
        message = {
            "id": f"msg_fake_{next(_ids):05d}",
            "type": "message",
            "role": "assistant",
            "model": body["model"],
            "content": item.content,
            "stop_reason": item.stop_reason,
            "stop_sequence": None,
            "usage": self.fake.usage_for(body, item),
        }
        if streaming:
            self._stream(message)
        else:
            self._json(200, message)

    def _start_events(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream; charset=utf-8")
        self.send_header("cache-control", "no-cache")
        self.send_header("transfer-encoding", "chunked")
        self.send_header("request-id", f"req_fake_{next(_ids):05d}")
        self.end_headers()

    def _stream(self, message: dict[str, Any]) -> None:
        self._start_events()
        usage = message["usage"]
        start = {**message, "content": [], "stop_reason": None, "usage": {**usage, "output_tokens": 1}}
        self._event("message_start", {"type": "message_start", "message": start})
        self._event("ping", {"type": "ping"})
        for index, block in enumerate(message["content"]):
            for event in _block_events(index, block):
                self._event(event["type"], event)
        self._event("message_delta", {"type": "message_delta",
                                      "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
                                      "usage": {"output_tokens": usage["output_tokens"]}})
        self._event("message_stop", {"type": "message_stop"})
        self._chunk(b"")

    def _stream_failure(self, body: dict[str, Any], failure: Failure) -> None:
        self._start_events()
        start = {"id": f"msg_fake_{next(_ids):05d}", "type": "message", "role": "assistant", "model": body["model"],
                 "content": [], "stop_reason": None, "stop_sequence": None,
                 "usage": {"input_tokens": self.fake.count_tokens(body), "output_tokens": 1}}
        self._event("message_start", {"type": "message_start", "message": start})
        self._event("error", _error_body(failure))
        self._chunk(b"")

    def _event(self, name: str, data: dict[str, Any]) -> None:
        self._chunk(f"event: {name}\ndata: {json.dumps(data)}\n\n".encode())

    def _chunk(self, data: bytes) -> None:
        """One HTTP/1.1 chunk; an empty one ends the body, so the connection can be kept alive."""
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
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
        self._json(failure.status, _error_body(failure), failure.headers)


def _error_body(failure: Failure) -> dict[str, Any]:
    return {"type": "error", "error": {"type": failure.error_type, "message": failure.message}}


def _invalid(body: dict[str, Any], *, counting: bool) -> str | None:
    """The API's 400 message for `body`, or None when the real API would accept it."""
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "model: Field required"
    if not counting and (not isinstance(body.get("max_tokens"), int) or body["max_tokens"] < 1):
        return "max_tokens: Field required (a positive integer)"
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        return "messages: at least one message is required"
    for i, message in enumerate(messages):
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
            return f"messages.{i}.role: Input should be 'user' or 'assistant'"
        content = message.get("content")
        if not content and not (i == len(messages) - 1 and message["role"] == "assistant"):
            return (f"messages.{i}: all messages must have non-empty content except for the optional final "
                    "assistant message")
        if isinstance(content, str):
            continue
        if not isinstance(content, list) or not all(isinstance(b, dict) and "type" in b for b in content):
            return f"messages.{i}.content: a string or a list of content blocks is required"
        for j, block in enumerate(content):
            if block["type"] == "text" and not block.get("text"):
                return f"messages.{i}.content.{j}.text: text content blocks must be non-empty"
    for i, tool in enumerate(body.get("tools") or []):
        custom = tool.get("type") in (None, "custom")
        if custom and not (tool.get("name") and isinstance(tool.get("input_schema"), dict)):
            return f"tools.{i}: a custom tool needs a name and an input_schema"
    breakpoints = sum(1 for block in _prompt_blocks(body) if "cache_control" in block)
    if breakpoints > MAX_CACHE_BREAKPOINTS:
        return f"A maximum of {MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found {breakpoints}."
    return _unpaired_tool_calls(messages)


def _unpaired_tool_calls(messages: list[dict[str, Any]]) -> str | None:
    """The API's message when a tool_use is not answered in the next message, or a tool_result answers nothing."""
    for i, message in enumerate(messages):
        content = message["content"] if isinstance(message["content"], list) else []
        results = {b.get("tool_use_id") for b in content if b["type"] == "tool_result"}
        if results:
            before = messages[i - 1] if i > 0 else {"role": "user", "content": []}
            earlier = before["content"] if before["role"] == "assistant" and isinstance(before["content"], list) else []
            calls = {b.get("id") for b in earlier if b["type"] == "tool_use"}
            unknown = sorted(str(r) for r in results - calls)
            if message["role"] != "user" or unknown:
                return (f"messages.{i}.content: unexpected `tool_use_id` found in `tool_result` blocks: "
                        f"{', '.join(unknown) or '(in an assistant message)'}. Each `tool_result` block must have "
                        "a corresponding `tool_use` block in the previous message.")
        if message["role"] == "assistant" and i + 1 < len(messages):
            calls = {b.get("id") for b in content if b["type"] == "tool_use"}
            following = messages[i + 1]["content"] if isinstance(messages[i + 1]["content"], list) else []
            answered = {b.get("tool_use_id") for b in following if b["type"] == "tool_result"}
            missing = sorted(str(c) for c in calls - answered)
            if missing:
                return (f"messages.{i + 1}: `tool_use` ids were found without `tool_result` blocks immediately "
                        f"after: {', '.join(missing)}. Each `tool_use` block must have a corresponding "
                        "`tool_result` block in the next message.")
    return None


def _prompt_blocks(body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The prompt as the cache sees it, in order: tools, system, then every message's content blocks."""
    yield from body.get("tools") or []
    system = body.get("system")
    if isinstance(system, str) and system:
        yield {"type": "text", "text": system}
    elif isinstance(system, list):
        yield from system
    for message in body.get("messages") or []:
        content = message.get("content")
        if isinstance(content, str):
            yield {"type": "text", "text": content, "role": message.get("role")}
        elif isinstance(content, list):
            for block in content:
                yield {**block, "role": message.get("role")}


def _prefix_hashes(model: str, blocks: list[dict[str, Any]]) -> Iterator[str]:
    """A hash of the prompt up to and including each block; breakpoints do not change what is cached."""
    digest = hashlib.sha256(model.encode())
    for block in blocks:
        digest.update(json.dumps({**_plain(block), "role": block.get("role")}, sort_keys=True).encode())
        yield digest.copy().hexdigest()


def _plain(block: dict[str, Any]) -> dict[str, Any]:
    """A prompt block as it was sent, without its breakpoint."""
    return {k: v for k, v in block.items() if k not in ("cache_control", "role")}


def _tokens(value: Any) -> int:
    """About four characters a token, never zero for something."""
    return max(1, len(json.dumps(value, separators=(",", ":"))) // 4)


def _block_events(index: int, block: dict[str, Any]) -> list[dict[str, Any]]:
    """The start / delta / stop events of one content block, as the real API streams them."""
    kind = block["type"]
    start: dict[str, Any]
    deltas: list[dict[str, Any]]
    if kind == "text":
        start = {"type": "text", "text": ""}
        deltas = [{"type": "text_delta", "text": part} for part in _pieces(block["text"], 3)]
    elif kind == "tool_use":
        start = {"type": "tool_use", "id": block["id"], "name": block["name"], "input": {}}
        # The API opens with an empty fragment and splits the JSON anywhere, even inside a string.
        deltas = [{"type": "input_json_delta", "partial_json": part}
                  for part in ["", *_pieces(json.dumps(block["input"]), 4)]]
    else:
        start, deltas = block, []
    return [
        {"type": "content_block_start", "index": index, "content_block": start},
        *({"type": "content_block_delta", "index": index, "delta": d} for d in deltas),
        {"type": "content_block_stop", "index": index},
    ]


def _pieces(value: str, count: int) -> list[str]:
    """`value` cut into at most `count` non-empty pieces."""
    step = max(1, -(-len(value) // count))
    return [value[i:i + step] for i in range(0, len(value), step)]
