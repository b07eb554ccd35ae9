"""The one jinja2 environment setup: templates under `agent/templates/`, a missing variable is an error.

Prose templates (the outcome's Markdown, the prompts) pass every value through `safe_text`, so no
control character a model or a repo put in a value reaches a terminal, a file or a comment; code
templates (`offline/`) render values byte for byte.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
import markupsafe

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


def _visible(value: object) -> object:
    """Control characters shown as escapes before autoescaping; markup the template built itself passes as is."""
    if isinstance(value, markupsafe.Markup):
        return value
    return safe_text(value if isinstance(value, str) else str(value))


@functools.cache
def html_environment() -> jinja2.Environment:
    """HTML pages (`*.html.j2`): autoescape on, every value through `safe_text`, a missing variable an error.

    What a record or a results file holds is untrusted (model text, tool output, repo files): it reaches the page
    escaped, and a terminal escape sequence in it shows as `\\x1b[...`, never as raw bytes.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,
        finalize=_visible,
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": True}
    return env
