"""The one jinja2 environment setup: templates under `agent/templates/`, a missing variable is an error."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def environment(folder: str = "") -> jinja2.Environment:
    """Templates in `agent/templates/<folder>`, with StrictUndefined and block-friendly whitespace."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / folder),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
