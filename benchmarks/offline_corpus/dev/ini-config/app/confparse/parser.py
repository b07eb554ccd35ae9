"""Turn INI text into ordered ``{section: {key: value}}`` mappings.

Syntax:

* ``[name]`` starts a section; ``[DEFAULT]`` holds values every section inherits.
* ``key = value`` or ``key: value``; the first ``=`` or ``:`` on the line separates key and value.
  Keys are case-insensitive (stored lower-case); section names are case-sensitive.
* Lines whose first non-blank character is ``#`` or ``;`` are comments. Inside a value, a ``#`` or ``;``
  preceded by whitespace starts an inline comment.
* An indented line continues the previous key's value; the parts are joined with newlines.
  A blank line ends a value.
"""

from __future__ import annotations

import re

from confparse.errors import DuplicateKeyError, DuplicateSectionError, ParseError

DEFAULT_SECTION = "DEFAULT"
COMMENT_PREFIXES = ("#", ";")
_INLINE_COMMENT = re.compile(r"\s[#;]")

Sections = dict[str, dict[str, str]]


def _strip_inline_comment(value: str) -> str:
    match = _INLINE_COMMENT.search(value)
    if match:
        value = value[: match.start()]
    return value.strip()


def _split_option(line: str, lineno: int) -> tuple[str, str]:
    positions = [pos for pos in (line.find("="), line.find(":")) if pos != -1]
    if not positions:
        raise ParseError(f"expected 'key = value', got {line.strip()!r}", lineno)
    pos = min(positions)
    key = line[:pos].strip().lower()
    if not key:
        raise ParseError("empty key", lineno)
    return key, _strip_inline_comment(line[pos + 1 :].strip())


def parse(text: str, *, strict: bool = True) -> Sections:
    """Parse ``text``; return the sections in file order, ``DEFAULT`` included if present.

    In strict mode a repeated section or a repeated key within a section raises;
    otherwise repeated sections are merged and the last value of a key wins.
    """
    sections: Sections = {}
    seen_sections: set[str] = set()
    current: dict[str, str] | None = None
    current_name = ""
    seen_keys: set[str] = set()
    last_key: str | None = None

    for lineno, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped:
            last_key = None
            continue
        if stripped.startswith(COMMENT_PREFIXES):
            continue

        if raw[0].isspace():
            if current is None or last_key is None:
                raise ParseError("continuation line without a key", lineno)
            part = _strip_inline_comment(stripped)
            current[last_key] = f"{current[last_key]}\n{part}" if current[last_key] else part
            continue

        if stripped.startswith("["):
            if not stripped.endswith("]"):
                raise ParseError(f"unterminated section header {stripped!r}", lineno)
            name = stripped[1:-1].strip()
            if not name:
                raise ParseError("empty section name", lineno)
            if name in seen_sections and strict:
                raise DuplicateSectionError(name, lineno)
            seen_sections.add(name)
            current = sections.setdefault(name, {})
            current_name = name
            seen_keys = set()
            last_key = None
            continue

        if current is None:
            raise ParseError("key outside of a section", lineno)
        key, value = _split_option(raw, lineno)
        if key in seen_keys and strict:
            raise DuplicateKeyError(current_name, key, lineno)
        seen_keys.add(key)
        current[key] = value
        last_key = key

    return sections
