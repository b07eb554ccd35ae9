"""The one jinja2 environment setup: templates under `agent/templates/`, a missing variable is an error.

Prose templates (the outcome's Markdown, the prompts) pass every value through `safe_text`, so no
control character a model or a repo put in a value reaches a terminal, a file or a comment; code
templates (`offline/`) render values byte for byte.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from agent.terminal import safe_text

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def environment(folder: str = "") -> jinja2.Environment:
    """Templates in `agent/templates/<folder>`, with StrictUndefined and block-friendly whitespace."""
    prose = folder == ""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / folder),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=(lambda value: safe_text(value if isinstance(value, str) else str(value))) if prose else None,
    )
