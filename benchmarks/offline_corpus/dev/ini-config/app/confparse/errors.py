"""Exceptions raised by confparse."""

from __future__ import annotations


class ConfigError(Exception):
    """Base class of every confparse error."""


class ParseError(ConfigError, ValueError):
    """The text is not valid INI. ``lineno`` is 1-based."""

    def __init__(self, message: str, lineno: int) -> None:
        self.message = message
        self.lineno = lineno
        super().__init__(f"line {lineno}: {message}")


class DuplicateSectionError(ParseError):
    """A section header appears twice (strict mode only)."""

    def __init__(self, section: str, lineno: int) -> None:
        self.section = section
        super().__init__(f"duplicate section [{section}]", lineno)


class DuplicateKeyError(ParseError):
    """A key appears twice in one section (strict mode only)."""

    def __init__(self, section: str, key: str, lineno: int) -> None:
        self.section = section
        self.key = key
        super().__init__(f"duplicate key {key!r} in section [{section}]", lineno)


class NoSectionError(ConfigError, KeyError):
    def __init__(self, section: str) -> None:
        self.section = section
        super().__init__(f"no section [{section}]")

    def __str__(self) -> str:
        return str(self.args[0])


class NoOptionError(ConfigError, KeyError):
    def __init__(self, section: str, key: str) -> None:
        self.section = section
        self.key = key
        super().__init__(f"no option {key!r} in section [{section}]")

    def __str__(self) -> str:
        return str(self.args[0])


class InterpolationError(ConfigError, ValueError):
    """A ``${...}`` reference cannot be resolved."""


class InterpolationCycleError(InterpolationError):
    """References form a loop. ``chain`` lists the ``section:key`` names in order, ending where it started."""

    def __init__(self, chain: list[str]) -> None:
        self.chain = chain
        super().__init__("interpolation cycle: " + " -> ".join(chain))
