"""Parse and render whole SubRip documents."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from .errors import SubtitleError
from .timestamps import format_timestamp, parse_timestamp

ARROW = " --> "


@dataclass(frozen=True)
class Cue:
    """One subtitle: its number, when it shows and hides (ms), and its text lines."""

    index: int
    start: int
    end: int
    text: str

    @property
    def duration(self) -> int:
        return self.end - self.start

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def parse(document: str) -> list[Cue]:
    """Parse the text of an .srt file into cues.

    Accepts ``\\n`` and ``\\r\\n`` line endings, a leading byte-order mark, and any
    number of blank lines between cues. Each cue is an index line (a positive
    integer), a timing line ``start --> end`` and one or more text lines. The end
    must come after the start. Raises :class:`SubtitleError` with the line and
    column of the first problem.
    """
    if document.startswith("\ufeff"):
        document = document[1:]
    lines = document.replace("\r\n", "\n").split("\n")
    cues: list[Cue] = []
    number = 0
    while number < len(lines):
        if not lines[number].strip():
            number += 1
            continue
        block_start = number
        while number < len(lines) and lines[number].strip():
            number += 1
        cues.append(_parse_block(lines[block_start:number], first_line=block_start + 1))
    return cues


def _parse_block(block: list[str], *, first_line: int) -> Cue:
    index_text = block[0].strip()
    if not index_text.isdigit() or int(index_text) == 0:
        raise SubtitleError(f"expected a cue number, got {index_text!r}", line=first_line)
    timing_line = first_line + 1
    if len(block) < 2:
        raise SubtitleError("missing timing line", line=timing_line)
    timing = block[1].rstrip()
    arrow = timing.find(ARROW)
    if arrow < 0:
        raise SubtitleError("expected 'start --> end'", line=timing_line)
    start = parse_timestamp(timing[:arrow], line=timing_line, column=1)
    end_column = arrow + len(ARROW)
    end_text = timing[end_column:].split(" ")[0]
    end = parse_timestamp(end_text, line=timing_line, column=end_column + 1)
    if end <= start:
        raise SubtitleError("cue ends before it starts", line=timing_line, column=end_column + 1)
    if len(block) < 3:
        raise SubtitleError("cue has no text", line=first_line + 2)
    return Cue(int(index_text), start, end, "\n".join(block[2:]))


def render(cues: Iterable[Cue]) -> str:
    """Render cues as an .srt document, numbered from 1 in the given order.

    The result uses ``\\n`` line endings, one blank line between cues and ends
    with a newline; an empty list renders as the empty string.
    """
    blocks = []
    for number, cue in enumerate(cues, start=1):
        timing = f"{format_timestamp(cue.start)}{ARROW}{format_timestamp(cue.end)}"
        blocks.append(f"{number}\n{timing}\n{cue.text}\n")
    return "\n".join(blocks)


def shift(cues: Iterable[Cue], *, ms: int = 0, seconds: float = 0) -> list[Cue]:
    """Move every cue by ``seconds`` plus ``ms`` (negative moves earlier).

    A cue pushed partly before zero starts at zero; a cue that would end at or
    before zero is dropped.
    """
    offset = ms + round(seconds * 1000)
    moved = []
    for cue in cues:
        end = cue.end + offset
        if end <= 0:
            continue
        moved.append(replace(cue, start=max(0, cue.start + offset), end=end))
    return moved


def overlaps(cues: Sequence[Cue]) -> list[tuple[int, int]]:
    """Pairs of cue indexes ``(a, b)`` whose display times overlap.

    Cues are compared in start order; a cue that starts exactly when another ends
    does not overlap it.
    """
    ordered = sorted(cues, key=lambda cue: (cue.start, cue.end))
    found = []
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if second.start >= first.end:
                break
            found.append((first.index, second.index))
    return found


def reading_speed(cue: Cue) -> float:
    """Characters per second shown by ``cue`` (line breaks not counted), to 1 decimal."""
    characters = sum(len(line) for line in cue.lines)
    return round(characters / (cue.duration / 1000), 1)


def too_fast(cues: Iterable[Cue], *, max_cps: float = 17.0) -> list[int]:
    """Indexes of cues whose reading speed is above ``max_cps`` characters per second."""
    return [cue.index for cue in cues if reading_speed(cue) > max_cps]
