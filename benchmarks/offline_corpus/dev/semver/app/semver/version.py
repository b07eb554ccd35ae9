import re
from functools import total_ordering

from .errors import InvalidVersion

_NUMBER = r"0|[1-9]\d*"
_IDENT = r"(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
_VERSION = re.compile(
    rf"^(?P<major>{_NUMBER})\.(?P<minor>{_NUMBER})\.(?P<patch>{_NUMBER})"
    rf"(?:-(?P<prerelease>{_IDENT}(?:\.{_IDENT})*))?"
    r"(?:\+(?P<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)


def _identifier(text):
    return int(text) if text.isdigit() else text


@total_ordering
class Version:
    """A SemVer 2.0.0 version: MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD].

    Versions compare by precedence (section 11 of the spec); build metadata is kept and printed but plays no part in
    comparisons or equality.
    """

    __slots__ = ("major", "minor", "patch", "prerelease", "build")

    def __init__(self, major, minor=0, patch=0, prerelease=(), build=()):
        for name, value in (("major", major), ("minor", minor), ("patch", patch)):
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InvalidVersion(f"{name} must be a non-negative integer, not {value!r}")
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = tuple(_identifier(str(part)) for part in prerelease)
        self.build = tuple(str(part) for part in build)

    @classmethod
    def parse(cls, text):
        if not isinstance(text, str):
            raise InvalidVersion(f"expected a string, not {type(text).__name__}")
        match = _VERSION.match(text.strip())
        if match is None:
            raise InvalidVersion(f"not a semantic version: {text!r}")
        prerelease = match["prerelease"].split(".") if match["prerelease"] else ()
        build = match["build"].split(".") if match["build"] else ()
        return cls(int(match["major"]), int(match["minor"]), int(match["patch"]), prerelease, build)

    @property
    def is_prerelease(self):
        return bool(self.prerelease)

    def release(self):
        """The same MAJOR.MINOR.PATCH without pre-release or build."""
        return Version(self.major, self.minor, self.patch)

    def bump_major(self):
        return Version(self.major + 1, 0, 0)

    def bump_minor(self):
        return Version(self.major, self.minor + 1, 0)

    def bump_patch(self):
        """The next patch release; a pre-release bumps to its own release (1.2.3-rc.1 -> 1.2.3)."""
        if self.prerelease:
            return self.release()
        return Version(self.major, self.minor, self.patch + 1)

    def _key(self):
        return (self.major, self.minor, self.patch)

    def _compare(self, other):
        if self._key() != other._key():
            return -1 if self._key() < other._key() else 1
        return _compare_prerelease(self.prerelease, other.prerelease)

    def __eq__(self, other):
        if isinstance(other, str):
            other = Version.parse(other)
        if not isinstance(other, Version):
            return NotImplemented
        return self._compare(other) == 0

    def __lt__(self, other):
        if isinstance(other, str):
            other = Version.parse(other)
        if not isinstance(other, Version):
            return NotImplemented
        return self._compare(other) < 0

    def __hash__(self):
        return hash((self._key(), self.prerelease))

    def __str__(self):
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            text += "-" + ".".join(str(part) for part in self.prerelease)
        if self.build:
            text += "+" + ".".join(self.build)
        return text

    def __repr__(self):
        return f"Version({str(self)!r})"


def _compare_prerelease(left, right):
    # A release outranks any of its pre-releases.
    if not left and not right:
        return 0
    if not left:
        return 1
    if not right:
        return -1
    for a, b in zip(left, right):
        if a == b:
            continue
        if isinstance(a, int) and isinstance(b, int):
            return -1 if a < b else 1
        # Numeric identifiers always have lower precedence than alphanumeric ones.
        if isinstance(a, int):
            return -1
        if isinstance(b, int):
            return 1
        return -1 if a < b else 1
    # A larger set of pre-release fields has a higher precedence, when all the preceding ones are equal.
    return (len(left) > len(right)) - (len(left) < len(right))


def parse(text):
    """Parse `text` into a Version; raises InvalidVersion."""
    return Version.parse(text)
