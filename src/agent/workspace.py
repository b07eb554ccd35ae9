"""The repo as the model may touch it: every path resolves inside, test files only are writable by default."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from agent import safefs
from agent.errors import ToolError
from agent.testfiles import is_test_support

_UNWATCHED = {".git", ".assay", "node_modules", ".venv", "venv", "__pycache__", ".pytest_cache", ".mypy_cache"}


@dataclass
class Workspace:
    """A checked-out repo and the guard every file tool goes through."""

    root: Path
    allow_source_edits: bool = False
    written: dict[str, str] = field(default_factory=dict)
    """Repo-relative path -> `created` or `modified`, as observed by the write tools."""
    originals: dict[str, bytes | None] = field(default_factory=dict)
    """Content before the run's first write (None: the file did not exist), to restore on request."""
    command_edits: set[str] = field(default_factory=set)
    """Files a command changed, created or removed behind the file tools' back (possible only without bwrap)."""

    def snapshot(self) -> dict[str, tuple[int, int]]:
        """Size and mtime of every file outside dependency, cache and VCS folders, to tell what a command changed."""
        found: dict[str, tuple[int, int]] = {}
        for top, dirs, files in os.walk(self.root):
            dirs[:] = [d for d in dirs if d not in _UNWATCHED]
            for name in files:
                with contextlib.suppress(OSError):
                    info = os.lstat(os.path.join(top, name))
                    found[os.path.relpath(os.path.join(top, name), self.root)] = (info.st_size, info.st_mtime_ns)
        return found

    def __post_init__(self) -> None:
        self.root = self.root.resolve()

    def resolve(self, path: str) -> Path:
        """The absolute path for `path`, refusing anything outside the repo, through a symlink, or in `.git/`."""
        if not isinstance(path, str) or not path.strip():
            raise ToolError("path must be a non-empty string relative to the repo root")
        if "\x00" in path:
            raise ToolError("path contains a NUL byte")
        candidate = Path(path) if os.path.isabs(path) else self.root / path
        lexical = Path(os.path.normpath(candidate))
        if not _is_within(lexical, self.root):
            raise ToolError(f"{path}: outside the repository")
        real = lexical.resolve()
        if not _is_within(real, self.root):
            raise ToolError(f"{path}: resolves outside the repository (symlink)")
        rel_parts = real.relative_to(self.root).parts
        if rel_parts and rel_parts[0].lower() == ".git":
            raise ToolError(f"{path}: .git/ is off limits")
        return real

    def relative(self, absolute: Path) -> str:
        return absolute.relative_to(self.root).as_posix() or "."

    def check_writable(self, path: str) -> Path:
        """Resolve `path` for writing; only test files and test config unless source edits are allowed."""
        target = self.resolve(path)
        rel = self.relative(target)
        if rel.startswith(".assay/"):
            raise ToolError(f"{path}: .assay/ belongs to the runtime")
        if not self.allow_source_edits and not is_test_support(rel):
            raise ToolError(
                f"{rel}: only test files and test config may be written "
                "(tests/, test_*.py, *_test.py, conftest.py, *.test.*, *.spec.*, runner config); "
                "the user did not pass --allow-source-edits"
            )
        return target

    def write(self, path: str, content: str) -> str:
        """Write `content` to `path`, recording it as created or modified; returns the repo-relative path."""
        target = self.check_writable(path)
        rel = self.relative(target)
        if target.is_dir():
            raise ToolError(f"{rel}: is a directory")
        existed = target.exists()
        if rel not in self.originals:
            self.originals[rel] = target.read_bytes() if existed else None
        try:  # atomic, and no component may be a symlink: a crash never leaves a half-written test file
            safefs.write_in(self.root, rel, content.encode("utf-8"))
        except OSError as exc:
            raise ToolError(f"{rel}: cannot write ({exc.strerror or exc})") from None
        self.written.setdefault(rel, "modified" if existed else "created")
        return rel

    def restore(self) -> None:
        """Put every file the run wrote back as it was (used when a run is abandoned)."""
        for rel, original in self.originals.items():
            if original is None:
                safefs.unlink_in(self.root, rel)
            else:
                safefs.write_in(self.root, rel, original)
        self.written.clear()
        self.originals.clear()


def _is_within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
