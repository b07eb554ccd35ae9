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
import stat
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Protocol

from agent import safefs

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


class Scratch:
    """The runtime's folders for one sandbox's commands: a fresh private temp dir, outside the repo.

    Nothing here is derived from repo content, so a symlink committed to the repo cannot redirect it. `inputs`
    holds what the runtime hands to commands (specs, scripts, signals); under bubblewrap it is read-only to them.
    `outputs` is where commands write reports; the runtime reads those back with `read`, which refuses symlinks.
    The whole folder is removed by `close` (or when the sandbox is garbage-collected).
    """

    def __init__(self, owner: int | None = None) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="assay-run-"))
        self.root.chmod(0o711)  # traversable, not listable, for the unprivileged uid commands run as
        self.inputs = self.root / "in"
        self.outputs = self.root / "out"
        self.inputs.mkdir(mode=0o755)
        self.outputs.mkdir(mode=0o700)
        if owner is not None:
            os.chown(self.outputs, owner, owner)  # made just now inside our own private folder: nothing to follow
        self._remove = weakref.finalize(self, shutil.rmtree, self.root, True)

    def output(self, stem: str) -> Path:
        """A fresh path under `outputs` for a command to write (not created)."""
        return self.outputs / f"{stem}-{uuid.uuid4().hex[:12]}"

    def write_input(self, name: str, data: bytes | str) -> Path:
        """Write `inputs/name` (no-follow, exclusive temp file, atomic rename)."""
        return safefs.write_in(self.inputs, name, data.encode() if isinstance(data, str) else data)

    @staticmethod
    def read(path: Path) -> bytes:
        """The bytes of a file a command wrote; a symlink or a non-regular file raises `OSError`."""
        return safefs.read_file_nofollow(path)

    def discard(self, path: Path) -> None:
        """Remove `path` (a file or folder a command wrote) without following symlinks."""
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def close(self) -> None:
        """Remove the folder and all it holds."""
        self._remove()


class Sandbox(Protocol):
    """Runs one command in a repo, contained."""

    name: str

    @property
    def scratch(self) -> Scratch:
        """This sandbox's private folders outside the repo (made on first use)."""
        ...

    def close(self) -> None:
        """Remove the scratch folders."""
        ...

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


LONG_COMMAND = 64 * 1024
"""Shell strings longer than this run from a file in the scratch inputs: one argv string may not pass 128 KiB."""


