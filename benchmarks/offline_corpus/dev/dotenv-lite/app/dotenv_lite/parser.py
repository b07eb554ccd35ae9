"""Parsing of `.env` text into an ordered mapping of strings."""

from __future__ import annotations

import re
from collections.abc import Mapping

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_EXPORT = re.compile(r"export\s+")
_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_INLINE_COMMENT = re.compile(r"\s#")
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


class ParseError(ValueError):
    """A line of the file cannot be read; `lineno` is 1-based."""

    def __init__(self, lineno: int, message: str) -> None:
        super().__init__(f"line {lineno}: {message}")
        self.lineno = lineno
        self.message = message


def parse(text: str, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Parse `.env` text. `${VAR}` and `${VAR:-default}` refer to keys defined earlier in the text first, then
    to `environ`; an unknown variable without a default expands to the empty string. Later keys override
    earlier ones."""
    environ = {} if environ is None else environ
    values: dict[str, str] = {}
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        lineno = index + 1
        line = lines[index].lstrip()
        index += 1
        if not line.strip() or line.startswith("#"):
            continue
        export = _EXPORT.match(line)
        if export:
            line = line[export.end():]
        key, equals, rest = line.partition("=")
        key = key.strip()
        if not equals:
            raise ParseError(lineno, f"expected KEY=value, got {line.strip()!r}")
        if not _KEY.match(key):
            raise ParseError(lineno, f"invalid key {key!r}")
        value_text = rest.lstrip()
        if value_text.startswith("'"):
            end = value_text.find("'", 1)
            if end == -1:
                raise ParseError(lineno, "unterminated single-quoted value")
            _check_after_quote(value_text[end + 1:], lineno)
            value = value_text[1:end]
        elif value_text.startswith('"'):
            value, tail, index = _read_double_quoted(value_text[1:], lines, index, lineno)
            _check_after_quote(tail, index)
            value = _interpolate(value, values, environ)
        else:
            comment = _INLINE_COMMENT.search(rest)
            if comment:
                rest = rest[: comment.start()]
            value = _interpolate(rest.strip(), values, environ)
        values[key] = value
    return values


def _read_double_quoted(first: str, lines: list[str], index: int, lineno: int) -> tuple[str, str, int]:
    """The unescaped value of a double-quoted string starting at `first` (after the opening quote), which may
    go on over the following lines; also the text after the closing quote and the index of the next line."""
    chunks: list[str] = []
    current = first
    while True:
        position = 0
        while position < len(current):
            char = current[position]
            if char == "\\" and position + 1 < len(current):
                following = current[position + 1]
                chunks.append(_ESCAPES.get(following, "\\" + following))
                position += 2
                continue
            if char == '"':
                return "".join(chunks), current[position + 1:], index
            chunks.append(char)
            position += 1
        if index >= len(lines):
            raise ParseError(lineno, "unterminated double-quoted value")
        chunks.append("\n")
        current = lines[index]
        index += 1


def _check_after_quote(tail: str, lineno: int) -> None:
    tail = tail.strip()
    if tail and not tail.startswith("#"):
        raise ParseError(lineno, f"unexpected text after the closing quote: {tail!r}")


def _interpolate(value: str, defined: Mapping[str, str], environ: Mapping[str, str]) -> str:
    def expand(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        found = defined.get(name, environ.get(name))
        if default is not None and not found:
            return default
        return found or ""

    return _REFERENCE.sub(expand, value)
