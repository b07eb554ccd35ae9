"""The eight model-facing tools. Names and inputs are a stable contract (DESIGN.md).

Each tool validates its input with a pydantic model (the same model generates the
schema the model sees) and returns text; a `ToolError` becomes a `tool_result`
with `is_error` and goes back to the model.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agent.errors import ToolError
from agent.models.base import ToolSpec
from agent.outcome import ModelSubmission, submission_schema
from agent.sandbox import Sandbox
from agent.skill import Skill
from agent.triage import list_repo_files
from agent.workspace import Workspace

READ_CAP = 200_000
"""Largest file `read_file` returns whole; bigger files need a line range."""
MAX_COMMAND_TIMEOUT = 600


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ListFilesInput(_Input):
    path: str = Field(".", description="Folder relative to the repo root.")
    pattern: str | None = Field(None, description="Glob on the path relative to the repo root, e.g. `tests/*.py`.")
    max_results: int = Field(500, ge=1, le=5000)


class ReadFileInput(_Input):
    path: str = Field(description="File relative to the repo root.")
    start_line: int | None = Field(None, ge=1, description="First line to return (1-based).")
    end_line: int | None = Field(None, ge=1, description="Last line to return (inclusive).")


class SearchCodeInput(_Input):
    pattern: str = Field(description="Python regular expression searched line by line in tracked files.")
    path: str = Field(".", description="Folder to search under.")
    glob: str | None = Field(None, description="Only files whose repo-relative path matches this glob.")
    max_results: int = Field(100, ge=1, le=1000)


class WriteFileInput(_Input):
    path: str = Field(description="File relative to the repo root; test files and test config only by default.")
    content: str = Field(description="The whole new content of the file.")


class EditFileInput(_Input):
    path: str = Field(description="File relative to the repo root.")
    old_string: str = Field(min_length=1, description="Exact text to replace; must occur exactly once.")
    new_string: str = Field(description="Replacement text.")


class RunCommandInput(_Input):
    command: str = Field(min_length=1, description="Shell command run in the repo root, sandboxed, no network.")
    timeout_s: int = Field(120, ge=1, le=MAX_COMMAND_TIMEOUT)


class LoadReferenceInput(_Input):
    name: str = Field(description="Reference name, e.g. `framework-recipes` or `troubleshooting`.")


@dataclass
class ToolContext:
    """What the tools act on."""

    workspace: Workspace
    sandbox: Sandbox
    skill: Skill | None
    precheck: Callable[[ModelSubmission], list[str]]
    """Runtime checks before a submission is accepted (flakes, empty assertions); problems go back as errors."""
    env: dict[str, str] = field(default_factory=dict)
    """Extra environment for commands (the interpreter's bin dir first on PATH); never secrets."""


_DESCRIPTIONS = {
    "list_files": "List files in the repo (respects .gitignore), optionally under a folder or matching a glob.",
    "read_file": "Read a text file of the repo, whole or a line range. Lines are numbered.",
    "search_code": "Search tracked files with a regular expression; returns path:line: text matches.",
    "write_file": "Create or overwrite a file. Only test files and test config are writable unless the user "
    "allowed source edits.",
    "edit_file": "Replace one exact, unique occurrence of old_string with new_string in a file.",
    "run_command": "Run a shell command in the repo root inside the sandbox (no network, no secrets). "
    "Returns the exit code and the output (long output keeps its head and tail).",
    "load_reference": "Load one of the skill's reference documents by name into the conversation.",
    "submit_outcome": "Submit the final outcome (test surface, plan, implementation, gaps). The runtime then runs "
    "the tests itself and fills the run section; do not claim results. Call this exactly once, at the end.",
}

_INPUTS: dict[str, type[BaseModel]] = {
    "list_files": ListFilesInput,
    "read_file": ReadFileInput,
    "search_code": SearchCodeInput,
    "write_file": WriteFileInput,
    "edit_file": EditFileInput,
    "run_command": RunCommandInput,
    "load_reference": LoadReferenceInput,
}

TOOL_NAMES = (*_INPUTS, "submit_outcome")


def tool_specs() -> list[ToolSpec]:
    """The tools as the model sees them; schemas come from the pydantic models that validate the inputs."""
    specs = [ToolSpec(name, _DESCRIPTIONS[name], model.model_json_schema()) for name, model in _INPUTS.items()]
    specs.append(ToolSpec("submit_outcome", _DESCRIPTIONS["submit_outcome"], submission_schema()))
    return specs


class SubmissionAccepted(Exception):
    """Ends the loop: the model's submission validated and passed the runtime's prechecks."""

    def __init__(self, submission: ModelSubmission) -> None:
        super().__init__("submitted")
        self.submission = submission


def call_tool(ctx: ToolContext, name: str, raw_input: dict[str, Any]) -> str:
    """Run one tool; raise `ToolError` for the model's mistakes, `SubmissionAccepted` on a valid submit."""
    if name == "submit_outcome":
        return _submit(ctx, raw_input)
    model = _INPUTS.get(name)
    if model is None:
        raise ToolError(f"unknown tool {name!r}; available: {', '.join(TOOL_NAMES)}")
    try:
        args = model.model_validate(raw_input)
    except ValidationError as exc:
        raise ToolError(f"invalid input for {name}: {_errors(exc)}") from None
    handler: Callable[[ToolContext, Any], str] = _HANDLERS[name]
    return handler(ctx, args)


def _errors(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in exc.errors())


def _list_files(ctx: ToolContext, args: ListFilesInput) -> str:
    base = ctx.workspace.resolve(args.path)
    prefix = "" if base == ctx.workspace.root else ctx.workspace.relative(base) + "/"
    files = [f for f in list_repo_files(ctx.workspace.root) if f.startswith(prefix)]
    if args.pattern:
        files = [f for f in files if fnmatch.fnmatch(f, args.pattern)]
    shown = files[: args.max_results]
    more = f"\n[{len(files) - len(shown)} more files not shown]" if len(files) > len(shown) else ""
    return ("\n".join(shown) or "(no files)") + more


def _read_text(path: Path, rel: str) -> str:
    if not path.is_file():
        raise ToolError(f"{rel}: no such file")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise ToolError(f"{rel}: binary file ({len(data)} bytes), not shown")
    return data.decode("utf-8", errors="replace")


def _read_file(ctx: ToolContext, args: ReadFileInput) -> str:
    path = ctx.workspace.resolve(args.path)
    rel = ctx.workspace.relative(path)
    if path.is_file() and path.stat().st_size > READ_CAP and args.start_line is None:
        raise ToolError(f"{rel}: {path.stat().st_size} bytes; too large to read whole, pass start_line/end_line")
    lines = _read_text(path, rel).splitlines()
    start = args.start_line or 1
    end = min(args.end_line or len(lines), len(lines), start + 2000 - 1)
    if start > max(len(lines), 1):
        raise ToolError(f"{rel}: has {len(lines)} lines; start_line {start} is past the end")
    body = "\n".join(f"{n:>5}  {lines[n - 1]}" for n in range(start, end + 1))
    tail = f"\n[lines {start}-{end} of {len(lines)}]" if (start, end) != (1, len(lines)) else ""
    return (body or "(empty file)") + tail


def _search_code(ctx: ToolContext, args: SearchCodeInput) -> str:
    try:
        regex = re.compile(args.pattern)
    except re.error as exc:
        raise ToolError(f"invalid regular expression: {exc}") from None
    base = ctx.workspace.resolve(args.path)
    prefix = "" if base == ctx.workspace.root else ctx.workspace.relative(base) + "/"
    hits: list[str] = []
    for rel in list_repo_files(ctx.workspace.root):
        if not rel.startswith(prefix) or (args.glob and not fnmatch.fnmatch(rel, args.glob)):
            continue
        path = ctx.workspace.root / rel
        try:
            if path.is_symlink() or path.stat().st_size > 2_000_000:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        if b"\x00" in data[:8192]:
            continue
        for number, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
            if regex.search(line):
                hits.append(f"{rel}:{number}: {line.strip()[:300]}")
                if len(hits) >= args.max_results:
                    return "\n".join(hits) + "\n[max_results reached]"
    return "\n".join(hits) or "(no matches)"


def _write_file(ctx: ToolContext, args: WriteFileInput) -> str:
    rel = ctx.workspace.write(args.path, args.content)
    return f"wrote {rel} ({len(args.content.encode())} bytes)"


def _edit_file(ctx: ToolContext, args: EditFileInput) -> str:
    path = ctx.workspace.check_writable(args.path)
    rel = ctx.workspace.relative(path)
    text = _read_text(path, rel)
    count = text.count(args.old_string)
    if count != 1:
        raise ToolError(f"{rel}: old_string occurs {count} times; it must occur exactly once")
    ctx.workspace.write(rel, text.replace(args.old_string, args.new_string, 1))
    return f"edited {rel}"


def _run_command(ctx: ToolContext, args: RunCommandInput) -> str:
    # Under bwrap a command only ever changes a throw-away copy; the fallback runs in the real tree, so the
    # runtime looks at what changed and reports it, rather than letting it pass as the file tools' work.
    watch = ctx.sandbox.name != "bwrap"
    before = ctx.workspace.snapshot() if watch else {}
    result = ctx.sandbox.run(args.command, cwd=ctx.workspace.root, timeout=args.timeout_s, env=ctx.env)
    status = "killed (timeout)" if result.exit_code is None else str(result.exit_code)
    answer = f"exit code: {status}\n{result.output}"
    if watch:
        after = ctx.workspace.snapshot()
        changed = sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))
        if changed:
            ctx.workspace.command_edits.update(changed)
            answer += ("\n[runtime] this command changed files outside the file tools: " + ", ".join(changed[:20])
                       + "; they are reported as discrepancies. Write files with write_file or edit_file.")
    return answer


