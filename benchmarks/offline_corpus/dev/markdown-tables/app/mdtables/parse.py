"""Markdown to rows."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from .cells import CENTER, LEFT, RIGHT, split_row, unescape
from .errors import TableError

_SEPARATOR_CELL = re.compile(r"^:?-+:?$")


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    # one entry per column: "left", "right", "center", or None when the separator has no colon
    align: list[str | None] = field(default_factory=list)

    def column(self, name: str) -> list[str]:
        try:
            index = self.headers.index(name)
        except ValueError:
            raise KeyError(name) from None
        return [row[index] for row in self.rows]

    def as_dicts(self) -> list[dict[str, str]]:
        return [dict(zip(self.headers, row)) for row in self.rows]

    def to_csv(self, delimiter: str = ",") -> str:
        """The table as CSV text, header first, quoting cells where needed."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
        writer.writerow(self.headers)
        writer.writerows(self.rows)
        return buffer.getvalue()


def _alignment(cell: str) -> str | None:
    starts, ends = cell.startswith(":"), cell.endswith(":")
    if starts and ends:
        return CENTER
    if ends:
        return RIGHT
    if starts:
        return LEFT
    return None


def parse(text: str) -> Table:
    """Parse the first Markdown table in ``text`` (leading and trailing blank lines allowed).

    Raises TableError with the 1-based line number for a missing or malformed
    separator row and for rows whose cell count differs from the header's.
    """
    lines = text.splitlines()
    numbered = [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    if not numbered:
        raise TableError("no table found")
    # stop at the first blank line after the table starts
    first = numbered[0][0]
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines[first - 1:], start=first):
        if not line.strip():
            break
        block.append((number, line))

    header_no, header_line = block[0]
    headers = [unescape(c) for c in split_row(header_line)]
    if len(block) < 2:
        raise TableError("missing separator row", header_no + 1)
    sep_no, sep_line = block[1]
    sep_cells = split_row(sep_line)
    if not all(_SEPARATOR_CELL.match(c) for c in sep_cells):
        raise TableError(f"not a separator row: {sep_line.strip()!r}", sep_no)
    if len(sep_cells) != len(headers):
        raise TableError(f"separator has {len(sep_cells)} cells for {len(headers)} columns", sep_no)

    table = Table(headers=headers, align=[_alignment(c) for c in sep_cells])
    for number, line in block[2:]:
        cells = split_row(line)
        if len(cells) != len(headers):
            raise TableError(f"expected {len(headers)} cells, got {len(cells)}", number)
        table.rows.append([unescape(c) for c in cells])
    return table


def to_csv(text: str, delimiter: str = ",") -> str:
    """Parse a Markdown table and return it as CSV."""
    return parse(text).to_csv(delimiter=delimiter)
