"""Unified-diff output (the format of `diff -u` and `git diff`)."""

from __future__ import annotations

from collections.abc import Sequence

from .diff import Opcode, diff_lines
from .lines import as_lines


def format_range(start: int, stop: int) -> str:
    """The `l,s` part of a hunk header for the 0-based half-open range [start, stop).

    Line numbers are 1-based; a length of 1 is left out; an empty range names the line *before* it
    (so an insertion at the top of a file is `0,0`).
    """
    length = stop - start
    first = start + 1
    if length == 1:
        return str(first)
    if length == 0:
        first -= 1
    return f"{first},{length}"


def group_opcodes(opcodes: list[Opcode], context: int) -> list[list[Opcode]]:
    """Split the opcodes into hunks with at most `context` equal lines around each change.

    Two changes separated by no more than 2 * context equal lines share a hunk.
    """
    if not opcodes or all(op.tag == "equal" for op in opcodes):
        return []
    codes = list(opcodes)
    # Trim the leading and trailing equal runs down to the context.
    if codes[0].tag == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = Opcode(tag, max(i1, i2 - context), i2, max(j1, j2 - context), j2)
    if codes[-1].tag == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = Opcode(tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context))

    groups: list[list[Opcode]] = []
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * context:
            # Close the current hunk with `context` lines and open the next one with as many.
            group.append(Opcode(tag, i1, min(i2, i1 + context), j1, min(j2, j1 + context)))
            groups.append(group)
            group = []
            i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
        group.append(Opcode(tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0].tag == "equal"):
        groups.append(group)
    # Drop empty equal runs left at the edges when context is 0.
    return [[op for op in g if op.tag != "equal" or op.i2 > op.i1] for g in groups]


def unified(
    a: str | Sequence[str],
    b: str | Sequence[str],
    fromfile: str = "a",
    tofile: str = "b",
    context: int = 3,
) -> str:
    """A unified diff of `a` and `b`; the empty string when they are equal."""
    if context < 0:
        raise ValueError("context must not be negative")
    a, b = as_lines(a), as_lines(b)
    hunks = group_opcodes(diff_lines(a, b), context)
    if not hunks:
        return ""
    out = [f"--- {fromfile}\n", f"+++ {tofile}\n"]
    for hunk in hunks:
        first, last = hunk[0], hunk[-1]
        old = format_range(first.i1, last.i2)
        new = format_range(first.j1, last.j2)
        out.append(f"@@ -{old} +{new} @@\n")
        for tag, i1, i2, j1, j2 in hunk:
            if tag == "equal":
                out.extend(f" {line}\n" for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                out.extend(f"-{line}\n" for line in a[i1:i2])
            if tag in ("replace", "insert"):
                out.extend(f"+{line}\n" for line in b[j1:j2])
    return "".join(out)
