"""File writes the runtime makes where untrusted content could have planted a symlink.

The runtime runs with the invoking user's rights (often root); the repo's content and sandboxed commands do not.
A symlink committed to the repo, or left by a command in a folder it may write, must never redirect one of the
runtime's writes. So every such write walks the path one directory at a time with `O_NOFOLLOW` (a symlinked
component is refused, not followed), creates its temporary file with `O_EXCL` under an unpredictable name, and
renames it into place (a rename replaces a symlink, it never writes through it).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class UnsafePath(OSError):
    """A path component is a symlink (or not a directory) where the runtime was about to write."""


def _parts(rel: str | PurePosixPath) -> list[str]:
    parts = [p for p in PurePosixPath(rel).parts if p not in ("", ".")]
    if not parts or PurePosixPath(rel).is_absolute() or ".." in parts:
        raise UnsafePath(errno.EINVAL, f"not a relative path inside the tree: {rel}")
    return parts


@contextlib.contextmanager
def _open_dir(root: Path, parts: list[str], create: bool) -> Iterator[int]:
    """A descriptor of root/parts[0]/…, refusing symlinked components; missing folders are made when `create`."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for name in parts:
            if create:
                with contextlib.suppress(FileExistsError):
                    os.mkdir(name, 0o755, dir_fd=fd)
            try:
                child = os.open(name, _DIR_FLAGS, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise UnsafePath(exc.errno, f"{name}: a symlink or not a folder, refused") from None
                raise
            os.close(fd)
            fd = child
        yield fd
    finally:
        os.close(fd)


def write_in(root: Path, rel: str | PurePosixPath, data: bytes, *, mode: int | None = None) -> Path:
    """Write `data` to `root/rel` atomically, creating missing folders; no component of `rel` may be a symlink.

    The file keeps its mode when it exists (else `mode`, default 0644). Returns the path written.
    """
    parts = _parts(rel)
    with _open_dir(root, parts[:-1], create=True) as fd:
        name = parts[-1]
        try:
            info = os.stat(name, dir_fd=fd, follow_symlinks=False)
            keep = info.st_mode & 0o7777
        except FileNotFoundError:
            keep = 0o644 if mode is None else mode
        tmp = f".{name}.{secrets.token_hex(8)}.tmp"
        out = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600, dir_fd=fd)
        try:
            with os.fdopen(out, "wb", closefd=False) as handle:
                handle.write(data)
            os.fchmod(out, keep)
            os.fsync(out)
        except BaseException:
            os.close(out)
            os.unlink(tmp, dir_fd=fd)
            raise
        os.close(out)
        os.replace(tmp, name, src_dir_fd=fd, dst_dir_fd=fd)
    return root.joinpath(*parts)


def make_dirs_in(root: Path, rel: str | PurePosixPath) -> Path:
    """`mkdir -p root/rel` that refuses to pass through a symlink."""
    parts = _parts(rel)
    with _open_dir(root, parts, create=True):
        pass
    return root.joinpath(*parts)


def unlink_in(root: Path, rel: str | PurePosixPath) -> None:
    """Remove the file `root/rel` (never what a symlink there points at); missing is fine."""
    parts = _parts(rel)
    with contextlib.suppress(FileNotFoundError), _open_dir(root, parts[:-1], create=False) as fd:
        os.unlink(parts[-1], dir_fd=fd)


def has_symlink_component(root: Path, rel: str | PurePosixPath) -> bool:
    """True when any existing component of `root/rel` (the last one included) is a symlink."""
    current = root
    for name in _parts(rel):
        current = current / name
        if current.is_symlink():
            return True
        if not current.exists():
            return False
    return False


def read_file_nofollow(path: Path, limit: int = 256 * 1024**2) -> bytes:
    """The bytes of a file a sandboxed command wrote; a symlink there is refused, not followed."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    try:
        with os.fdopen(fd, "rb", closefd=False) as handle:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise UnsafePath(errno.EINVAL, f"{path}: not a regular file")
            data = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise UnsafePath(errno.EFBIG, f"{path}: larger than {limit} bytes")
    return data
