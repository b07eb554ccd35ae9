"""Tests that move the app's own clock: the `clock` fixture that sets the moment it reads (a dependency replaced
through `dependency_overrides`, or a callable setting such as Flask's `CLOCK`), and the words and moments of the
tests that stand on each side of a moment where an answer changes."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

READS = {
    "aware": "moment",
    "naive": "moment.replace(tzinfo=None)",
    "date": "moment.date()",
    "epoch": "moment.timestamp()",
}
"""How the fixture hands an aware UTC moment to the app, per kind of clock."""


def moment_call(text: str, offset: int = 0) -> str:
    """Source for the moment `offset` seconds from the body's date or date-time `text`:
    `datetime(2030, 1, 15, 10, 0, tzinfo=timezone.utc) - timedelta(days=1)`."""
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    moment = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)
    parts = [moment.year, moment.month, moment.day]
    if "T" in text:
        parts += [moment.hour, moment.minute] + ([moment.second] if moment.second else [])
    written = f"datetime({', '.join(map(str, parts))}, tzinfo=timezone.utc)"
    if offset == 0:
        return written
    return f"{written} {'-' if offset < 0 else '+'} {span_call(abs(offset))}"


def span_call(seconds: int) -> str:
    """`timedelta(days=1)`, `timedelta(hours=23, minutes=59, seconds=59)`."""
    days, left = divmod(seconds, 86400)
    hours, left = divmod(left, 3600)
    minutes, secs = divmod(left, 60)
    parts = [f"{name}={count}" for name, count in (("days", days), ("hours", hours), ("minutes", minutes),
                                                   ("seconds", secs)) if count]
    return f"timedelta({', '.join(parts)})"


def span_words(seconds: int) -> str:
    """A span in words: "1 day", "23 hours 59 minutes 59 seconds"."""
    parts, left = [], seconds
    for size, word in ((86400, "day"), (3600, "hour"), (60, "minute"), (1, "second")):
        count, left = divmod(left, size)
        if count:
            parts.append(f"{count} {word}{'s' if count != 1 else ''}")
    return " ".join(parts)


def when_words(offset: int) -> str:
    """Where the clock stands from a moment: "at", "1 second before", "2 days after"."""
    if offset == 0:
        return "at"
    return f"{span_words(abs(offset))} {'before' if offset < 0 else 'after'}"


def anchor_words(anchor: list[Any]) -> str:
    """The moment an edge is measured from, in words."""
    where, ref, name = anchor
    if where == "body":
        return f"the `{name}` it sends"
    if where == "setup":
        return f"the record's `{name}`"
    if where == "made":
        return "the moment the record was made"
    return f"the `{name}` of the record its `{ref}` names"


def mark_assertion(key: str, value: Any) -> str:
    """The line that checks one mark of an answer: a flag, a word, or the sign of an amount."""
    if isinstance(value, dict) and "sign" in value:
        return f"assert body[{json.dumps(key)}] {('==', '>', '<')[value['sign']]} 0"
    if isinstance(value, bool):
        return f"assert body[{json.dumps(key)}] is {value}"
    return f"assert body[{json.dumps(key)}] == {json.dumps(value)}"


def clock_fixture(clock: dict[str, Any], framework: str) -> str:
    """The `clock` fixture: `clock(moment)` sets what the app's clock reads for the requests after it, until the
    test ends (then the clock is the app's own again)."""
    reads = READS.get(clock.get("reads", "aware"), "moment")
    if clock["kind"] == "config":
        key = json.dumps(clock["key"])
        return "\n".join([
            "", "", "@pytest.fixture", "def clock(client):",
            f'    """`clock(moment)` sets the moment the app\'s clock (its `{clock["key"]}` setting) reads, for',
            '    the requests after it."""',
            "    config = client.application.config",
            f"    own = config[{key}]", "",
            "    def pin(moment):",
            f"        config[{key}] = lambda: {reads}", "",
            "    yield pin",
            f"    config[{key}] = own",
        ])
    targets = [f"{t['module']}.{t['name']}" for t in clock["targets"]]
    names = ", ".join(f"`{t['name']}`" for t in clock["targets"])
    lines = ["", "", "@pytest.fixture", "def clock(client):",
             f'    """`clock(moment)` sets the moment the app\'s clock (the {names} dependency) reads, for the',
             '    requests after it."""',
             "    overrides = client.app.dependency_overrides", "",
             "    def pin(moment):"]
    lines += [f"        overrides[{target}] = lambda: {reads}" for target in targets]
    lines += ["", "    yield pin"]
    lines += [f"    overrides.pop({target}, None)" for target in targets]
    return "\n".join(lines)


def clock_modules(clock: dict[str, Any] | None) -> set[str]:
    """The modules the fixture names the clock through."""
    if not clock or clock.get("kind") != "dependency":
        return set()
    return {t["module"] for t in clock["targets"]}
