"""Where untrusted commands run: model commands, the runtime's own test runs, app discovery.

Every execution path goes through a `Sandbox`. `ProcessSandbox` is the portable
floor: a scrubbed environment built from an allowlist, resource limits, a
wall-clock timeout that kills the whole process group, and capped output.
"""

from __future__ import annotations

import os
import re
import resource
import shlex
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

OUTPUT_CAP = 64_000
"""Bytes of output kept per command: the head and the tail, half each."""

_ENV_ALLOW = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TERM", "VIRTUAL_ENV", "PYTHONPATH", "NODE_PATH")
_SECRET_NAME = re.compile(r"(TOKEN|SECRET|_KEY|PASSWORD|PASSWD|CREDENTIAL|^ANTHROPIC_|^AWS_|^GOOGLE_|^AZURE_|^GH_|^GITHUB_)", re.I)


@dataclass(frozen=True)
class Limits:
    """Resource limits applied to every sandboxed process tree."""

    cpu_seconds: int = 600
    """RLIMIT_CPU per process."""
    memory_bytes: int = 4 * 1024**3
    """RLIMIT_AS per process."""
    max_processes: int = 512
    """RLIMIT_NPROC (per uid: effective where the sandbox runs as its own uid)."""
    file_size_bytes: int = 512 * 1024**2
    """RLIMIT_FSIZE: the largest file a command may write."""


@dataclass(frozen=True)
class CommandResult:
    """What a command did, as observed."""

    command: str
    exit_code: int | None
    """None when it was killed at the timeout."""
    output: str
    """stdout and stderr interleaved, capped (head and tail kept)."""
    duration_s: float
    timed_out: bool = False
    truncated: bool = False


class Sandbox(Protocol):
    """Runs one command in a repo, contained."""

    name: str

    def run(
        self,
        command: str | Sequence[str],
        *,
        cwd: Path,
        timeout: float,
        env: Mapping[str, str] | None = None,
        stdin: str | None = None,
    ) -> CommandResult:
        """Run `command` (a shell string or argv) with `cwd` inside the repo; never raises on failure."""
        ...


def is_secret_name(name: str) -> bool:
    """True for environment variable names that look like credentials."""
    return bool(_SECRET_NAME.search(name))


def scrubbed_env(home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A minimal environment from an allowlist; never the caller's environment wholesale."""
    env = {k: v for k, v in os.environ.items() if k in _ENV_ALLOW and not is_secret_name(k)}
    env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
    env.setdefault("LANG", "C.UTF-8")
    env["HOME"] = str(home)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["PYTHONHASHSEED"] = env.get("PYTHONHASHSEED", "0")
    env["CI"] = "true"
    env["NO_COLOR"] = "1"
    for key, value in (extra or {}).items():
        if not is_secret_name(key):
            env[key] = value
    return env


def _apply_limits(limits: Limits) -> None:
    os.setsid()
    for which, value in (
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_AS, limits.memory_bytes),
        (resource.RLIMIT_FSIZE, limits.file_size_bytes),
    ):
        resource.setrlimit(which, (value, value))
    if os.geteuid() != 0:  # per-uid count; for root it would cap the whole machine's processes
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.max_processes, limits.max_processes))


class _CappedReader:
    """Drains a pipe, keeping the head and the tail within `cap` bytes."""

    def __init__(self, stream: IO[bytes], cap: int) -> None:
        self.head = bytearray()
        self.tail = bytearray()
        self.cap = cap
        self.total = 0
        self.thread = threading.Thread(target=self._drain, args=(stream,), daemon=True)
        self.thread.start()

    def _drain(self, stream: IO[bytes]) -> None:
        half = self.cap // 2
        while chunk := stream.read(65536):
            self.total += len(chunk)
            room = half - len(self.head)
            if room > 0:
                self.head += chunk[:room]
                chunk = chunk[room:]
            if chunk:
                self.tail += chunk
                if len(self.tail) > half:
                    del self.tail[: len(self.tail) - half]

    def text(self) -> tuple[str, bool]:
        self.thread.join(timeout=5)
        truncated = self.total > len(self.head) + len(self.tail)
        body = self.head.decode("utf-8", "replace")
        if truncated:
            skipped = self.total - len(self.head) - len(self.tail)
            body += f"\n[... {skipped} bytes of output omitted ...]\n"
        body += self.tail.decode("utf-8", "replace")
        return body, truncated


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill the process group `proc` leads, so no grandchild outlives the timeout."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


@dataclass
class ProcessSandbox:
    """The portable floor: scrubbed env, rlimits, process-group timeout, capped output. No namespace isolation."""

    limits: Limits = field(default_factory=Limits)
    output_cap: int = OUTPUT_CAP
    name: str = "process"

    def run(
        self,
        command: str | Sequence[str],
        *,
        cwd: Path,
        timeout: float,
        env: Mapping[str, str] | None = None,
        stdin: str | None = None,
    ) -> CommandResult:
        """Run `command` with a scrubbed environment and limits; kill the whole group at `timeout`."""
        shown = command if isinstance(command, str) else shlex.join(command)
        argv = ["/bin/sh", "-c", command] if isinstance(command, str) else list(command)
        with tempfile.TemporaryDirectory(prefix="assay-home-") as home:
            return self._spawn(argv, shown, cwd, timeout, scrubbed_env(Path(home), env), stdin)

    def _spawn(
        self, argv: list[str], shown: str, cwd: Path, timeout: float, env: dict[str, str], stdin: str | None
    ) -> CommandResult:
        start = time.monotonic()
        limits = self.limits
        try:
            proc = subprocess.Popen(
                argv,
                cwd=cwd,
                env=env,
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                preexec_fn=lambda: _apply_limits(limits),  # noqa: PLW1509 - setsid + rlimits must run in the child
            )
        except OSError as exc:
            return CommandResult(shown, 127, f"cannot start command: {exc}", time.monotonic() - start)
        assert proc.stdout is not None
        reader = _CappedReader(proc.stdout, self.output_cap)
        if stdin is not None and proc.stdin is not None:
            try:
                proc.stdin.write(stdin.encode())
                proc.stdin.close()
            except BrokenPipeError:
                pass
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
        kill_group(proc)  # also reaps background children the command left behind
        proc.wait()
        output, truncated = reader.text()
        proc.stdout.close()
        exit_code = None if timed_out else proc.returncode
        if timed_out:
            output += f"\n[killed: timed out after {timeout:g}s]\n"
        return CommandResult(shown, exit_code, output, time.monotonic() - start, timed_out, truncated)


def default_sandbox() -> Sandbox:
    """The best sandbox this machine offers."""
    return ProcessSandbox()
