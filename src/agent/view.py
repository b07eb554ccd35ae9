"""`assay view`: one run's record (`.assay/runs/<id>/`) as a self-contained HTML page.

Everything in a record is untrusted (model text, tool output, file contents from the repo): the page is rendered
by jinja2 with autoescape on, control characters are shown as visible escapes (`\\x1b[31m`), and the record is
already redacted when it was written. No script, font or style comes from the network; the page works from file://.
"""

from __future__ import annotations

import http.server
import json
import socketserver
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from agent import safefs
from agent.errors import UsageError
from agent.loop import NUDGE
from agent.record import RUNS_DIR
from agent.templating import html_environment

VIEW_FILE = "view.html"
LONG = 1200
"""Characters above which a text block starts collapsed."""


@dataclass
class ToolCall:
    """One tool call of a turn and what the runtime answered."""

    id: str
    name: str
    input: dict[str, Any]
    result: str | None = None
    is_error: bool = False

    @property
    def precheck(self) -> bool:
        """A submission the runtime checked: its answer is what went back to the model."""
        return self.name == "submit_outcome"

    @property
    def shown_input(self) -> list[tuple[str, str]]:
        """The input as (key, text) pairs; long strings (file contents, scripts) stay whole, for <pre>."""
        return [(key, value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False))
                for key, value in self.input.items()]


@dataclass
class Turn:
    """One model response: its text blocks and tool calls, with the results the runtime sent back."""

    number: int
    stop_reason: str
    usage: dict[str, Any]
    texts: list[str] = field(default_factory=list)
    calls: list[ToolCall] = field(default_factory=list)
    nudged: bool = False
    """The turn called no tool and the runtime answered with its nudge."""


@dataclass
class RunView:
    """What the page shows, read from a run folder."""

    run_dir: Path
    run_id: str
    started: str
    model: str = "?"
    sandbox: str = "?"
    first_message: str = ""
    turns: list[Turn] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    """Runtime events outside the turns: budgets, installs, an aborted run."""
    outcome: dict[str, Any] | None = None
    torn_lines: int = 0


def latest_run(repo: Path) -> Path:
    """The newest run folder under `repo/.assay/runs` (run ids sort by time)."""
    runs = repo / RUNS_DIR
    found = sorted(p for p in runs.iterdir() if p.is_dir()) if runs.is_dir() else []
    if not found:
        raise UsageError(f"no runs recorded under {runs} (run `assay run` or `assay demo` first)")
    return found[-1]


def load_run(run_dir: Path) -> RunView:
    """Parse `transcript.jsonl` (a line torn by a crash is counted, not fatal) and `outcome.json` when present."""
    transcript = run_dir / "transcript.jsonl"
    if not transcript.is_file():
        raise UsageError(f"not a run folder (no transcript.jsonl): {run_dir}")
    events: list[dict[str, Any]] = []
    torn = 0
    for raw in transcript.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            item = json.loads(raw)
        except json.JSONDecodeError:
            torn += 1
            continue
        if isinstance(item, dict):
            events.append(item)
    first_t = next((e["t"] for e in events if isinstance(e.get("t"), int | float)), None)
    started = datetime.fromtimestamp(first_t, UTC).strftime("%Y-%m-%d %H:%M:%S UTC") if first_t else "?"
    view = RunView(run_dir=run_dir, run_id=run_dir.name, started=started, torn_lines=torn)
    calls: dict[str, ToolCall] = {}
    for event in events:
        _apply(view, event, calls)
    outcome_path = run_dir / "outcome.json"
    if outcome_path.is_file():
        try:
            loaded = json.loads(outcome_path.read_text(encoding="utf-8"))
            view.outcome = loaded if isinstance(loaded, dict) else None
        except json.JSONDecodeError:
            view.notes.append(("outcome", "outcome.json is not valid JSON"))
    return view


def _apply(view: RunView, event: dict[str, Any], calls: dict[str, ToolCall]) -> None:
    """Fold one transcript event into the view."""
    kind = event.get("event")
    if kind == "sandbox":
        view.sandbox = str(event.get("name", "?"))
    elif kind == "request":
        view.model = str(event.get("model", "?"))
        view.first_message = str(event.get("first_message", ""))
    elif kind == "response":
        if view.turns and not view.turns[-1].calls:
            view.turns[-1].nudged = True  # the loop answers a turn without tool calls with its nudge
        view.turns.append(_turn(event, calls))
    elif kind == "tool":
        call = calls.get(str(event.get("id")))
        if call is None:  # a result whose call was not recorded: show it on its own
            call = ToolCall(str(event.get("id")), str(event.get("name", "?")), _dict(event.get("input")))
            if view.turns:
                view.turns[-1].calls.append(call)
        call.result, call.is_error = str(event.get("result", "")), bool(event.get("is_error"))
    elif kind in ("budget", "aborted"):
        view.notes.append((str(kind), str(event.get("reason") or event.get("error") or "")))
    elif kind == "install":
        command = event.get("command")
        view.notes.append(("install", f"{command} (exit {event.get('exit_code')})\n{event.get('output', '')}"
                           if command else "no manifest to install from"))


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {"input": value}


def _turn(event: dict[str, Any], calls: dict[str, ToolCall]) -> Turn:
    usage = event.get("usage")
    turn = Turn(int(event.get("turn", 0) or 0), str(event.get("stop_reason", "")),
                usage if isinstance(usage, dict) else {})
    content = event.get("content")
    for block in content if isinstance(content, list) else []:
        if not isinstance(block, dict):
            continue
        if block.get("type") == "text":
            turn.texts.append(str(block.get("text", "")))
        elif block.get("type") == "tool_use":
            call = ToolCall(str(block.get("id")), str(block.get("name", "?")), _dict(block.get("input")))
            calls[call.id] = call
            turn.calls.append(call)
    return turn


def render_view(view: RunView) -> str:
    """The page: autoescaped, control characters visible, no network assets."""
    outcome = view.outcome or {}
    run = outcome.get("run") if isinstance(outcome.get("run"), dict) else {}
    return html_environment().get_template("html/run_view.html.j2").render(
        view=view, outcome=outcome, run=run or {}, usage=(run or {}).get("usage") or {}, nudge=NUDGE, long=LONG)


def write_view(run_dir: Path, out: Path | None = None) -> Path:
    """Render `run_dir` and write it to `out` (default: `view.html` in the run folder, never through a symlink)."""
    page = render_view(load_run(run_dir)).encode("utf-8")
    if out is None:
        return safefs.write_in(run_dir, VIEW_FILE, page)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(page)
    return out


def serve(page: Path, port: int = 0) -> None:
    """Serve the one page on 127.0.0.1 until interrupted."""
    body = page.read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return

    with socketserver.TCPServer(("127.0.0.1", port), Handler) as server:
        print(f"assay view: serving http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)", file=sys.stderr,
              flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:  # Ctrl-C ends serving; nothing was interrupted
            print("assay view: stopped", file=sys.stderr)
