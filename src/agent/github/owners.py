"""Which process owns a job's lease or a temp clone, and whether that process is gone.

A restarted `assay serve` need not wait for the lease of a job its dead predecessor held, nor leave that
job's clone in the temp folder: both are tagged with the owner's host, pid and a per-process boot id. An
owner is gone when it ran on this host and its pid is no longer alive (or is now this very process, a new
incarnation with a new boot id, as happens to PID 1 in a container). An owner on another host is never
judged: its lease runs out on its own.
"""

from __future__ import annotations

import os
import shutil
import socket
import uuid
from pathlib import Path

BOOT = uuid.uuid4().hex[:12]
"""This process's incarnation: a restarted server gets a new one even when it gets the same pid."""
CLONE_PREFIX = "assay-gh-"


def owner_tag() -> str:
    """`host:pid:boot` of the current process."""
    return f"{socket.gethostname()}:{os.getpid()}:{BOOT}"


def is_gone(tag: str) -> bool:
    """True when the process `tag` names ran on this host and no longer runs; False when alive or unknown."""
    parts = tag.rsplit(":", 2)
    if len(parts) != 3 or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return False
    pid, boot = int(parts[1]), parts[2]
    return boot != BOOT and (pid == os.getpid() or not _alive(pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def clone_prefix() -> str:
    """The name prefix of this process's temp clones (`assay-gh-<pid>-<boot>-`)."""
    return f"{CLONE_PREFIX}{os.getpid()}-{BOOT}-"


def sweep_clones(folder: Path) -> list[Path]:
    """Remove the temp clones in `folder` left by processes on this host that are gone; return what went."""
    removed = []
    for path in folder.glob(f"{CLONE_PREFIX}*-*-*") if folder.is_dir() else []:
        pid, _, rest = path.name.removeprefix(CLONE_PREFIX).partition("-")
        boot = rest.partition("-")[0]
        if pid.isdigit() and is_gone(f"{socket.gethostname()}:{pid}:{boot}") and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed
