"""Opcodes from a longest-common-subsequence alignment of two lists of lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .lines import as_lines


class Opcode(NamedTuple):
    """`a[i1:i2]` becomes `b[j1:j2]`; tag is "equal", "delete", "insert" or "replace"."""

    tag: str
    i1: int
    i2: int
    j1: int
    j2: int


def _lcs_pairs(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Index pairs (i, j) with a[i] == b[j] of one longest common subsequence, in order.

    Ties are broken towards deleting from `a` first, so a changed line shows as its removal then its
    replacement, the way people read diffs.
    """
    n, m = len(a), len(b)
    # table[i][j] = length of the LCS of a[i:] and b[j:]
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = table[i], table[i + 1]
        for j in range(m - 1, -1, -1):
            if a[i] == b[j]:
                row[j] = below[j + 1] + 1
            else:
                row[j] = max(below[j], row[j + 1])
    pairs = []
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j]:
            pairs.append((i, j))
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def diff_lines(a: str | Sequence[str], b: str | Sequence[str]) -> list[Opcode]:
    """The opcodes turning `a` into `b`, covering both sequences from start to end.

    Identical inputs give a single "equal" opcode (none when both are empty). A deletion directly
    followed by an insertion is reported as one "replace".
    """
    a, b = as_lines(a), as_lines(b)
    # The common head and tail are matched directly; the LCS table is only built for the middle.
    prefix = 0
    while prefix < len(a) and prefix < len(b) and a[prefix] == b[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < len(a) - prefix
        and suffix < len(b) - prefix
        and a[len(a) - 1 - suffix] == b[len(b) - 1 - suffix]
    ):
        suffix += 1
    middle_a = a[prefix : len(a) - suffix]
    middle_b = b[prefix : len(b) - suffix]
    pairs = [(i, i) for i in range(prefix)]
    pairs.extend((i + prefix, j + prefix) for i, j in _lcs_pairs(middle_a, middle_b))
    pairs.extend((len(a) - suffix + k, len(b) - suffix + k) for k in range(suffix))
    pairs.append((len(a), len(b)))  # sentinel

    opcodes: list[Opcode] = []
    i = j = 0
    for pi, pj in pairs:
        if i < pi and j < pj:
            opcodes.append(Opcode("replace", i, pi, j, pj))
        elif i < pi:
            opcodes.append(Opcode("delete", i, pi, j, j))
        elif j < pj:
            opcodes.append(Opcode("insert", i, i, j, pj))
        if pi == len(a) and pj == len(b):
            break
        if opcodes and opcodes[-1].tag == "equal" and opcodes[-1].i2 == pi:
            last = opcodes[-1]
            opcodes[-1] = Opcode("equal", last.i1, pi + 1, last.j1, pj + 1)
        else:
            opcodes.append(Opcode("equal", pi, pi + 1, pj, pj + 1))
        i, j = pi + 1, pj + 1
    return opcodes
