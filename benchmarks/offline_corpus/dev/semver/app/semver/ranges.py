"""npm-style ranges: `^1.2.3`, `~1.2`, `>=1.0.0 <2.0.0`, `1.x`, `*`, and alternatives joined by `||`."""

import re

from .errors import InvalidSpec, InvalidVersion
from .version import Version

_WILDCARDS = {"x", "X", "*"}
_COMPARATOR = re.compile(r"^(?P<op><=|>=|<|>|=|\^|~)?\s*v?(?P<version>[0-9xX*][0-9A-Za-z.+\-xX*]*)$")
_OPERATORS = {
    "<": lambda v, bound: v < bound,
    "<=": lambda v, bound: v <= bound,
    ">": lambda v, bound: v > bound,
    ">=": lambda v, bound: v >= bound,
    "=": lambda v, bound: v == bound,
}


def _partial(text, spec):
    """Split `1`, `1.2`, `1.2.x`, `1.2.3-rc.1` into (major, minor, patch, rest); missing or wildcard parts are None."""
    head, sep, tail = text.partition("-")
    if "+" in head:
        head = head.split("+", 1)[0]
    parts = head.split(".")
    if len(parts) > 3:
        raise InvalidSpec(f"bad version in range {spec!r}: {text!r}")
    numbers = []
    for part in parts:
        if part in _WILDCARDS:
            numbers.append(None)
        elif part.isdigit() and (part == "0" or not part.startswith("0")):
            numbers.append(int(part))
        else:
            raise InvalidSpec(f"bad version in range {spec!r}: {text!r}")
    numbers += [None] * (3 - len(numbers))
    # Once a part is a wildcard, everything after it is too (1.x.3 means 1.x).
    if None in numbers:
        first = numbers.index(None)
        numbers = numbers[:first] + [None] * (3 - first)
    if sep and None in numbers:
        raise InvalidSpec(f"a pre-release needs a full version in {spec!r}")
    return numbers[0], numbers[1], numbers[2], text if sep else None


def _full(major, minor, patch, exact, spec):
    if exact is not None:
        try:
            return Version.parse(exact)
        except InvalidVersion:
            raise InvalidSpec(f"bad version in range {spec!r}: {exact!r}") from None
    return Version(major, minor or 0, patch or 0)


def _comparators(token, spec):
    """One range token as a list of (operator, Version) comparators, all of which must hold."""
    match = _COMPARATOR.match(token)
    if match is None:
        raise InvalidSpec(f"cannot read {token!r} in range {spec!r}")
    op = match["op"] or "="
    major, minor, patch, exact = _partial(match["version"], spec)
    if major is None:
        if op in ("<", ">"):
            # `<*` and `>*` match nothing.
            return [("<", Version(0, 0, 0, ("0",)))]
        return []
    low = _full(major, minor, patch, exact, spec)

    if op == "^":
        if major > 0 or minor is None:
            high = Version(major + 1, 0, 0)
        elif minor > 0 or patch is None:
            high = Version(0, minor + 1, 0)
        else:
            high = Version(0, 0, patch + 1)
        return [(">=", low), ("<", high)]
    if op == "~":
        high = Version(major + 1, 0, 0) if minor is None else Version(major, minor + 1, 0)
        return [(">=", low), ("<", high)]
    if minor is None or patch is None:
        # An x-range: `1.x`, `1.2`, `>=1.2`, `<1.x` ...
        high = Version(major + 1, 0, 0) if minor is None else Version(major, minor + 1, 0)
        if op == "=":
            return [(">=", low), ("<", high)]
        if op == ">":
            return [(">=", high)]
        if op == "<=":
            return [("<", high)]
        return [(op, low)]
    return [(op, low)]


def _parse(spec):
    if not isinstance(spec, str) or not spec.strip():
        raise InvalidSpec(f"empty range: {spec!r}")
    alternatives = []
    for part in spec.split("||"):
        # Allow `>= 1.2.3` with a space after the operator.
        tokens = re.sub(r"(<=|>=|<|>|=|\^|~)\s+", r"\1", part.strip()).split()
        if not tokens:
            raise InvalidSpec(f"empty alternative in range {spec!r}")
        comparators = []
        for token in tokens:
            comparators += _comparators(token, spec)
        alternatives.append(comparators)
    return alternatives


def _allows(comparators, version):
    if not all(_OPERATORS[op](version, bound) for op, bound in comparators):
        return False
    if not version.is_prerelease:
        return True
    # A pre-release only matches when some comparator names a pre-release of the same MAJOR.MINOR.PATCH,
    # so `>=1.0.0` does not pull in `2.0.0-beta`.
    return any(bound.is_prerelease and bound._key() == version._key() for _, bound in comparators)


def _version(value):
    return value if isinstance(value, Version) else Version.parse(value)


def satisfies(version, spec):
    """Whether `version` (a Version or a string) lies in the range `spec`. Raises InvalidVersion or InvalidSpec."""
    version = _version(version)
    return any(_allows(comparators, version) for comparators in _parse(spec))


def max_satisfying(versions, spec):
    """The highest of `versions` in `spec` (returned as given), or None; versions that do not parse are skipped."""
    alternatives = _parse(spec)
    best = best_version = None
    for candidate in versions:
        try:
            version = _version(candidate)
        except InvalidVersion:
            continue
        if any(_allows(comparators, version) for comparators in alternatives):
            if best_version is None or version > best_version:
                best, best_version = candidate, version
    return best
