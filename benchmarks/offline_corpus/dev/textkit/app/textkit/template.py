"""A tiny `{name}` template."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


class MissingKey(KeyError):
    """Raised by `Template.render` when placeholders have neither a value nor a default."""

    def __init__(self, names: list[str]) -> None:
        self.names = tuple(names)
        super().__init__(", ".join(self.names))

    def __str__(self) -> str:
        return "missing values for: " + ", ".join(self.names)


class Template:
    """A template with `{name}` placeholders; `{{` and `}}` stand for literal braces.

    Keyword arguments given to the constructor are defaults, used for placeholders the caller does not fill.
    """

    def __init__(self, source: str, **defaults: Any) -> None:
        self.source = source
        self.defaults = defaults

    @property
    def names(self) -> tuple[str, ...]:
        """The placeholder names, in order of first appearance, each once."""
        seen: dict[str, None] = {}
        for match in _TOKEN.finditer(self.source):
            if match.group(1):
                seen.setdefault(match.group(1))
        return tuple(seen)

    def render(self, values: Mapping[str, Any] | None = None, /, **kwargs: Any) -> str:
        """Fill the placeholders from `values` and `kwargs` (which win), falling back to the defaults."""
        context = {**self.defaults, **(values or {}), **kwargs}
        missing = [name for name in self.names if name not in context]
        if missing:
            raise MissingKey(missing)

        def replace(match: re.Match[str]) -> str:
            token = match.group(0)
            if token in ("{{", "}}"):
                return token[0]
            return str(context[match.group(1)])

        return _TOKEN.sub(replace, self.source)

    def __repr__(self) -> str:
        return f"Template({self.source!r})"
