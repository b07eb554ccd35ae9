"""Render and parse GitHub-flavoured Markdown tables."""

from .cells import CENTER, LEFT, RIGHT
from .errors import TableError
from .parse import Table, parse, to_csv
from .render import render, render_dicts

__all__ = ["CENTER", "LEFT", "RIGHT", "Table", "TableError", "parse", "render", "render_dicts", "to_csv"]