def _load_reference(ctx: ToolContext, args: LoadReferenceInput) -> str:
    if ctx.skill is None:
        raise ToolError("this run has no skill, so there are no references to load")
    return ctx.skill.read_reference(args.name)


def _submit(ctx: ToolContext, raw_input: dict[str, Any]) -> str:
    try:
        submission = ModelSubmission.model_validate(raw_input)
    except ValidationError as exc:
        problems = "\n".join(f"- {'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in exc.errors())
        raise ToolError(f"the outcome did not validate; fix these and call submit_outcome again:\n{problems}") from None
    problems_found = ctx.precheck(submission)
    if problems_found:
        listed = "\n".join(f"- {p}" for p in problems_found)
        raise ToolError(f"the runtime checked your tests and found problems; fix them, then submit again:\n{listed}")
    raise SubmissionAccepted(submission)


_HANDLERS: dict[str, Callable[[ToolContext, Any], str]] = {
    "list_files": _list_files,
    "read_file": _read_file,
    "search_code": _search_code,
    "write_file": _write_file,
    "edit_file": _edit_file,
    "run_command": _run_command,
    "load_reference": _load_reference,
}


def describe_input(name: str, raw_input: dict[str, Any]) -> str:
    """A short, log-friendly rendering of a tool call for progress lines."""
    if name in ("write_file", "edit_file", "read_file"):
        return f"{name} {raw_input.get('path', '?')}"
    if name == "run_command":
        return f"run_command {str(raw_input.get('command', ''))[:80]!r}"
    return f"{name} {json.dumps(raw_input)[:80]}" if name != "submit_outcome" else name
