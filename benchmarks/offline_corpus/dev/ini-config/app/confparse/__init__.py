"""confparse: read INI files.

>>> cfg = loads("[server]\nport = 8080\ndebug = on\n")
>>> cfg.get_int("server", "port"), cfg.get_bool("server", "debug")
(8080, True)
"""

from confparse.config import Config, load, loads
from confparse.errors import (
    ConfigError,
    DuplicateKeyError,
    DuplicateSectionError,
    InterpolationCycleError,
    InterpolationError,
    NoOptionError,
    NoSectionError,
    ParseError,
)

__all__ = [
    "Config",
    "ConfigError",
    "DuplicateKeyError",
    "DuplicateSectionError",
    "InterpolationCycleError",
    "InterpolationError",
    "NoOptionError",
    "NoSectionError",
    "ParseError",
    "load",
    "loads",
]
