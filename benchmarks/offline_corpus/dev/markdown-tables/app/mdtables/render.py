"""Rows to Markdown."""

from __future__ import annotations

from collections.abc import Sequence

from .cells import ALIGNMENTS, LEFT, MIN_WIDTH, RIGHT, is_number, pad, separator, to_text
from .errors import TableError

AlignSpec = str | Sequence[str | None] | None


def default_alignment(column: Sequence[object]) -> str:
    """Right for a column whose non-empty cells are all numbers, else left."""
    values = [v for v in column if v is not None]
    if values and all(is_number(v) for v in values):
        return RIGHT
    return LEFT


def _alignments(align: AlignSpec, columns: list[list[object]]) -> list[str]:
    count = len(columns)
    if align is None or isinstance(align, str):
        given: list[str | None] = [align] * count
    else:
        given = list(align)
        if len(given) != count:
            raise TableError(f"align has {len(given)} entries for {count} columns")
    result = []
    for value, column in zip(given, columns):
        if value is None:
            result.append(default_alignment(column))
        elif value in ALIGNMENTS:
            result.append(value)
        else:
            raise TableError(f"unknown alignment {value!r}; use one of {', '.join(ALIGNMENTS)}")
    return result


def render(rows: Sequence[Sequence[object]], headers: Sequence[object], align: AlignSpec = None) -> str:
    """Render ``rows`` under ``headers`` as a Markdown table.

    ``align`` is None (numbers right, the rest left), one of "left" / "right" /
    "center" for every column, or a sequence with one entry per column (None
    entries take the default). Every column is padded to its widest cell, the
    header included, and at least three characters.
    """
    headers = list(headers)
    if not headers:
        raise TableError("a table needs at least one column")
    rows = [list(row) for row in rows]
    for index, row in enumerate(rows):
        if len(row) != len(headers):
            raise TableError(f"row {index} has {len(row)} cells for {len(headers)} columns")

    columns = [[row[i] for row in rows] for i in range(len(headers))]
    aligns = _alignments(align, columns)

    header_text = [to_text(h) for h in headers]
    body_text = [[to_text(cell) for cell in row] for row in rows]
    widths = [
        max([MIN_WIDTH, len(header_text[i]), *(len(row[i]) for row in body_text)])
        for i in range(len(headers))
    ]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    out = [line([pad(t, w, a) for t, w, a in zip(header_text, widths, aligns)])]
    out.append(line([separator(w, a) for w, a in zip(widths, aligns)]))
    for row in body_text:
        out.append(line([pad(t, w, a) for t, w, a in zip(row, widths, aligns)]))
    return "\n".join(out) + "\n"


def render_dicts(records: Sequence[dict[str, object]], columns: Sequence[str] | None = None,
                 align: AlignSpec = None) -> str:
    """Render a list of dicts; the columns default to the keys in first-seen order. Missing keys are empty."""
    if columns is None:
        seen: dict[str, None] = {}
        for record in records:
            for key in record:
                seen.setdefault(key, None)
        columns = list(seen)
    return render([[record.get(c) for c in columns] for record in records], columns, align=align)
