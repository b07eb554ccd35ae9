"""The ``Config`` object: lookups with ``[DEFAULT]`` fallback, interpolation and typed getters."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from confparse.errors import InterpolationCycleError, InterpolationError, NoOptionError, NoSectionError
from confparse.parser import DEFAULT_SECTION, parse

T = TypeVar("T")

_MISSING: Any = object()
_REFERENCE = re.compile(r"\$(\$|\{([^{}]*)\})")

TRUE_WORDS = frozenset({"1", "yes", "true", "on"})
FALSE_WORDS = frozenset({"0", "no", "false", "off"})


class Config:
    """Parsed configuration.

    Values are strings; ``${key}`` refers to another key of the same section (or
    ``[DEFAULT]``), ``${section:key}`` to a key of another section, and ``$$`` is
    a literal ``$``. References are resolved on every read, recursively.
    """

    def __init__(self, sections: dict[str, dict[str, str]] | None = None) -> None:
        sections = dict(sections or {})
        self._defaults: dict[str, str] = dict(sections.pop(DEFAULT_SECTION, {}))
        self._sections: dict[str, dict[str, str]] = {name: dict(values) for name, values in sections.items()}

    # -- structure ---------------------------------------------------------------

    def sections(self) -> list[str]:
        """Section names in file order, without ``DEFAULT``."""
        return list(self._sections)

    def has_section(self, section: str) -> bool:
        return section in self._sections

    def defaults(self) -> dict[str, str]:
        return dict(self._defaults)

    def options(self, section: str) -> list[str]:
        """Keys visible in ``section``: its own, then inherited defaults it does not override."""
        own = self._section(section)
        return list(own) + [key for key in self._defaults if key not in own]

    def has_option(self, section: str, key: str) -> bool:
        if section not in self._sections:
            return False
        key = key.lower()
        return key in self._sections[section] or key in self._defaults

    def items(self, section: str) -> Iterator[tuple[str, str]]:
        for key in self.options(section):
            yield key, self.get(section, key)

    def _section(self, section: str) -> dict[str, str]:
        try:
            return self._sections[section]
        except KeyError:
            raise NoSectionError(section) from None

    def _raw(self, section: str, key: str) -> str:
        values = self._section(section)
        if key in values:
            return values[key]
        if key in self._defaults:
            return self._defaults[key]
        raise NoOptionError(section, key)

    # -- interpolation -------------------------------------------------------------

    def _interpolate(self, section: str, key: str, value: str, chain: list[str]) -> str:
        def replace(match: re.Match[str]) -> str:
            if match.group(1) == "$":
                return "$"
            reference = match.group(2).strip()
            if ":" in reference:
                ref_section, _, ref_key = reference.partition(":")
                ref_section, ref_key = ref_section.strip(), ref_key.strip().lower()
            else:
                ref_section, ref_key = section, reference.lower()
            name = f"{ref_section}:{ref_key}"
            if name in chain:
                raise InterpolationCycleError([*chain[chain.index(name) :], name])
            try:
                raw = self._raw(ref_section, ref_key)
            except (NoSectionError, NoOptionError) as exc:
                raise InterpolationError(f"[{section}] {key}: cannot resolve ${{{reference}}}: {exc}") from None
            return self._interpolate(ref_section, ref_key, raw, [*chain, name])

        return _REFERENCE.sub(replace, value)

    # -- getters -------------------------------------------------------------------

    def get(self, section: str, key: str, *, fallback: Any = _MISSING, raw: bool = False) -> Any:
        """The value of ``key`` in ``section`` (or ``[DEFAULT]``), interpolated unless ``raw``.

        ``fallback`` is returned when the section or key does not exist; without it
        :class:`NoSectionError` / :class:`NoOptionError` is raised.
        """
        key = key.lower()
        try:
            value = self._raw(section, key)
        except (NoSectionError, NoOptionError):
            if fallback is _MISSING:
                raise
            return fallback
        if raw:
            return value
        return self._interpolate(section, key, value, [f"{section}:{key}"])

    def _typed(self, section: str, key: str, convert: Callable[[str], T], fallback: Any) -> T | Any:
        try:
            value = self.get(section, key)
        except (NoSectionError, NoOptionError):
            if fallback is _MISSING:
                raise
            return fallback
        try:
            return convert(value.strip())
        except ValueError:
            raise ValueError(f"[{section}] {key}: invalid value {value!r}") from None

    def get_int(self, section: str, key: str, *, fallback: Any = _MISSING) -> int | Any:
        return self._typed(section, key, int, fallback)

    def get_float(self, section: str, key: str, *, fallback: Any = _MISSING) -> float | Any:
        return self._typed(section, key, float, fallback)

    def get_bool(self, section: str, key: str, *, fallback: Any = _MISSING) -> bool | Any:
        """Accepts yes/no, on/off, true/false and 1/0, in any case."""

        def convert(text: str) -> bool:
            word = text.lower()
            if word in TRUE_WORDS:
                return True
            if word in FALSE_WORDS:
                return False
            raise ValueError(text)

        return self._typed(section, key, convert, fallback)

    def get_list(self, section: str, key: str, *, fallback: Any = _MISSING) -> list[str] | Any:
        """Split on commas (and newlines, for continued values); blank items are dropped."""

        def convert(text: str) -> list[str]:
            return [item.strip() for item in re.split(r"[,\n]", text) if item.strip()]

        return self._typed(section, key, convert, fallback)


def loads(text: str, *, strict: bool = True) -> Config:
    """Parse INI ``text`` into a :class:`Config`."""
    return Config(parse(text, strict=strict))


def load(path: str | os.PathLike[str], *, strict: bool = True, encoding: str = "utf-8") -> Config:
    """Read and parse the INI file at ``path``."""
    with open(path, encoding=encoding) as handle:
        return loads(handle.read(), strict=strict)
