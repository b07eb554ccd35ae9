"""Semantic Versioning 2.0.0 (https://semver.org) and npm-style version ranges."""

from .errors import InvalidSpec, InvalidVersion
from .ranges import max_satisfying, satisfies
from .version import Version, parse

__all__ = ["InvalidSpec", "InvalidVersion", "Version", "max_satisfying", "parse", "satisfies"]
