"""Read, write and retime SubRip (.srt) subtitles."""

from .document import Cue, overlaps, parse, reading_speed, render, shift, too_fast
from .errors import SubtitleError
from .timestamps import format_timestamp, parse_timestamp

__all__ = [
    "Cue",
    "SubtitleError",
    "format_timestamp",
    "overlaps",
    "parse",
    "parse_timestamp",
    "reading_speed",
    "render",
    "shift",
    "too_fast",
]
