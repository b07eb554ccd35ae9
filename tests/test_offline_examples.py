"""The offline engine on a library that documents its use: a README with a fenced Python example and a module
docstring with `>>>` examples. Each example runs as written; what its expressions give and what it prints are
pinned, so a test fails when the documented behaviour changes.

The library runs through a whole offline session; its tests pass as written, and a bug in what an example shows
fails its test.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from agent.sandbox import ProcessSandbox
from agent.session import RunConfig, run_session
from test_offline_engine import pytest_in, seeded

from conftest import make_repo

README = '''# tally

Counting votes for a small poll.

```python
from tally import Poll

poll = Poll("lunch", options=("pizza", "soup"))
poll.vote("ann", "pizza")
poll.vote("bob", "soup")
poll.vote("cy", "pizza")
poll.results()      # {"pizza": 2, "soup": 1}
poll.winner()       # "pizza"
poll.close()
```

Run `python -m tally` to see a demo.
'''

TALLY = '''"""Polls whose voters vote once.

    >>> from tally import Poll
    >>> p = Poll("colour", options=("red", "blue"))
    >>> p.vote("ann", "red")
    >>> p.vote("ann", "blue")
    Traceback (most recent call last):
    ...
    tally.AlreadyVoted: ann
"""


class AlreadyVoted(Exception):
    pass


class Poll:
    def __init__(self, title, options):
        self.title = title
        self.options = tuple(options)
        self.votes = {}
        self.open = True

    def vote(self, voter, option):
        if not self.open:
            raise ValueError("the poll is closed")
        if option not in self.options:
            raise ValueError(f"no option {option!r}")
        if voter in self.votes:
            raise AlreadyVoted(voter)
        self.votes[voter] = option

    def results(self):
        counts = {option: 0 for option in self.options}
        for option in self.votes.values():
            counts[option] += 1
        return counts

    def winner(self):
        counts = self.results()
        best = max(counts.values())
        return next(option for option, count in counts.items() if count == best)

    def close(self):
        self.open = False
        print(f"{self.title}: closed with {len(self.votes)} vote(s)")
'''


@pytest.fixture(scope="module")
def tally(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    repo = make_repo(tmp_path_factory.mktemp("tally"), {"README.md": README, "tally/__init__.py": TALLY})
    config = RunConfig(repo=repo, request="add tests for the tally library's Poll", model="offline",
                       verify_options={"mutants": False, "flake_reruns": 0, "coverage": False})
    outcome = run_session(config, sandbox=ProcessSandbox(), progress=lambda _: None).outcome
    [written] = [f.path for f in outcome.implementation.files if "documented_example" in (repo / f.path).read_text()]
    return repo, written


def test_the_readme_example_runs_with_what_it_shows_pinned(tally: tuple[Path, str]) -> None:
    repo, path = tally
    text = (repo / path).read_text()
    assert 'assert poll.results() == {"pizza": 2, "soup": 1}' in text
    assert 'assert poll.winner() == "pizza"' in text
    assert 'assert capsys.readouterr().out == "lunch: closed with 3 vote(s)\\n"' in text
    assert "The example in README.md, example 1 runs as documented" in text
    done = pytest_in(repo, path)
    assert done.returncode == 0, done.stdout[-2000:]


def test_a_docstring_example_runs_up_to_what_it_raises(tally: tuple[Path, str]) -> None:
    repo, path = tally
    text = (repo / path).read_text()
    assert 'p = Poll("colour", options=("red", "blue"))' in text
    assert "The example in the docstring of tally runs as documented" in text
    assert 'with pytest.raises(Exception) as raised:\n        p.vote("ann", "blue")' in text
    assert 'assert type(raised.value).__name__ == "AlreadyVoted"' in text


@pytest.mark.parametrize(("before", "after"), [
    ("counts[option] += 1", "counts[option] = 1"),
    ("best = max(counts.values())", "best = min(counts.values())"),
    ('print(f"{self.title}: closed with {len(self.votes)} vote(s)")', 'print(f"{self.title}: closed")'),
])
def test_a_bug_in_what_the_readme_shows_fails_its_test(tally: tuple[Path, str], tmp_path: Path, before: str,
                                                      after: str) -> None:
    repo, path = tally
    copy = tmp_path / "repo"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    seeded(copy, "tally/__init__.py", before, after)
    done = pytest_in(copy, path, "-k", "documented_example_1")
    assert "1 failed" in done.stdout, done.stdout[-2000:]


REMINDERS = '''"""Reminders that repeat.

    >>> from datetime import datetime
    >>> from reminders import Reminder
    >>> Reminder("weekly", datetime(2030, 1, 7, 9, 0)).next_after(datetime(2030, 1, 8))
    datetime.datetime(2030, 1, 14, 9, 0)
"""

from datetime import datetime, timedelta

EVERY = {"daily": timedelta(days=1), "weekly": timedelta(weeks=1)}


class Reminder:
    def __init__(self, every: str, first: datetime, times: int | None = None) -> None:
        every = str(every).strip().lower()
        if every not in EVERY:
            raise ValueError(f"every must be one of {sorted(EVERY)}")
        self.every = every
        self.first = first
        self.times = times

    def next_after(self, moment: datetime) -> datetime | None:
        step, at, n = EVERY[self.every], self.first, 1
        while at <= moment:
            at, n = at + step, n + 1
        if self.times is not None and n > self.times:
            return None
        return at
'''


def test_a_checked_text_parameter_gets_the_values_its_code_accepts(tmp_path: Path) -> None:
    """`every` is a plain `str` the constructor checks against a module mapping after lowering it: exploration
    passes the mapping's keys, so objects are made and their methods reached; a docstring's `datetime(...)`
    arguments are values too."""
    repo = make_repo(tmp_path / "reminders", {"reminders/__init__.py": REMINDERS})
    config = RunConfig(repo=repo, request="add tests for the reminders library's Reminder", model="offline",
                       verify_options={"mutants": False, "flake_reruns": 0, "coverage": False})
    outcome = run_session(config, sandbox=ProcessSandbox(), progress=lambda _: None).outcome
    texts = {f.path: (repo / f.path).read_text() for f in outcome.implementation.files}
    text = "\n".join(texts.values())
    assert re.search(r'Reminder\(every="(daily|weekly)"', text), text[:3000]
    assert "assert repr(Reminder(\"weekly\", datetime(2030, 1, 7, 9, 0)).next_after(" in text
    done = pytest_in(repo, *texts)
    assert done.returncode == 0, done.stdout[-2000:]
    seeded(repo, "reminders/__init__.py", "while at <= moment:", "while at < moment:")
    assert pytest_in(repo, *texts).returncode == 1
