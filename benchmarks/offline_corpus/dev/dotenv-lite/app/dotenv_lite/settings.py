"""Typed access to parsed settings."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

from .parser import parse

_MISSING: Any = object()

TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})


class MissingKey(KeyError):
    """A setting that is not defined and has no default."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key

    def __str__(self) -> str:
        return f"missing setting {self.key!r}"


class Settings(Mapping[str, str]):
    """Read-only settings with typed getters. Every getter takes a `default`, returned as given (not converted)
    when the key is not defined; without one, an undefined key raises `MissingKey`."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self._values = dict(values)

    @classmethod
    def from_text(cls, text: str, environ: Mapping[str, str] | None = None) -> Settings:
        return cls(parse(text, environ))

    @classmethod
    def from_file(cls, path: str | os.PathLike[str], environ: Mapping[str, str] | None = None) -> Settings:
        with open(path, encoding="utf-8") as handle:
            return cls.from_text(handle.read(), environ)

    def __getitem__(self, key: str) -> str:
        try:
            return self._values[key]
        except KeyError:
            raise MissingKey(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: str, default: Any = _MISSING) -> Any:
        if key in self._values:
            return self._values[key]
        if default is _MISSING:
            raise MissingKey(key)
        return default

    def get_int(self, key: str, default: Any = _MISSING) -> Any:
        if key not in self._values:
            return self.get(key, default)
        raw = self._values[key]
        try:
            return int(raw.strip())
        except ValueError:
            raise ValueError(f"{key}: expected an integer, got {raw!r}") from None

    def get_bool(self, key: str, default: Any = _MISSING) -> Any:
        if key not in self._values:
            return self.get(key, default)
        raw = self._values[key]
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(f"{key}: expected a boolean (true/false, yes/no, on/off, 1/0), got {raw!r}")

    def get_list(self, key: str, sep: str = ",", default: Any = _MISSING) -> Any:
        if key not in self._values:
            return self.get(key, default)
        return [item.strip() for item in self._values[key].split(sep) if item.strip()]
