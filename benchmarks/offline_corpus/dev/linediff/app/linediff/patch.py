"""Applying a unified diff, strictly: every context and removed line must match where the hunk says."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .lines import as_lines

HUNK_HEADER = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


class PatchError(ValueError):
    """The patch is malformed or does not apply; `hunk` is the 1-based hunk number when known."""

    def __init__(self, message: str, hunk: int | None = None) -> None:
        super().__init__(message if hunk is None else f"hunk {hunk}: {message}")
        self.hunk = hunk


@dataclass
class Hunk:
    number: int
    old_start: int
    old_len: int
    new_start: int
    new_len: int
    lines: list[str] = field(default_factory=list)

    @property
    def old_lines(self) -> list[str]:
        return [line[1:] for line in self.lines if line[0] in " -"]

    @property
    def new_lines(self) -> list[str]:
        return [line[1:] for line in self.lines if line[0] in " +"]

    @property
    def old_index(self) -> int:
        """0-based index of the first old line the hunk covers (an empty range names the line before)."""
        return self.old_start if self.old_len == 0 else self.old_start - 1


def parse_hunks(text: str) -> list[Hunk]:
    hunks: list[Hunk] = []
    current: Hunk | None = None
    for raw in text.splitlines():
        if current is not None and (len(current.old_lines) < current.old_len or len(current.new_lines) < current.new_len):
            if raw.startswith("\\"):
                continue  # "\ No newline at end of file"
            if raw == "":
                raw = " "  # an empty context line whose leading space was stripped
            if raw[0] not in " +-":
                raise PatchError(f"unexpected line in hunk: {raw!r}", current.number)
            current.lines.append(raw)
            continue
        if raw.startswith("@@"):
            match = HUNK_HEADER.match(raw)
            if not match:
                raise PatchError(f"bad hunk header: {raw!r}", len(hunks) + 1)
            old_start, old_len, new_start, new_len = match.groups()
            current = Hunk(
                number=len(hunks) + 1,
                old_start=int(old_start),
                old_len=1 if old_len is None else int(old_len),
                new_start=int(new_start),
                new_len=1 if new_len is None else int(new_len),
            )
            hunks.append(current)
        elif raw.startswith(("--- ", "+++ ")) or raw.startswith("\\"):
            continue
        elif current is not None and raw and raw[0] in " +-":
            raise PatchError("hunk is longer than its header says", current.number)
    for hunk in hunks:
        if len(hunk.old_lines) != hunk.old_len or len(hunk.new_lines) != hunk.new_len:
            raise PatchError("hunk is shorter than its header says", hunk.number)
    return hunks


def apply_unified(a: str | Sequence[str], text: str) -> list[str]:
    """Apply the unified diff `text` to `a` and return the new lines.

    No fuzz and no offsets: hunks must be in order, must not overlap, and their context and removed
    lines must be exactly the lines of `a` at the position the header gives. Otherwise `PatchError`,
    and `a` is left as it was.
    """
    source = as_lines(a)
    hunks = parse_hunks(text)
    if not hunks:
        raise PatchError("no hunks in patch")
    result: list[str] = []
    position = 0  # next line of `source` not yet copied
    for hunk in hunks:
        start = hunk.old_index
        if start < position:
            raise PatchError("hunks overlap or are out of order", hunk.number)
        expected = hunk.old_lines
        if source[start : start + len(expected)] != expected:
            raise PatchError(f"context does not match at line {start + 1}", hunk.number)
        result.extend(source[position:start])
        if len(result) != hunk.new_start - (1 if hunk.new_len else 0):
            raise PatchError("new line numbers do not agree with the old ones", hunk.number)
        result.extend(hunk.new_lines)
        position = start + len(expected)
    result.extend(source[position:])
    return result
