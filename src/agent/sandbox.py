"""Where untrusted commands run: model commands, the runtime's own test runs, app discovery.

Every execution path goes through a `Sandbox`. `ProcessSandbox` is the portable
floor: a scrubbed environment built from an allowlist, resource limits, a
wall-clock timeout that kills the whole process group, and capped output.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
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
_SECRET_NAME = re.compile(
    r"(TOKEN|SECRET|_KEY|PASSWORD|PASSWD|CREDENTIAL|^ANTHROPIC_|^AWS_|^GOOGLE_|^AZURE_|^GH_|^GITHUB_)", re.I
)


@dataclass(frozen=True)
class Limits:
    """Resource limits applied to every sandboxed process tree."""

    cpu_seconds: int = 600
    """RLIMIT_CPU per process."""
    memory_bytes: int = 4 * 1024**3
    """RLIMIT_DATA per process: its private writable memory (heap, brk, private mappings; Linux >= 4.7).

    Not RLIMIT_AS: V8, WebAssembly and Go reserve tens of GB of PROT_NONE address space they never touch, which
    an address-space limit of this size refuses (Vitest dies at start) while RLIMIT_DATA does not count it.
    """
    address_space_bytes: int = 256 * 1024**3
    """RLIMIT_AS per process: a backstop for the mappings RLIMIT_DATA leaves out (shared ones), well above what
    Node reserves for WebAssembly."""
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


def as_argv(command: str | Sequence[str]) -> tuple[list[str], str]:
    """The argv to execute (a shell string runs under /bin/sh -c) and the command as shown to people."""
    if isinstance(command, str):
        return ["/bin/sh", "-c", command], command
    return list(command), shlex.join(command)


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


def _apply_limits(limits: Limits, nproc_for_root: bool = False) -> None:
    os.setsid()
    for which, value in (
        (resource.RLIMIT_CPU, limits.cpu_seconds),
        (resource.RLIMIT_DATA, limits.memory_bytes),
        (resource.RLIMIT_AS, limits.address_space_bytes),
        (resource.RLIMIT_FSIZE, limits.file_size_bytes),
    ):
        resource.setrlimit(which, (value, value))
    # RLIMIT_NPROC counts processes per uid. Root ignores it, so it only bites once the command runs as the
    # sandbox's own unprivileged uid (bwrap); on the fallback path as root it would cap nothing.
    if os.geteuid() != 0 or nproc_for_root:
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
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


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
        argv, shown = as_argv(command)
        with tempfile.TemporaryDirectory(prefix="assay-home-") as home:
            return self._spawn(argv, shown, cwd, timeout, scrubbed_env(Path(home), env), stdin)

    def _spawn(
        self, argv: list[str], shown: str, cwd: Path, timeout: float, env: dict[str, str], stdin: str | None,
        nproc_for_root: bool = False,
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
                preexec_fn=lambda: _apply_limits(limits, nproc_for_root),  # setsid + rlimits run in the child
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


SANDBOX_UID = 65534
"""The unprivileged uid (nobody) that sandboxed commands run as when assay itself runs as root."""
_MASKED = ("/root", "/home", "/run/secrets", "/var/run/secrets", "/etc/ssh", "/var/lib/docker", "/etc/sudoers.d")
_VITE_SCRATCH = (".vite", ".vite-temp")
_TOOL_SCRATCH = (*_VITE_SCRATCH, ".vitest", ".experimental-vitest-cache", ".cache")
"""`node_modules/<name>` folders tools write caches into (Vite, Vitest, Babel, nyc, ESLint)."""
_NAMESPACES = ("--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try")


@dataclass
class BwrapSandbox(ProcessSandbox):
    """bubblewrap: no network, private /tmp and PID namespace, the repo read-only, secrets masked, no privileges.

    As root, bwrap sets up the mounts and the command itself runs as `SANDBOX_UID` with every capability
    dropped (`setpriv`): root without capabilities would still read root-owned files. As another user,
    bwrap runs unprivileged in a user namespace with `--cap-drop ALL`. Commands see the repo read-only;
    only the runtime's report folder (`.assay/tmp`) is writable, so a test cannot change the user's tree. The
    cache folders of Node test tools inside `node_modules` get a private tmpfs each (`tool_scratch_dirs`).
    """

    name: str = "bwrap"
    uid: int = SANDBOX_UID

    def run(
        self,
        command: str | Sequence[str],
        *,
        cwd: Path,
        timeout: float,
        env: Mapping[str, str] | None = None,
        stdin: str | None = None,
    ) -> CommandResult:
        """Run `command` inside bubblewrap with `cwd` as the repo; never raises on failure."""
        inner, shown = as_argv(command)
        cwd = cwd.resolve()
        inner_env = scrubbed_env(Path("/tmp"), env)
        inner_env.update({"PYTEST_ADDOPTS": "-p no:cacheprovider", "COVERAGE_FILE": "/tmp/.coverage",
                          "npm_config_cache": "/tmp/.npm", "XDG_CACHE_HOME": "/tmp/.cache"})
        argv = [*self.bwrap_args(cwd, inner_env), *self._drop_privileges(), *inner]
        # bwrap's own reaper keeps the environment it was started with in /proc/1/environ: start it scrubbed.
        outer_env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
        return self._spawn(argv, shown, cwd, timeout, outer_env, stdin, nproc_for_root=True)

    def bwrap_args(self, repo: Path, env: Mapping[str, str]) -> list[str]:
        args = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--perms", "1777", "--tmpfs",
                "/tmp", *_NAMESPACES, "--die-with-parent", "--new-session"]
        if os.geteuid() != 0:
            args += ["--unshare-user", "--cap-drop", "ALL"]
        masked = [m for m in (*_MASKED, os.path.expanduser("~")) if os.path.isdir(m) and m != "/"]
        for folder in dict.fromkeys(masked):
            args += ["--tmpfs", folder]
        tmpfs_roots = ["/tmp", *masked]
        for needed in _needed_paths(env):
            if any(needed == m or needed.startswith(m + "/") for m in tmpfs_roots):
                args += [*_traversable_parents(Path(needed), tmpfs_roots), "--ro-bind", needed, needed]
        args += _traversable_parents(repo, tmpfs_roots)
        reports = repo / ".assay" / "tmp"
        reports.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            os.chown(reports, self.uid, self.uid)  # the runtime's own folder; the user's files keep their owner
        args += ["--ro-bind", str(repo), str(repo), "--bind", str(reports), str(reports)]
        for linked in _linked_dependencies(repo):  # e.g. node_modules linked from a shared store under /tmp
            if any(linked == m or linked.startswith(m + "/") for m in tmpfs_roots):
                args += [*_traversable_parents(Path(linked), tmpfs_roots), "--ro-bind", linked, linked]
        for scratch in tool_scratch_dirs(repo):
            args += ["--perms", "1777", "--tmpfs", str(scratch)]
        args += ["--chdir", str(repo), "--clearenv"]
        for key, value in env.items():
            args += ["--setenv", key, value]
        return args

    def _drop_privileges(self) -> list[str]:
        if os.geteuid() != 0:
            return []
        return ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs", "--"]


def tool_scratch_dirs(repo: Path) -> list[Path]:
    """Folders inside the repo's `node_modules` that test tools must write, each to get a private empty tmpfs.

    Vite bundles an ESM config file into `node_modules/.vite-temp` (Vite >= 6.1) and Vitest keeps its results in
    `node_modules/.vite`: both fail on the read-only repo. A tmpfs needs a mount point, so the runtime creates
    these two (empty, as Vite itself would) when Vite or Vitest is installed; the others only when they exist.
    Nothing written there outlives the command, and the rest of `node_modules` stays read-only.
    """
    modules = repo / "node_modules"
    if not modules.is_dir():
        return []
    if (modules / "vite").is_dir() or (modules / "vitest").is_dir():  # pnpm does not hoist Vitest's own Vite
        for name in _VITE_SCRATCH:
            with contextlib.suppress(OSError):
                (modules / name).mkdir(exist_ok=True)
    # bwrap resolves an absolute symlink on the way (a linked node_modules) against the host root, not the sandbox's:
    # mount at the real path, which the sandbox sees at the same place.
    return [Path(os.path.realpath(modules / name)) for name in _TOOL_SCRATCH
            if (modules / name).is_dir() and not (modules / name).is_symlink()]


def _linked_dependencies(repo: Path) -> list[str]:
    """Real paths of dependency folders the repo links to from outside itself (read-only in the sandbox too)."""
    found = []
    for name in ("node_modules", ".venv", "venv"):
        link = repo / name
        if link.is_symlink() and link.is_dir():
            real = os.path.realpath(link)
            if not real.startswith(str(repo.resolve()) + os.sep):
                found.append(real)
    return found


def _traversable_parents(path: Path, tmpfs_roots: list[str]) -> list[str]:
    """bwrap arguments that create `path`'s parents inside a tmpfs as 0755.

    bwrap would otherwise create them 0700, and the unprivileged uid could not reach `path` by its absolute path.
    """
    args: list[str] = []
    for parent in reversed(path.parents):
        if any(str(parent).startswith(root + "/") for root in tmpfs_roots):
            args += ["--perms", "0755", "--dir", str(parent)]
    return args


def _needed_paths(env: Mapping[str, str]) -> list[str]:
    """Interpreter prefixes and PATH entries the command needs, even when they live under a masked folder."""

    found = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)}
    for entry in env.get("PATH", "").split(os.pathsep):
        if entry and os.path.isdir(entry):
            found.add(os.path.realpath(entry))
            python = Path(entry) / "python"
            if python.exists():
                found.add(str(Path(os.path.realpath(python)).parent.parent))
    return sorted(found)


@functools.cache
def bwrap_works() -> str | None:
    """None when bubblewrap can start a sandbox here, else the reason it cannot."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed"
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        return "setpriv is not installed"
    probe = BwrapSandbox(limits=Limits(cpu_seconds=10))
    with tempfile.TemporaryDirectory() as tmp:
        result = probe.run("true", cwd=Path(tmp), timeout=20)
    if result.exit_code != 0:
        return f"bwrap cannot start here: {result.output.strip()[:200]}"
    return None


_warned: list[bool] = []


def default_sandbox(require: bool = False) -> Sandbox:
    """bubblewrap when it works here; otherwise one warning and the process-level fallback.

    With `require` (or `ASSAY_REQUIRE_SANDBOX=1`) a missing sandbox is an error instead.
    """
    from agent.errors import SandboxUnavailable

    require = require or os.environ.get("ASSAY_REQUIRE_SANDBOX", "") not in ("", "0", "false")
    reason = bwrap_works()
    if reason is None:
        return BwrapSandbox()
    if require:
        raise SandboxUnavailable(f"no sandbox available ({reason}); install bubblewrap or drop --require-sandbox")
    if not _warned:
        _warned.append(True)
        print(f"assay: warning: {reason}; commands run without isolation (environment scrubbed, limits and "
              "timeouts still apply)", file=sys.stderr)
    return ProcessSandbox()