def as_argv(command: str | Sequence[str], scratch: Scratch | None = None) -> tuple[list[str], str]:
    """The argv to execute (a shell string runs under /bin/sh -c, or from a scratch file when it is too long for
    an argument) and the command as shown to people."""
    if isinstance(command, str):
        if scratch is not None and len(command.encode()) > LONG_COMMAND:
            script = scratch.write_input(f"command-{uuid.uuid4().hex[:12]}.sh", command)
            return ["/bin/sh", str(script)], command
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
    _scratch: Scratch | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def scratch(self) -> Scratch:
        """This sandbox's private folders outside the repo (made on first use, removed by `close`)."""
        if self._scratch is None:
            self._scratch = Scratch(self._scratch_owner())
        return self._scratch

    def _scratch_owner(self) -> int | None:
        return None

    def close(self) -> None:
        """Remove the scratch folders; the sandbox makes new ones if used again."""
        if self._scratch is not None:
            self._scratch.close()
            self._scratch = None

    def run(
        self,
        command: str | Sequence[str],
        *,
        cwd: Path,
        timeout: float,
        env: Mapping[str, str] | None = None,
        stdin: str | None = None,
    ) -> CommandResult:
        """Run `command` with a scrubbed environment and limits under a reaper; no descendant outlives it.

        The reaper is a subreaper (`PR_SET_CHILD_SUBREAPER`): a child that daemonises (`setsid`, double fork)
        is re-parented to it, not to init, and it kills every such descendant once the command ends or times out.
        """
        argv, shown = as_argv(command, self.scratch)
        with tempfile.TemporaryDirectory(prefix="assay-home-", ignore_cleanup_errors=True) as home:
            # the command's temporary files go under its home, and go with it (bubblewrap has a private /tmp)
            scratch_tmp = Path(home, "tmp")
            scratch_tmp.mkdir()
            reaped = [sys.executable, "-I", "-S", "-c", _REAPER, *argv]
            env = scrubbed_env(Path(home), {"TMPDIR": str(scratch_tmp), **(env or {})})
            return self._spawn(reaped, shown, cwd, timeout, env, stdin, graceful=True)

    def _spawn(
        self, argv: list[str], shown: str, cwd: Path, timeout: float, env: dict[str, str], stdin: str | None,
        nproc_for_root: bool = False, graceful: bool = False, pass_fds: Sequence[int] = (),
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
                pass_fds=tuple(pass_fds),
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
            if graceful:  # the reaper kills every descendant, those that left the group included, then exits
                with contextlib.suppress(ProcessLookupError):
                    proc.send_signal(signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(timeout=5)
        kill_group(proc)  # also reaps background children the command left behind
        proc.wait()
        output, truncated = reader.text()
        if not reader.thread.is_alive():  # a survivor holding the pipe would block close(): leave it to the GC
            proc.stdout.close()
        exit_code = None if timed_out else proc.returncode
        if timed_out:
            output += f"\n[killed: timed out after {timeout:g}s]\n"
        return CommandResult(shown, exit_code, output, time.monotonic() - start, timed_out, truncated)


_REAPER = r"""
import ctypes, os, signal, sys
ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER: orphans of the command come back to us
me = os.getpid()
child = os.fork()
if child == 0:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    except OSError as exc:
        sys.stderr.write(f"cannot start command: {exc}\n")
        os._exit(127)

def descendants():
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            if ppid == me:
                found.append(int(entry))
    return found

def kill_all():
    while True:
        alive = descendants()
        if not alive:
            return
        for pid in alive:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        for pid in alive:
            try:
                os.waitpid(pid, 0)
            except OSError:
                pass

def stop(signum, frame):
    kill_all()
    os._exit(137)

signal.signal(signal.SIGTERM, stop)
while True:
    try:
        pid, status = os.waitpid(child, 0)
        break
    except InterruptedError:
        continue
kill_all()
code = os.waitstatus_to_exitcode(status)
if code < 0:
    try:
        signal.signal(-code, signal.SIG_DFL)
    except (OSError, ValueError):
        pass
    os.kill(me, -code)
os._exit(code & 0xFF)
"""
"""Runs the fallback's command as its child and, as a subreaper, kills every descendant when it ends."""

SANDBOX_UID_BASE = 0x40000
"""Sandboxed commands run as uids from here on (when assay runs as root): one per sandbox, so RLIMIT_NPROC,
which counts processes per uid, is never shared by two concurrent sandboxes."""
_UID_SPAN = 1 << 16
_MASKED = ("/root", "/home", "/run", "/var/run", "/var/tmp", "/run/secrets", "/var/run/secrets", "/etc/ssh",
           "/var/lib/docker", "/etc/sudoers.d")
"""Covered by an empty tmpfs: home folders, secrets, and the host's socket folders (`--unshare-net` does not
cover Unix sockets reachable as files)."""
TMP_SIZE = 1024**3
"""Bytes each command may keep in its private /tmp (and in each other private tmpfs)."""
_VITE_SCRATCH = (".vite", ".vite-temp")
_TOOL_SCRATCH = (*_VITE_SCRATCH, ".vitest", ".experimental-vitest-cache", ".cache")
"""`node_modules/<name>` folders tools write caches into (Vite, Vitest, Babel, nyc, ESLint)."""
_NAMESPACES = ("--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try")


class _UidLease:
    """A uid no other sandbox on this host holds: an exclusive `flock` on a file named after it."""

    def __init__(self) -> None:
        self.uid, self._fd = SANDBOX_UID_BASE, -1
        folder = Path(tempfile.gettempdir()) / f"assay-uids-{os.geteuid()}"
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
            raise OSError(f"{folder}: not a folder of ours; refusing to use it")
        import fcntl
        import secrets

        for _ in range(64):
            uid = SANDBOX_UID_BASE + secrets.randbelow(_UID_SPAN)
            fd = os.open(folder / str(uid), os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self.uid, self._fd = uid, fd
            weakref.finalize(self, os.close, fd)
            return
        raise OSError("no free sandbox uid")


@dataclass
class BwrapSandbox(ProcessSandbox):
    """bubblewrap: no network, private /tmp and PID namespace, the repo read-only, secrets masked, no privileges.

    As root, bwrap sets up the mounts and the command itself runs as this sandbox's own unprivileged uid with
    every capability dropped (`setpriv`): root without capabilities would still read root-owned files. As
    another user, bwrap runs unprivileged in a user namespace with `--cap-drop ALL` and `--disable-userns`.
    Commands see the repo read-only; the only host folder they may write is the runtime's scratch output
    folder, outside the repo (`Scratch`). The cache folders of Node test tools inside `node_modules` get a
    private tmpfs each (`tool_scratch_dirs`). Every tmpfs is size-capped (`TMP_SIZE`).
    """

    name: str = "bwrap"
    hide: tuple[str, ...] = ()
    """Paths commands must not see at all (the eval harness's answers): folders get an empty tmpfs, files
    /dev/null. A repo inside a hidden folder stays visible: it is bound back on top."""
    _lease: _UidLease | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def uid(self) -> int:
        """The uid commands run as when assay runs as root: leased once per sandbox, distinct from every other."""
        if self._lease is None:
            self._lease = _UidLease()
        return self._lease.uid

    def _scratch_owner(self) -> int | None:
        return self.uid if os.geteuid() == 0 else None

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
        inner, shown = as_argv(command, self.scratch)
        cwd = cwd.resolve()
        inner_env = scrubbed_env(Path("/tmp"), env)
        inner_env.update({"PYTEST_ADDOPTS": "-p no:cacheprovider", "COVERAGE_FILE": "/tmp/.coverage",
                          "npm_config_cache": "/tmp/.npm", "XDG_CACHE_HOME": "/tmp/.cache",
                          "USER": "assay", "LOGNAME": "assay"})
        tree = self.scratch.root / f"tree-{uuid.uuid4().hex[:12]}"
        try:
            shared = working_copy(cwd, tree, self.uid if os.geteuid() == 0 else None)
            args = self.bwrap_args(cwd, inner_env, None if shared is None else (tree, shared))
        except OSError as exc:
            shutil.rmtree(tree, ignore_errors=True)
            return CommandResult(shown, 126, f"refused: {exc}", 0.0)
        try:
            return self._run_bwrap(args, inner, shown, cwd, timeout, stdin)
        finally:
            shutil.rmtree(tree, ignore_errors=True)  # the command's writes to the tree end with it

    def _run_bwrap(self, args: list[str], inner: list[str], shown: str, cwd: Path, timeout: float,
                   stdin: str | None) -> CommandResult:
        # bwrap's own reaper keeps the environment it was started with in /proc/1/environ: start it scrubbed.
        outer_env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
        program = _no_new_namespaces_filter()
        if program is None:
            return self._spawn([*args, *self._drop_privileges(), *inner], shown, cwd, timeout, outer_env, stdin,
                               nproc_for_root=True)
        with tempfile.TemporaryFile() as handle:
            handle.write(program)
            handle.seek(0)
            fd = handle.fileno()
            argv = [*args[:1], "--seccomp", str(fd), *args[1:], *self._drop_privileges(), *inner]
            return self._spawn(argv, shown, cwd, timeout, outer_env, stdin, nproc_for_root=True, pass_fds=(fd,))

    def bwrap_args(self, repo: Path, env: Mapping[str, str],
                   tree: tuple[Path, list[str]] | None = None) -> list[str]:
        """bwrap's arguments for a command in `repo`. `tree` is its throw-away working copy and the shared folders
        in it (`working_copy`): the copy is bound writable at the repo's path, the shared folders read-only from
        the repo. Without one the repo is bound read-only."""
        size = ["--size", str(TMP_SIZE)]
        args = ["bwrap", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--perms", "1777", *size,
                "--tmpfs", "/tmp", *_NAMESPACES, "--die-with-parent", "--new-session"]
        if os.geteuid() != 0:
            args += ["--unshare-user", "--disable-userns", "--cap-drop", "ALL"]
        # Secrets are never unmasked by what the repo links to; hidden folders (eval answers) and folders on the
        # way to the repo that the uid could not pass (a 0700 temp dir) are only covered.
        masked = _masked_roots()
        # What lies under /tmp or a masked folder is out of sight already (and mounting over it would make its
        # parents 0700 for the repo's path too).
        hidden = [r for r in (os.path.realpath(p) for p in self.hide if os.path.exists(p))
                  if not _under(r, ["/tmp", *masked])]
        covered = [*masked, *(p for p in hidden if os.path.isdir(p))]
        if os.geteuid() == 0:
            covered += [a for a in _closed_ancestors(repo) if not _under(a, ["/tmp", *covered])][:1]
        for folder in covered:
            args += [*size, "--tmpfs", folder]
        for file in (p for p in hidden if not os.path.isdir(p)):
            args += ["--ro-bind", "/dev/null", file]
        tmpfs_roots = ["/tmp", *covered]
        for needed in _needed_paths(repo, env, masked):
            if _under(needed, tmpfs_roots):
                args += [*_traversable_parents(Path(needed), tmpfs_roots), "--ro-bind", needed, needed]
        args += _traversable_parents(repo, tmpfs_roots)
        if tree is None:
            args += ["--ro-bind", str(repo), str(repo)]
        else:
            args += ["--bind", str(tree[0]), str(repo)]
            for shared in tree[1]:
                args += ["--ro-bind", str(repo / shared), str(repo / shared)]
        for linked in _linked_dependencies(repo, masked):  # e.g. node_modules linked from a shared store under /tmp
            if _under(linked, tmpfs_roots):
                args += [*_traversable_parents(Path(linked), tmpfs_roots), "--ro-bind", linked, linked]
        for cache in tool_scratch_dirs(repo):
            args += ["--perms", "1777", *size, "--tmpfs", str(cache)]
        scratch = self.scratch
        args += [*_traversable_parents(scratch.inputs, tmpfs_roots), "--ro-bind", str(scratch.inputs),
                 str(scratch.inputs), "--bind", str(scratch.outputs), str(scratch.outputs)]
        if os.geteuid() == 0:
            args += self._user_entries()
        args += ["--chdir", str(repo), "--clearenv"]
        for key, value in env.items():
            args += ["--setenv", key, value]
        return args

    def _user_entries(self) -> list[str]:
        """Binds of /etc/passwd and /etc/group naming the leased uid: tools that look the user up (getpass, npm)
        need a name. Written once per sandbox: the uid and the host's files do not change between commands."""
        args: list[str] = []
        for name, line in (("passwd", f"assay:x:{self.uid}:{self.uid}:assay:/tmp:/usr/sbin/nologin\n"),
                           ("group", f"assay:x:{self.uid}:\n")):
            host, copy = Path("/etc") / name, self.scratch.inputs / f"etc-{name}"
            if not copy.is_file():
                base = host.read_text(encoding="utf-8", errors="replace") if host.is_file() else ""
                copy = self.scratch.write_input(copy.name, base.rstrip("\n") + "\n" + line)
            args += ["--ro-bind", str(copy), str(host)]
        return args

    def _drop_privileges(self) -> list[str]:
        if os.geteuid() != 0:
            return []
        return ["setpriv", f"--reuid={self.uid}", f"--regid={self.uid}", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs", "--"]


_AUDIT_ARCH = {"x86_64": (0xC000003E, {"unshare": 272, "setns": 308, "clone": 56, "clone3": 435}),
               "aarch64": (0xC00000B7, {"unshare": 97, "setns": 268, "clone": 220, "clone3": 435})}
_CLONE_NEWUSER = 0x10000000


def _no_new_namespaces_filter() -> bytes | None:
    """A seccomp program (classic BPF) that refuses new namespaces: `unshare`, `setns`, `clone` with
    CLONE_NEWUSER (EPERM), and `clone3`, whose flags it cannot read (ENOSYS, so libc falls back to `clone`).

    `--disable-userns` does this for the unprivileged path; as root, commands run as a plain uid that the
    kernel would still let create a user namespace (and, in it, mounts). None on an architecture not listed.
    """
    import platform
    import struct

    known = _AUDIT_ARCH.get(platform.machine())
    if known is None:
        return None
    arch, nr = known
    ld, jeq, jset, ret = 0x20, 0x15, 0x45, 0x06
    allow, eperm, enosys = 0x7FFF0000, 0x00050000 | 1, 0x00050000 | 38
    program = [
        (ld, 0, 0, 4),                      # 0: A = arch
        (jeq, 1, 0, arch),                  # 1: known arch -> 3
        (ret, 0, 0, allow),                 # 2: another ABI: not filtered here
        (ld, 0, 0, 0),                      # 3: A = syscall number
        (0x35, 8, 0, 0x40000000),           # 4: x32 ABI numbers (>= 0x40000000) -> eperm (13)
        (jeq, 7, 0, nr["unshare"]),         # 5: -> eperm
        (jeq, 6, 0, nr["setns"]),           # 6: -> eperm
        (jeq, 6, 0, nr["clone3"]),          # 7: -> enosys (14)
        (jeq, 0, 3, nr["clone"]),           # 8: clone -> 9, else allow (12)
        (ld, 0, 0, 16),                     # 9: A = low word of the flags
        (jset, 2, 0, _CLONE_NEWUSER),       # 10: CLONE_NEWUSER -> eperm
        (ret, 0, 0, allow),                 # 11
        (ret, 0, 0, allow),                 # 12
        (ret, 0, 0, eperm),                 # 13
        (ret, 0, 0, enosys),                # 14
    ]
    return b"".join(struct.pack("=HBBI", *op) for op in program)


SHARED_DIRS = frozenset({".git", "node_modules", ".venv", "venv"})
"""Folders bound read-only from the repo into each command's working copy instead of copied: large, and not
something a test run writes."""
COPY_LIMIT = 20_000
"""Files in the repo (outside `SHARED_DIRS`) beyond which commands get the repo read-only instead of a copy."""


def working_copy(repo: Path, dest: Path, owner: int | None) -> list[str] | None:
    """Copy `repo` to `dest` as a throw-away tree for one command: apps that write at import time (an instance
    folder, a SQLite file beside the code) work, and only the runtime's file tools change the real repo.

    `SHARED_DIRS` become empty mount points (bound read-only from the repo) and `.assay` is left out. With
    `owner` (assay runs as root), the tree belongs to the sandbox's uid, so commands read the repo whatever its
    modes; files others may read but not write are hard links (no data copied; the uid cannot write them),
    the rest are copies. Returns the shared folders (repo-relative); None, with nothing left at `dest`, when the
    repo holds more than `COPY_LIMIT` files.
    """
    dest.mkdir(mode=0o755)
    device = os.stat(dest).st_dev
    count, shared = 0, []
    try:
        for top, dirs, files in os.walk(repo):
            rel = os.path.relpath(top, repo)
            target = dest if rel == "." else dest / rel
            keep = []
            for name in dirs:
                path = os.path.join(top, name)
                if os.path.islink(path):
                    files.append(name)
                elif name != ".assay":
                    (target / name).mkdir(mode=0o755)
                    if name in SHARED_DIRS:
                        shared.append(os.path.normpath(os.path.join(rel, name)))
                    else:
                        keep.append(name)
            dirs[:] = keep
            for name in files:
                count += 1
                if count > COPY_LIMIT:
                    shutil.rmtree(dest, ignore_errors=True)
                    return None
                _copy_entry(Path(top) / name, target / name, owner, device)
        if owner is not None:
            for top, dirs, _ in os.walk(dest):
                for name in [".", *dirs]:
                    os.lchown(os.path.join(top, name), owner, owner)
    except OSError:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    return shared


def _copy_entry(source: Path, target: Path, owner: int | None, device: int) -> None:
    info = os.lstat(source)
    if stat.S_ISLNK(info.st_mode):
        os.symlink(os.readlink(source), target)
    elif not stat.S_ISREG(info.st_mode):
        return  # sockets, fifos, devices: nothing a test needs from a checkout
    elif owner is not None and info.st_dev == device and info.st_mode & 0o004 and not info.st_mode & 0o002:
        os.link(source, target)
    else:
        shutil.copy2(source, target, follow_symlinks=False)
        if owner is not None:
            os.lchown(target, owner, owner)


def _closed_ancestors(repo: Path) -> list[str]:
    """Ancestors of the repo that others cannot pass through (no `o+x`), outermost first."""
    return [str(a) for a in reversed(repo.parents) if str(a) != "/" and not os.stat(a).st_mode & 0o001]


def _masked_roots() -> list[str]:
    """Folders covered by an empty tmpfs: `_MASKED`, the user's home and runtime dir, never a symlink or `/`."""
    candidates = [*_MASKED, os.path.expanduser("~"), os.environ.get("XDG_RUNTIME_DIR", "")]
    found = [m for m in candidates if m and m != "/" and os.path.isdir(m) and not os.path.islink(m)]
    # A folder under another masked folder is already hidden: mounting it too would recreate it.
    return [m for m in dict.fromkeys(found) if not _under(m, [o for o in found if o != m])]


def _under(path: str, roots: Sequence[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


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


def _linked_dependencies(repo: Path, masked: Sequence[str]) -> list[str]:
    """Real paths of dependency folders the repo links to from outside itself (read-only in the sandbox too).

    The links are repo content: one pointing into a masked folder (`.venv -> ~/.aws`) is never followed.
    """
    found = []
    for name in ("node_modules", ".venv", "venv"):
        link = repo / name
        if link.is_symlink() and link.is_dir():
            real = os.path.realpath(link)
            if not _under(real, [str(repo.resolve())]) and not _under(real, masked):
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


def _needed_paths(repo: Path, env: Mapping[str, str], masked: Sequence[str]) -> list[str]:
    """Interpreter prefixes and PATH entries the command needs, even when they live under a masked folder.

    The runtime's own interpreter and the host's PATH are trusted. A PATH entry inside the repo (its
    virtualenv) is repo content: where it leads under a masked folder, only a real Python installation (a
    prefix with `lib/pythonX.Y/os.py`) is exposed, so a planted `.venv -> ~/.ssh` link shows nothing.
    """
    found = {os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)}
    root = str(repo.resolve())
    for entry in env.get("PATH", "").split(os.pathsep):
        if not entry or not os.path.isdir(entry):
            continue
        from_repo = _under(os.path.normpath(entry), [root])
        real = os.path.realpath(entry)
        if not from_repo or not (_under(real, [root]) or _under(real, masked)):
            found.add(real)
        python = Path(entry) / "python"
        if python.exists():
            prefix = str(Path(os.path.realpath(python)).parent.parent)
            if not from_repo or not _under(prefix, masked) or _is_python_prefix(Path(prefix)):
                found.add(prefix)
    return sorted(found)


def _is_python_prefix(prefix: Path) -> bool:
    """True for an installation prefix: `lib/python3.N/os.py` under it."""
    return any((lib / "os.py").is_file() for lib in prefix.glob("lib/python3.*"))


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
