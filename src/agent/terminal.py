"""Text bound for a terminal or Markdown: control characters made visible, never executed.

Paths, plans and gaps come from the model, and file names and tool output from the repo; any of
them can carry escape sequences (`ESC ] 52` writes the reader's clipboard, `ESC [ 2J` clears the
screen, a carriage return overprints a line, bidi overrides reorder it). Everything the runtime
prints to stderr or stdout, or renders as Markdown, passes through `safe_text`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# C0 controls but tab and newline, DEL, C1 controls, and the Unicode bidi embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_text(text: str) -> str:
    """`text` with every control character (except `\\n` and `\\t`) shown as its Python escape, e.g. `\\x1b`."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def safe_lines(sink: Callable[[str], None]) -> Callable[[str], None]:
    """`sink` (a progress printer) receiving every line through `safe_text`."""
    return lambda line: sink(safe_text(line))
